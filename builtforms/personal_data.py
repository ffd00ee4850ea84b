"""Answers to editors' forms (forms_builder's FormEntry/FieldEntry), registered with home/personal_data.py."""

from django.apps import apps
from django.db import models
from django.db.models import Q

from home.personal_data import Source, cutoff, delete_rows, plain, register


def _owned_entry_ids():
    """Entries a submission (any model with SubmissionMixin) points at; those go with their submission."""
    from builtforms.models import SubmissionMixin

    owners = [m for m in apps.get_models() if issubclass(m, SubmissionMixin)]
    query = Q(pk__in=[])
    for owner in owners:
        query |= Q(pk__in=owner.objects.filter(entry__isnull=False).values("entry_id"))
    return query


def _entries_expired(now):
    from forms_builder.forms.models import FormEntry

    return FormEntry.objects.filter(entry_time__lt=cutoff("form_entry", now)).exclude(_owned_entry_ids())


def _entries_find(email):
    from forms_builder.forms.models import FormEntry

    from builtforms.models import SubmissionMixin

    query = Q(fields__value__iexact=email)
    for owner in apps.get_models():
        if issubclass(owner, SubmissionMixin) and any(f.name == "email" for f in owner._meta.fields):
            query |= Q(pk__in=owner.objects.filter(email__iexact=email, entry__isnull=False).values("entry_id"))
    return FormEntry.objects.filter(query).distinct()


def _entries_export(rows):
    from forms_builder.forms.models import FieldEntry

    rows = list(rows.select_related("form"))
    answers = {}
    for entry_id, label, value in (
        FieldEntry.objects.filter(entry__in=rows)
        .values_list("entry_id", "entry__form__fields__label", "value")
        .filter(entry__form__fields__pk=models.F("field_id"))
    ):
        answers.setdefault(entry_id, {})[label] = value or ""
    return [
        {
            "id": entry.pk,
            "form": entry.form.title,
            "entry_time": plain(entry.entry_time),
            "answers": answers.get(entry.pk, {}),
        }
        for entry in rows
    ]


register(
    Source(
        "forms.FormEntry",
        "Jawaban formulir",
        ("fields",),
        "Dihapus bersama pendaftarannya; jawaban tanpa pemilik dihapus 90 hari setelah dikirim.",
        expired=_entries_expired,
        forget=delete_rows,
        find=_entries_find,
        covers=("forms.FieldEntry",),
        export=_entries_export,
    ),
    not_personal={
        "builtforms.BuiltFormField": "questions of a form, not answers",
        "forms.Field": "questions of a form, not answers",
        "forms.FieldEntry": "answers; erased and purged with their FormEntry (forms.FormEntry)",
        "builtforms.BuiltForm": "a form's settings; forms_builder's mailer is switched off (no addresses stored)",
        "forms.Form": "a form's settings (see builtforms.BuiltForm)",
    },
)
