"""The report pages in the admin and their XLSX exports.

Every view asks the report's own permission (403 otherwise, as a plain page rather than Wagtail's redirect), and
every export is written to the audit log (home/audit.py): who, when, which report, how many rows.
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from desk.reports import REPORTS
from home import audit, spreadsheets
from home.security import forbidden

REPORT_EXPORT = "desk.report.export"


def record_report_export(user, report_key, fmt, rows):
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return audit.record(
        site, REPORT_EXPORT, user=user, title=f"laporan:{report_key}", report=report_key, format=fmt, rows=rows
    )


def _forbidden(request):
    return forbidden(
        request, _("Your account may not see this report. Ask an administrator to add you to the team it belongs to.")
    )


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
        "desk/admin/report.html",
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
    record_report_export(request.user, key, "xlsx", len(built.rows))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return spreadsheets.export_response("xlsx", f"laporan-{key}-{stamp}", headers, rows)
