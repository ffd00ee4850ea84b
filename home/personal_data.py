"""Where personal data lives, how long it is kept, and how a person's rows are found, exported and erased.

UU 27/2022 (Pelindungan Data Pribadi) asks three things of every place personal data is stored: keep it only as long
as its purpose needs (`manage.py purge_personal_data`), show a person everything held about them and erase it on
request (Settings › Pelindungan data, `home/data_requests.py`). All three read this one registry, `SOURCES`.

A new model with personal fields must be added here (or to `NOT_PERSONAL` with the reason it needs no entry):
`tests/test_personal_data.py::test_every_model_with_personal_fields_is_in_the_registry` fails until it is.

Each source says:
- `fields`: the personal fields (what the export shows and what erasure clears);
- `find(email)`: the rows of the person with that e-mail address (queryset), or None when rows hold no e-mail;
- `expired(now)`: the rows past their retention period that still hold personal data (so a second run finds none);
- `forget(rows)`: what retention does (anonymise or delete), keeping the counts reports need;
- `erase(rows)`: what a data-subject erasure does (defaults to `forget`; may clear more).
Retention periods come from `settings.PERSONAL_DATA_RETENTION` (days), with the defaults below.
"""

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.crypto import salted_hmac

DEFAULT_RETENTION = {
    "event": 90,  # registrations: days after the event ends
    "consultation": 90,  # responses: days after the consultation closes
    "feedback": 365,  # feedback: days after the item was closed (Selesai/Ditolak)
    "form_entry": 90,  # answers to an editor's form that no submission owns any more
    "outbox_sent": 30,  # mails: days after they were sent
    "outbox_failed": 90,  # mails that never went: days after they were queued
    "task_result": 14,  # finished background tasks (their tracebacks may quote an address)
    "login_log": 90,  # django-axes' access and failure logs (editors' usernames and addresses)
    "orphan_file": 1,  # private uploads no row points at (a transaction that failed after the file was written)
}
ANONYMOUS_DOMAIN = "anonim.invalid"
ERASED_TEXT = "[dihapus atas permintaan pemilik data]"


def retention_days(kind):
    return {**DEFAULT_RETENTION, **getattr(settings, "PERSONAL_DATA_RETENTION", {})}[kind]


def cutoff(kind, now):
    return now - dt.timedelta(days=retention_days(kind))


def subject_hash(email):
    """What logs and Wagtail's history name a data subject by: a keyed hash (SECRET_KEY), so a list of common
    addresses cannot be hashed and compared against it."""
    return salted_hmac("kesbangpol.personal-data-subject", str(email).strip().lower()).hexdigest()[:16]


@dataclass(frozen=True)
class Source:
    label: str  # "app_label.ModelName"
    title: str  # shown in the admin and as the sheet name of the export
    fields: tuple
    retention: str  # what happens when, in words (docs and the admin page)
    expired: object
    forget: object
    find: object = None
    erase: object = None
    covers: tuple = ()  # further models whose rows go with these (cascade), e.g. FieldEntry with FormEntry
    columns: tuple = ()  # exported columns (attribute paths), on top of `fields`
    export: object = None  # custom export of rows: rows -> [dict]

    @property
    def model(self):
        return apps.get_model(self.label)

    def rows_for(self, email):
        return self.find(email) if self.find else self.model.objects.none()

    def export_rows(self, rows):
        if self.export:
            return self.export(rows)
        return [{path: plain(resolve(row, path)) for path in (*self.columns, *self.fields)} for row in rows]

    def erase_rows(self, rows):
        return (self.erase or self.forget)(rows)


def resolve(obj, path):
    for part in path.split("."):
        obj = getattr(obj, part, None) if obj is not None else None
    return obj


def plain(value):
    """A value for JSON and spreadsheets."""
    if isinstance(value, FieldFile):
        return os.path.basename(value.name) if value else ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def _model(label):
    return apps.get_model(label)


