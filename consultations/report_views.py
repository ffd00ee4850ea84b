"""The report pages in the admin and their XLSX exports.

Every view asks the report's own permission (403 otherwise, as a plain page rather than Wagtail's redirect), and
every export is written to the audit log (consultations/audit.py): who, when, which report, how many rows.
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from consultations import audit, formbuilder
from consultations.reports import REPORTS


def _forbidden(request):
    return TemplateResponse(request, "consultations/admin/report_forbidden.html", status=403)


def _report_type(key):
    report_type = REPORTS.get(key)
    if report_type is None:
        raise Http404
    return report_type


def report(request, key):
    report_type = _report_type(key)
    if not report_type.allowed(request.user):
        return _forbidden(request)
    built = report_type.build(request.user, timezone.localdate())
    return TemplateResponse(
        request,
        "consultations/admin/report.html",
        {
            "report": built,
            "report_type": report_type,
            "can_export": report_type.export_allowed(request.user),
            "others": [r for r in REPORTS.values() if r.key != key and r.allowed(request.user)],
        },
    )


def export(request, key):
    report_type = _report_type(key)
    if not (report_type.allowed(request.user) and report_type.export_allowed(request.user)):
        return _forbidden(request)
    built = report_type.build(request.user, timezone.localdate())
    headers, rows = built.table()
    audit.record_report_export(request.user, key, "xlsx", len(built.rows))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return formbuilder.export_response("xlsx", f"laporan-{key}-{stamp}", headers, rows)
