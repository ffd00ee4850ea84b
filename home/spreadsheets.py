"""The one XLSX/CSV writer of the site: every download of rows (registrations, responses, feedback, reports, a
person's data) goes through here, so every spreadsheet is safe the same way.

- No formulas: a cell that starts with "=", "+", "-", "@", a tab or a carriage return would run as a formula when
  an editor opens a CSV in Excel or LibreOffice (CSV injection, OWASP); in CSV such a cell gets a leading
  apostrophe, and in XLSX every text cell is written as a string cell, whatever it starts with.
- Control characters pasted from other programs, which XLSX does not allow at all, are dropped.
- CSV starts with a byte-order mark, so Excel reads UTF-8 (Indonesian names, "é", "–").
- The file name in Content-Disposition is a quoted basename (RFC 6266), and the response is never cached.
"""

import csv
import datetime as dt
import io
import json

from django.http import HttpResponse
from django.utils.http import content_disposition_header

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_safe(value):
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell_value(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, int | float | dt.date | type(None)):
        value = ILLEGAL_CHARACTERS_RE.sub("", str(value))  # also turns lazy translations into text
    return value


def xlsx_bytes(sheets):
    """An XLSX file with one sheet per `{title: (headers, rows)}`; headers bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, (headers, rows) in sheets.items():
        sheet = workbook.create_sheet(str(title)[:31])
        for row_number, row in enumerate([headers, *rows], start=1):
            for column, value in enumerate(row, start=1):
                value = _cell_value(value)
                cell = sheet.cell(row=row_number, column=column, value=value)
                if isinstance(value, str):
                    # openpyxl stores any string that starts with "=" as a formula; this one is text, always.
                    cell.data_type = "s"
                if row_number == 1:
                    cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_safe(h) for h in headers])
    writer.writerows([csv_safe(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def export_response(fmt, filename, headers, rows, *, sheet_title="Data"):
    """An XLSX or CSV download of `rows` (lists of values) under `headers`; `filename` without its extension."""
    if fmt == "xlsx":
        return download(xlsx_bytes({sheet_title: (headers, list(rows))}), XLSX_TYPE, f"{filename}.xlsx")
    if fmt == "csv":
        return download(csv_bytes(headers, rows), "text/csv; charset=utf-8", f"{filename}.csv")
    raise ValueError(fmt)