# -- feedback (consultations/models/feedback.py) -------------------------------------------------------------------
def _feedback_expired(now):
    Feedback = _model("consultations.Feedback")
    identity = Q(name__gt="") | Q(email__gt="") | Q(phone__gt="") | Q(attachment__gt="")
    return Feedback.objects.filter(status__in=Feedback.FINAL_STATUSES, closed_at__lt=cutoff("feedback", now)).filter(
        identity
    )


def _feedback_strip(rows, *, message=False, note):
    FeedbackEvent = _model("consultations.FeedbackEvent")
    done = 0
    for item in rows.iterator():
        with transaction.atomic():
            if item.attachment:
                item.attachment.delete(save=False)
            item.name = item.email = item.phone = ""
            item.attachment_type, item.attachment_size = "", None
            changed = ["name", "email", "phone", "attachment", "attachment_type", "attachment_size"]
            if message:
                item.message = ERASED_TEXT
                changed.append("message")
            item.save(update_fields=changed)
            FeedbackEvent.objects.create(feedback=item, kind=FeedbackEvent.Kind.NOTE, text=note)
        done += 1
    return done


def _feedback_forget(rows):
    days = retention_days("feedback")
    return _feedback_strip(rows, note=f"Data pribadi dihapus {days} hari setelah laporan ditutup.")


def _feedback_erase(rows):
    return _feedback_strip(rows, message=True, note="Data pribadi dihapus atas permintaan pemilik data.")


# -- consultation responses (consultations/models/consultation.py) --------------------------------------------------
def _responses_expired(now):
    return (
        _model("consultations.ConsultationResponse")
        .objects.filter(page__closes_at__lt=cutoff("consultation", now))
        .filter(Q(name__gt="") | Q(organisation__gt="") | Q(email__gt=""))
    )


def _responses_forget(rows):
    # The text and the topics stay: they are what "Apa yang kami dengar" counts and quotes (anonymised by editors).
    return rows.update(name="", organisation="", email="")


def _responses_erase(rows):
    # Topics and answers to choice questions stay (counted, never shown per person); the person's own words go.
    return rows.update(name="", organisation="", email="", response=ERASED_TEXT, quote="", quote_approved=False)


# -- event registrations (consultations/models/events.py) -----------------------------------------------------------
def _registrations_expired(now):
    return (
        _model("consultations.Registration")
        .objects.filter(event__ends_at__lt=cutoff("event", now))
        .exclude(email__endswith=f"@{ANONYMOUS_DOMAIN}")
    )


def _registrations_forget(rows):
    """Anonymise: status, category, check-in time and code (a pseudonym) stay, so seat counts and the attendance
    report by category still add up; name, contacts, organisation, the answers and the mails go."""
    from forms_builder.forms.models import FormEntry

    Registration = _model("consultations.Registration")
    OutboxMessage = _model("home.OutboxMessage")
    done = 0
    for registration in rows.only("pk", "entry_id").iterator():
        with transaction.atomic():
            Registration.objects.filter(pk=registration.pk).update(
                full_name="",
                email=f"peserta-{registration.pk}@{ANONYMOUS_DOMAIN}",
                phone="",
                organisation="",
                organisation_key="",
                entry=None,
            )
            if registration.entry_id:
                FormEntry.objects.filter(pk=registration.entry_id).delete()
            OutboxMessage.objects.filter(key__startswith=f"event-registration:{registration.pk}:").delete()
        done += 1
    return done


def _registrations_erase(rows):
    """Cancel what is still active first, through the events' own code: the seat is freed and the next person on
    the waitlist promoted, exactly as when a participant cancels. Then anonymise as retention does."""
    from consultations import registration as seats

    Registration = _model("consultations.Registration")
    for registration in rows.filter(status__in=Registration.ACTIVE).select_related("event"):
        seats.cancel(registration, by_editor=True)
    return _registrations_forget(rows.model.objects.filter(pk__in=list(rows.values_list("pk", flat=True))))


