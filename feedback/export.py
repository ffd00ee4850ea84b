"""CSV and XLSX exports of feedback items that a spreadsheet cannot turn into formulas.

Written by home/spreadsheets.py: a cell that starts like a formula gets a leading apostrophe (in XLSX too), and
every XLSX cell is a string cell. The export carries no personal data (no name, e-mail or
phone): reporting needs none, and a spreadsheet travels further than the admin.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from home.spreadsheets import csv_safe, export_response


def _date(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def columns():
    return [
        (_("Tracking code"), lambda i: i.tracking_code),
        (_("Received (WIB)"), lambda i: _date(i.submitted_at)),
        (_("Kind"), lambda i: i.get_kind_display()),
        (_("Topic"), lambda i: i.topic.name),
        (_("Team"), lambda i: i.team.name if i.team else _("Triage")),
        (_("Status"), lambda i: i.get_status_display()),
        (_("Assignee"), lambda i: i.assignee_name),
        (_("Verify by"), lambda i: i.verify_due.isoformat()),
        (_("Answer by"), lambda i: i.answer_due.isoformat()),
        (_("Overdue"), lambda i: _("yes") if i.is_overdue() else ""),
        (_("Forwarded to"), lambda i: i.forwarded_to),
        (_("LAPOR! reference"), lambda i: i.lapor_reference),
        (_("Message"), lambda i: i.message),
        (_("Public answer"), lambda i: i.public_answer),
        (_("Answered (WIB)"), lambda i: _date(i.answered_at)),
        (_("Closed (WIB)"), lambda i: _date(i.closed_at)),
    ]


def rows(items):
    cols = columns()
    yield [heading for heading, _get in cols]
    for item in items:
        # Formula-safe in XLSX as well: the same text whichever file an editor opens.
        yield [csv_safe(get(item)) for _heading, get in cols]


def response(fmt, items):
    headers, *data = rows(items)
    stamp = f"{timezone.localdate():%Y%m%d}"
    return export_response(fmt, f"saran-pengaduan-{stamp}", headers, data, sheet_title=_("Feedback"))
