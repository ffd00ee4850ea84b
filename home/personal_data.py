"""Where personal data lives, how long it is kept, and how a person's rows are found, exported and erased.

UU 27/2022 (Pelindungan Data Pribadi) asks three things of every place personal data is stored: keep it only as long
as its purpose needs (`manage.py purge_personal_data`), show a person everything held about them and erase it on
request (Settings › Pelindungan data, `home/data_requests.py`). All three read this one registry, `SOURCES`.

A new model with personal fields must be added here (or to `NOT_PERSONAL` with the reason it needs no entry):
`tests/site/test_personal_data.py::test_every_model_with_personal_fields_is_in_the_registry` fails until it is.

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
from django.utils.module_loading import autodiscover_modules

DEFAULT_RETENTION = {
    "event": 90,  # registrations: days after the event ends
    "consultation": 90,  # responses: days after the consultation closes
    "feedback": 365,  # feedback: days after the item was closed (Selesai/Ditolak)
    "ppid": 730,  # PPID requests: the requester's identity, days after the case closed (past any dispute at the KI)
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


def model(label):
    return apps.get_model(label)


def delete_rows(rows):
    count = rows.count()
    rows.model.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).delete()
    return count


# -- the outbox (home/outbox.py) ------------------------------------------------------------------------------------
def _outbox_expired(now):
    OutboxMessage = model("home.OutboxMessage")
    return OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.SENT, sent_at__lt=cutoff("outbox_sent", now))
        | Q(status=OutboxMessage.Status.FAILED, created_at__lt=cutoff("outbox_failed", now))
    )


def _outbox_find(email):
    """Mails to (or replying to) the address. JSON lists are matched as text first (works on SQLite and PostgreSQL),
    then checked exactly, so budi@x does not match abudi@x."""
    OutboxMessage = model("home.OutboxMessage")
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
    return model("django_tasks_database.DBTaskResult").objects.filter(
        finished_at__isnull=False, finished_at__lt=cutoff("task_result", now)
    )


def _tasks_find(email):
    # Arguments are outbox ids; only an SMTP error's traceback could quote an address.
    return model("django_tasks_database.DBTaskResult").objects.filter(traceback__icontains=email.strip())


# -- login records (django-axes) ------------------------------------------------------------------------------------
def _attempts_expired(now):
    # An attempt older than the cool-off no longer locks anyone out; it is of no further use.
    return model("axes.AccessAttempt").objects.filter(attempt_time__lt=now - settings.AXES_COOLOFF_TIME)


def _axes_log_expired(label):
    return lambda now: model(label).objects.filter(attempt_time__lt=cutoff("login_log", now))


def _axes_find(label):
    return lambda email: model(label).objects.filter(username__iexact=email.strip())


AXES_FIELDS = ("username", "ip_address", "user_agent", "path_info")

PLATFORM_SOURCES = [
    Source(
        "home.OutboxMessage",
        "E-mail terkirim",
        ("to", "reply_to", "subject", "body_text"),
        "Dihapus 30 hari setelah terkirim (90 hari bila gagal terkirim).",
        expired=_outbox_expired,
        forget=delete_rows,
        find=_outbox_find,
        columns=("key", "status", "created_at", "sent_at"),
    ),
    Source(
        "django_tasks_database.DBTaskResult",
        "Hasil tugas latar belakang",
        ("traceback",),
        "Dihapus 14 hari setelah selesai.",
        expired=_tasks_expired,
        forget=delete_rows,
        find=_tasks_find,
        columns=("task_path", "status", "finished_at"),
    ),
    Source(
        "axes.AccessAttempt",
        "Percobaan masuk admin",
        AXES_FIELDS,
        "Dihapus setelah masa penguncian (15 menit) lewat.",
        expired=_attempts_expired,
        forget=delete_rows,
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
        forget=delete_rows,
        find=_axes_find("axes.AccessFailureLog"),
        columns=("attempt_time", "locked_out"),
    ),
    Source(
        "axes.AccessLog",
        "Log masuk admin",
        AXES_FIELDS,
        "Dihapus 90 hari setelah dicatat.",
        expired=_axes_log_expired("axes.AccessLog"),
        forget=delete_rows,
        find=_axes_find("axes.AccessLog"),
        columns=("attempt_time", "logout_time"),
    ),
]

# Models of the platform and of Django/Wagtail whose fields look personal but need no entry above, and why.
PLATFORM_NOT_PERSONAL = {
    "auth.User": "editors' accounts; managed in Wagtail's admin (Settings › Users), not citizens' data",
    "wagtailusers.UserProfile": "editors' admin preferences and avatars, with their account",
    "sessions.Session": "expire by themselves; removed by the clearsessions timer",
    "wagtailsearch.IndexEntry": "search index of published pages: public text only",
    "home.SiteSettings": "the agency's public contact details",
    "home.DataSubjectRequest": "no table; it only carries the data-request permission",
    "home.Holiday": "names of public holidays",
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
}


# -- the registry ---------------------------------------------------------------------------------------------------
_registered = []
_not_personal = {}
_discovered = False


def register(*sources, not_personal=None):
    """Called by each app's personal_data.py: its sources, and its models that need none (label: reason)."""
    _registered.extend(sources)
    _not_personal.update(not_personal or {})


def _discover():
    global _discovered
    if not _discovered:
        # Every installed app's personal_data.py registers its part (as Django's admin finds admin.py).
        autodiscover_modules("personal_data")
        _discovered = True


def sources():
    """Every source: the apps' (in INSTALLED_APPS order), then the platform's."""
    _discover()
    return [*_registered, *PLATFORM_SOURCES]


def not_personal():
    _discover()
    return {**_not_personal, **PLATFORM_NOT_PERSONAL}


def registered_labels():
    """Every model label the registry accounts for (sources, what goes with them, and the models that need none)."""
    every = sources()
    covered = {source.label for source in every}
    covered |= {label for source in every for label in source.covers}
    return covered | set(not_personal())


# -- private files on disk -----------------------------------------------------------------------------------------
def orphan_private_files(now=None):
    """Files under PRIVATE_MEDIA_ROOT no row points at, older than a day: written by a transaction that then failed
    (the row was rolled back), or left by a row deleted outside the purge."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    if not root.is_dir():
        return []
    from home.storage import PrivateStorage

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
    return {source: source.rows_for(email) for source in sources()}


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
        for source in sources():
            rows = source.rows_for(email)
            if rows.exists():
                counts[source.label] = source.erase_rows(rows)
    return counts