# -- editor-built form answers (forms_builder FormEntry/FieldEntry) -------------------------------------------------
def _owned_entry_ids():
    """Entries a submission (any model with SubmissionMixin) points at; those go with their submission."""
    from consultations.models.builtforms import SubmissionMixin

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

    from consultations.models.builtforms import SubmissionMixin

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


def _delete(rows):
    count = rows.count()
    rows.model.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).delete()
    return count


# -- the outbox (home/outbox.py) ------------------------------------------------------------------------------------
def _outbox_expired(now):
    OutboxMessage = _model("home.OutboxMessage")
    return OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.SENT, sent_at__lt=cutoff("outbox_sent", now))
        | Q(status=OutboxMessage.Status.FAILED, created_at__lt=cutoff("outbox_failed", now))
    )


def _outbox_find(email):
    """Mails to (or replying to) the address. JSON lists are matched as text first (works on SQLite and PostgreSQL),
    then checked exactly, so budi@x does not match abudi@x."""
    OutboxMessage = _model("home.OutboxMessage")
    wanted = email.strip().lower()
    candidates = OutboxMessage.objects.annotate(
        to_text=Cast("to", models.TextField()), reply_text=Cast("reply_to", models.TextField())
    ).filter(Q(to_text__icontains=wanted) | Q(reply_text__icontains=wanted))
    ids = [
        message.pk
        for message in candidates.only("pk", "to", "reply_to")
        if wanted in {str(a).strip().lower() for a in [*(message.to or []), *(message.reply_to or [])]}
    ]
    return OutboxMessage.objects.filter(pk__in=ids)


# -- background task results (django-tasks-db) ---------------------------------------------------------------------
def _tasks_expired(now):
    return _model("django_tasks_database.DBTaskResult").objects.filter(
        finished_at__isnull=False, finished_at__lt=cutoff("task_result", now)
    )


def _tasks_find(email):
    # Arguments are outbox ids; only an SMTP error's traceback could quote an address.
    return _model("django_tasks_database.DBTaskResult").objects.filter(traceback__icontains=email.strip())


# -- login records (django-axes) ------------------------------------------------------------------------------------
def _attempts_expired(now):
    # An attempt older than the cool-off no longer locks anyone out; it is of no further use.
    return _model("axes.AccessAttempt").objects.filter(attempt_time__lt=now - settings.AXES_COOLOFF_TIME)


def _axes_log_expired(label):
    return lambda now: _model(label).objects.filter(attempt_time__lt=cutoff("login_log", now))


def _axes_find(label):
    return lambda email: _model(label).objects.filter(username__iexact=email.strip())


AXES_FIELDS = ("username", "ip_address", "user_agent", "path_info")

