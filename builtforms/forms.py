"""Editor-built questions on a public page, done safely: the reusable part of the forms_builder integration.

Editors build a form in the Wagtail admin (Snippets › Registration forms: `BuiltForm` with an InlinePanel of
`BuiltFormField`, see builtforms/models.py) and choose it on a page. This module turns that form
into a Django form, stores the answers, and exports them, without the defects of forms_builder's own views that
docs/security.md lists ("The form engine") (its admin, views and mail are never mounted):

- F3: a field's default is used as plain text, never rendered as a template (`questions_form`).
- F7: help text is escaped; labels are escaped by Django (`questions_form`, `includes/form_field.html`).
- F5/F6: `store_answers()` writes FormEntry + FieldEntry rows inside the caller's `transaction.atomic()`, and a
  signed, single-use `submission_token` (`SubmissionTokenMixin` + `SubmissionMixin.submission_token`, unique)
  turns a repeated POST into "the first submission" instead of a second row; a missing or mangled token is
  refused, never taken as a fresh one.
- F8: `home.spreadsheets.export_response()` writes XLSX cells as text and neutralises formula-looking CSV cells;
  the file name in Content-Disposition is a quoted basename.
- F2: `home.security.permission_required()` answers 403 unless the user holds the named permission; use it on every view
  and export that shows submissions.

To reuse it for another page type (e.g. a consultation):

1. Give the page `form = ForeignKey("builtforms.BuiltForm", null=True, blank=True, on_delete=PROTECT)` and
   a `FieldPanel("form")` (PROTECT: deleting a form cascades to its entries, i.e. everyone's answers).
2. Make the submission model inherit `consultations.models.SubmissionMixin` (adds `submission_token`, `entry`).
3. In the view: `core = MyCoreForm(request.POST or None)` with `SubmissionTokenMixin` in its bases, and
   `questions = questions_form(page.form, data=request.POST or None)`; render both with the include
   `includes/form_field.html` per question and `includes/error_summary.html` for both forms' errors.
   On a valid POST:

       token = core.cleaned_data["submission_token"]
       if (done := MySubmission.objects.filter(submission_token=token).first()):
           return redirect(success_url(done))          # a repeat: same answer, nothing new
       with transaction.atomic():
           submission = MySubmission.objects.create(..., submission_token=token,
                                                    entry=store_answers(questions))
           queue_mail(...)                             # home.outbox: stored in the same transaction
       return redirect(success_url(submission))        # always PRG

   Catch IntegrityError around the atomic block and look the token up again: a concurrent twin won the race.
4. Export with `home.spreadsheets.export_response(fmt, filename, headers, rows)`; build rows with
   `answers_by_entry()` (two queries for any number of entries) and `question_columns(form)`.

Event specifics (seats, waitlist, codes) stay out of this module; see events/seats.py. The second
user is the consultation (consultations/views.py), whose token is home.forms.SubmissionTokenField: a
missing or mangled token stores the response once rather than refusing it.
"""

import uuid

from django import forms
from django.core import signing
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _
from forms_builder.forms.forms import FormForForm
from forms_builder.forms.models import FieldEntry

from builtforms.models import FieldKind
from home.forms import PlainHiddenInput
from home.phone import PhoneField

TOKEN_SALT = "builtforms.forms.submission-token"
# The same words as home.antispam's refusal of a tampered form: the visitor can only reload and send again.
TOKEN_REFUSED = _("The form could not be checked. Please reload the page and send it again.")
QUESTIONS_PREFIX = "q"


# Submission tokens ------------------------------------------------------------------------------------------------
def new_submission_token():
    """A signed uuid4 for the hidden field of a fresh form; the signature stops people choosing tokens."""
    return signing.dumps(str(uuid.uuid4()), salt=TOKEN_SALT)


