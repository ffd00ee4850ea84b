"""CSV and XLSX exports of feedback items that a spreadsheet cannot turn into formulas.

A message that starts with "=", "+", "-", "@" (or a tab or carriage return) would run as a formula when an editor
opens the CSV in Excel or LibreOffice (CSV injection); such cells get a leading apostrophe, the OWASP advice, and in
XLSX every cell is written as a string cell as well. The export carries no personal data (no name, e-mail or
phone): reporting needs none, and a spreadsheet travels further than the admin.
"""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


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
        yield [formula_safe(get(item)) for _heading, get in cols]


def filename(extension):
    return f"saran-pengaduan-{timezone.localdate():%Y%m%d}.{extension}"


def csv_response(items):
    buffer = io.StringIO()
    # A byte-order mark so Excel opens UTF-8 (Indonesian names, "–") correctly.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for row in rows(items):
        writer.writerow(row)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename("csv")}"'
    return response


def xlsx_response(items):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Feedback")[:31])
    for row in rows(items):
        cells = []
        for value in row:
            # Control characters (pasted from other programs) are not allowed in XLSX at all.
            cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
            # openpyxl writes any text that starts with "=" as a formula; force a plain string cell.
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(
        output.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename("xlsx")}"'
    return response