SOURCES = [
    Source(
        "consultations.Registration",
        "Pendaftaran kegiatan",
        ("full_name", "email", "phone", "organisation", "organisation_key"),
        "Dianonimkan 90 hari setelah kegiatan selesai; status, kategori, kehadiran dan kode tetap untuk rekap.",
        expired=_registrations_expired,
        forget=_registrations_forget,
        find=lambda email: _model("consultations.Registration").objects.filter(email__iexact=email.strip()),
        erase=_registrations_erase,
        columns=("code", "event.title", "status", "category.name", "created_at", "attended_at", "consent_version"),
    ),
    Source(
        "forms.FormEntry",
        "Jawaban formulir",
        ("fields",),
        "Dihapus bersama pendaftarannya; jawaban tanpa pemilik dihapus 90 hari setelah dikirim.",
        expired=_entries_expired,
        forget=_delete,
        find=_entries_find,
        covers=("forms.FieldEntry",),
        export=_entries_export,
    ),
    Source(
        "consultations.ConsultationResponse",
        "Tanggapan konsultasi publik",
        ("name", "organisation", "email", "response"),
        "Nama, organisasi dan e-mail dihapus 90 hari setelah konsultasi ditutup; isi dan topik tetap untuk rekap.",
        expired=_responses_expired,
        forget=_responses_forget,
        find=lambda email: _model("consultations.ConsultationResponse").objects.filter(email__iexact=email.strip()),
        erase=_responses_erase,
        columns=("reference_code", "page.title", "submitted_at", "topics", "answers", "consent_version"),
    ),
    Source(
        "consultations.Feedback",
        "Saran dan pengaduan",
        ("name", "email", "phone", "message", "attachment"),
        "Nama, kontak dan lampiran dihapus 1 tahun setelah laporan ditutup; kode, topik dan riwayat tetap.",
        expired=_feedback_expired,
        forget=_feedback_forget,
        find=lambda email: _model("consultations.Feedback").objects.filter(email__iexact=email.strip()),
        erase=_feedback_erase,
        columns=("tracking_code", "kind", "topic.name", "status", "submitted_at", "public_answer", "consent_version"),
    ),
    Source(
        "home.OutboxMessage",
        "E-mail terkirim",
        ("to", "reply_to", "subject", "body_text"),
        "Dihapus 30 hari setelah terkirim (90 hari bila gagal terkirim).",
        expired=_outbox_expired,
        forget=_delete,
        find=_outbox_find,
        columns=("key", "status", "created_at", "sent_at"),
    ),
    Source(
        "django_tasks_database.DBTaskResult",
        "Hasil tugas latar belakang",
        ("traceback",),
        "Dihapus 14 hari setelah selesai.",
        expired=_tasks_expired,
        forget=_delete,
        find=_tasks_find,
        columns=("task_path", "status", "finished_at"),
    ),
    Source(
        "axes.AccessAttempt",
        "Percobaan masuk admin",
        AXES_FIELDS,
        "Dihapus setelah masa penguncian (15 menit) lewat.",
        expired=_attempts_expired,
        forget=_delete,
        find=_axes_find("axes.AccessAttempt"),
        covers=("axes.AccessAttemptExpiration",),
        columns=("attempt_time", "failures_since_start"),
    ),
    Source(
        "axes.AccessFailureLog",
        "Log gagal masuk admin",
        AXES_FIELDS,
        "Dihapus 90 hari setelah dicatat.",
        expired=_axes_log_expired("axes.AccessFailureLog"),
        forget=_delete,
        find=_axes_find("axes.AccessFailureLog"),
        columns=("attempt_time", "locked_out"),
    ),
    Source(
        "axes.AccessLog",
        "Log masuk admin",
        AXES_FIELDS,
        "Dihapus 90 hari setelah dicatat.",
        expired=_axes_log_expired("axes.AccessLog"),
        forget=_delete,
        find=_axes_find("axes.AccessLog"),
        columns=("attempt_time", "logout_time"),
    ),
]
SOURCES_BY_LABEL = {source.label: source for source in SOURCES}