class SubmissionTokenMixin(forms.Form):
    """Adds the hidden `submission_token`; `cleaned_data["submission_token"]` is a `uuid.UUID`.

    Issue the form with `initial={"submission_token": new_submission_token()}`; the token stays the same when a
    form with errors is shown again, so the eventual successful POST and any repeat of it share one token.
    """

    submission_token = forms.CharField(widget=PlainHiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No field-level checks (NUL, required): whatever arrives is judged by clean_submission_token below.
        self.fields["submission_token"].validators = []

    def clean_submission_token(self):
        try:
            return uuid.UUID(signing.loads(self.cleaned_data["submission_token"], salt=TOKEN_SALT))
        except (signing.BadSignature, ValueError, TypeError):
            # Our page always sends a signed token: a missing or mangled one is a crafted or damaged POST, not a
            # fresh submission (taking it as fresh let a script send any number of "new" forms). Refused with the
            # anti-spam check's explanation; the form shown again carries a fresh token, so a person's next try
            # goes through.
            self.data = self.data.copy()
            self.data[self.add_prefix("submission_token")] = new_submission_token()
            raise forms.ValidationError(TOKEN_REFUSED, code="token") from None


# The editor's questions as a Django form ----------------------------------------------------------------------------
class QuestionsForm(FormForForm):
    """forms_builder's FormForForm with our safety rules; build it with `questions_form()`."""

    def __init__(self, built_form, *args, **kwargs):
        fields_by_id = {f.pk: f for f in built_form.builder_fields.all()}
        # Every field gets an explicit initial value, so FormForForm never reaches its
        # `Template(field.default).render(context)` fallback (F3). The default is literal text.
        initial = {f.slug: f.default for f in fields_by_id.values()}
        initial.update(kwargs.pop("initial", None) or {})
        super().__init__(built_form, None, *args, initial=initial, **kwargs)
        for field in self.form_fields:
            built = fields_by_id.get(field.pk)
            kind = built.kind if built else None
            django_field = self.fields[field.slug]
            if kind == FieldKind.PHONE:
                django_field = self.fields[field.slug] = PhoneField(label=field.label, required=field.required)
            elif kind == FieldKind.DATE:
                django_field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            elif kind == FieldKind.NUMBER:
                django_field.widget = forms.NumberInput(attrs={"step": "any"})
            elif kind == FieldKind.EMAIL:
                django_field.widget = forms.EmailInput()
            # Help text is editor input shown on a public page; Django's templates print it with |safe (F7).
            django_field.help_text = conditional_escape(field.help_text)
            django_field.widget.attrs.pop("class", None)
            if field.required and kind != FieldKind.CHECKBOXES:
                django_field.widget.attrs["required"] = True


def questions_form(built_form, data=None, prefix=QUESTIONS_PREFIX):
    """The form of the editor's questions, or None when the page has no extra questions."""
    if built_form is None:
        return None
    form = QuestionsForm(built_form, data=data, prefix=prefix)
    return form if form.fields else None


def store_answers(questions):
    """Save a valid `questions_form` as FormEntry + FieldEntry rows; call inside `transaction.atomic()` (I3).

    Returns the FormEntry, or None when there were no questions.
    """
    if questions is None:
        return None
    return questions.save()


# Reading answers ------------------------------------------------------------------------------------------------
def question_columns(built_form):
    """[(field id, label)] of the form's questions, in the editor's order (for tables and exports)."""
    if built_form is None:
        return []
    return list(built_form.fields.order_by("order", "pk").values_list("pk", "label"))


def answers_by_entry(entry_ids):
    """{entry id: {field id: value}} for many entries in one query."""
    answers = {}
    for entry_id, field_id, value in FieldEntry.objects.filter(entry_id__in=[e for e in entry_ids if e]).values_list(
        "entry_id", "field_id", "value"
    ):
        answers.setdefault(entry_id, {})[field_id] = value or ""
    return answers


# Permissions --------------------------------------------------------------------------------------------------------
