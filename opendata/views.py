"""The CSV of one statistic: the table exactly as the page shows it (footer last), after two comment lines with
the licence, source and date, like the register's downloads (ormas/views.py)."""

import csv
import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from home.spreadsheets import csv_safe


def csv_text(report):
    headers, rows = report.table()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_safe(str(h)) for h in headers])
    writer.writerows([csv_safe("" if v is None else v) for v in row] for row in rows)
    return out.getvalue()


def report_csv(page, report, today):
    from opendata.models import LICENCE, LICENCE_URL

    head = (
        f"# {report.title}. Badan Kesbangpol Provinsi Kalimantan Tengah. Lisensi {LICENCE} ({LICENCE_URL}).\n"
        f"# Data per {today.isoformat()}. {page.full_url}\n"
    )
    response = HttpResponse("\ufeff" + head + csv_text(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{report.key}-{today.isoformat()}.csv")
    return response
