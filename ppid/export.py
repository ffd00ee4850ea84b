"""The XLSX of the PPID inbox (admin, ppid/admin_views.py RequestIndexView), written by home/spreadsheets.py so no
cell runs as a formula.

It holds the register columns the desk works with, and no personal data: no name, NIK, address, contact, proxy
letter, nor the text of the request (which may name people). Those stay in the admin, where each file opening is
logged; a spreadsheet travels further. The rows come from one query (objection counts are annotated), however many.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from home.spreadsheets import export_response


def _date(value):
    return value.isoformat() if value else ""


def _datetime(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def columns(today):
    return [
        (_("Registration number"), lambda i: i.number),
        (_("Channel"), lambda i: i.get_channel_display()),
        (_("Requester type"), lambda i: i.get_requester_type_display()),
        (_("State"), lambda i: i.get_state_display()),
        (_("Unit"), lambda i: i.unit),
        (_("Received (WIB)"), lambda i: _datetime(i.received_at)),
        (_("Due (10 working days)"), lambda i: _date(i.first_due)),
        (_("Due"), lambda i: _date(i.due_date)),
        (_("Extended"), lambda i: _("yes") if i.is_extended else ""),
        (_("Lateness"), lambda i: str(i.lateness_label(today))),
        (_("Written notice sent (WIB)"), lambda i: _datetime(i.notice_at)),
        (_("Closed (WIB)"), lambda i: _datetime(i.closed_at)),
        (_("Objections"), lambda i: i.objection_count),
        (_("Open objections"), lambda i: i.open_objection_count),
    ]


def response(items, today=None):
    today = today or timezone.localdate()
    cols = columns(today)
    headers = [heading for heading, _get in cols]
    rows = [[get(item) for _heading, get in cols] for item in items]
    stamp = f"{today:%Y%m%d}"
    return export_response("xlsx", f"permohonan-informasi-{stamp}", headers, rows, sheet_title=_("Requests"))