# Models whose fields look personal but need no entry above, and why. The registry test reads this list.
NOT_PERSONAL = {
    "auth.User": "editors' accounts; managed in Wagtail's admin (Settings › Users), not citizens' data",
    "wagtailusers.UserProfile": "editors' admin preferences and avatars, with their account",
    "sessions.Session": "expire by themselves; removed by the clearsessions timer",
    # Wagtail's search index model on PostgreSQL (SQLite uses its own FTS tables): only live pages are indexed, and
    # pages are the agency's published text; feedback, responses and registrations are not indexed.
    "wagtailsearch.IndexEntry": "search index of published pages: public text only",
    "home.SiteSettings": "the agency's public contact details",
    "home.DataSubjectRequest": "no table; it only carries the data-request permission",
    "consultations.FeedbackSettings": "the agency's own notification addresses",
    "consultations.FeedbackTopic": "topic names and the agency's notification addresses",
    "consultations.FeedbackEvent": "the agency's handling notes; personal data stays on the item itself",
    "consultations.ConsultationPage": "the team's own notification addresses and published text",
    "consultations.Speaker": "speakers named on published event pages, entered by editors",
    "consultations.EventKind": "names of kinds of event",
    "consultations.ParticipantCategory": "names of participant categories",
    "consultations.Holiday": "names of public holidays",
    "consultations.BuiltFormField": "questions of a form, not answers",
    "forms.Field": "questions of a form, not answers",
    "forms.FieldEntry": "answers; erased and purged with their FormEntry (forms.FormEntry)",
    "axes.AccessAttemptExpiration": "goes with its AccessAttempt",
    "taggit.Tag": "tag names",
    "wagtailcore.Site": "host names",
    "wagtailcore.Collection": "collection names",
    "wagtailcore.GroupCollectionPermission": "permissions",
    "auth.Group": "group names",
    "auth.Permission": "permission names",
    "contenttypes.ContentType": "model names",
    "sites.Site": "host names",
    "wagtailcore.ModelLogEntry": "editors' actions in the admin (data subjects appear only as a keyed hash)",
    "wagtailcore.PageLogEntry": "editors' actions on pages",
    "wagtailcore.Task": "workflow task names",
    "wagtailcore.Workflow": "workflow names",
    "wagtailcore.Comment": "editors' comments on pages",
    "wagtailcore.CommentReply": "editors' replies to page comments",
    "wagtailcore.UploadedFile": "a file upload in progress in the admin",
    "wagtailforms.FormSubmission": "no Wagtail form page type exists; forms are built with forms_builder",
    "wagtailredirects.Redirect": "URLs",
    "wagtailcore.APIToken": "tokens of the admin's API, named by editors",
    "wagtailcore.GroupApprovalTask": "workflow task names",
    "wagtailcore.ReferenceIndex": "links between pages and objects",
    "news.NewsCategory": "names of news categories",
    "consultations.EventPage": "the venue of a published event",
    "consultations.BuiltForm": "a form's settings; forms_builder's mailer is switched off (no addresses stored)",
    "forms.Form": "a form's settings (see consultations.BuiltForm)",
}


def registered_labels():
    """Every model label the registry accounts for (sources, what goes with them, and NOT_PERSONAL)."""
    covered = {source.label for source in SOURCES}
    covered |= {label for source in SOURCES for label in source.covers}
    return covered | set(NOT_PERSONAL)


# -- private files on disk -----------------------------------------------------------------------------------------
def orphan_private_files(now=None):
    """Files under PRIVATE_MEDIA_ROOT no row points at, older than a day: written by a transaction that then failed
    (the row was rolled back), or left by a row deleted outside the purge."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    if not root.is_dir():
        return []
    from consultations.storage import PrivateStorage

    referenced = set()
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField) and isinstance(f.storage, PrivateStorage):
                referenced |= set(model.objects.exclude(**{f.name: ""}).values_list(f.name, flat=True))
    limit = (now or timezone.now()).timestamp() - retention_days("orphan_file") * 86400
    orphans = []
    for path in root.rglob("*"):
        if path.is_file() and path.relative_to(root).as_posix() not in referenced and path.stat().st_mtime < limit:
            orphans.append(path)
    return orphans


def find_person(email):
    """{source: queryset} of every row held about the person with this e-mail address."""
    return {source: source.rows_for(email) for source in SOURCES}


def export_person(email):
    """{source title: [row dicts]} of everything held about the person (only sources with rows)."""
    found = {}
    for source, rows in find_person(email).items():
        exported = source.export_rows(rows)
        if exported:
            found[source.title] = exported
    return found


def erase_person(email):
    """Erase the person everywhere; {source label: rows changed}. One transaction: all of it, or none."""
    counts = {}
    with transaction.atomic():
        for source in SOURCES:
            rows = source.rows_for(email)
            if rows.exists():
                counts[source.label] = source.erase_rows(rows)
    return counts
