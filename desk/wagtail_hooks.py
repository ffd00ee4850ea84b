"""The editors' desk in the admin: dashboard panels, the reports (in Wagtail's Reports menu, "Laporan" in
Indonesian) and the audit-log action names."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from desk import views as report_views
from desk.reports import REPORTS


@hooks.register("construct_homepage_panels")
def add_editor_panels(request, panels):
    from desk.dashboard import editor_panels

    panels.extend(editor_panels(request))


@hooks.register("register_admin_urls")
def report_urls():
    urls = [
        path("<slug:key>/", report_views.report, name="report"),
        path("<slug:key>/ekspor.xlsx", report_views.export, name="export"),
    ]
    return [path("laporan-editor/", include((urls, "editor_reports"), namespace="editor_reports"))]


class ReportMenuItem(MenuItem):
    def __init__(self, report_type, order):
        self.report_type = report_type
        super().__init__(
            report_type.label,
            reverse("editor_reports:report", args=[report_type.key]),
            name=f"laporan-{report_type.key}",
            icon_name=report_type.icon,
            order=order,
        )

    def is_shown(self, request):
        return self.report_type.allowed(request.user)


def _menu_item(report_type, order):
    return lambda: ReportMenuItem(report_type, order)


# Ours come first in the Reports menu (Wagtail's own start at 100).
for number, report_type in enumerate(REPORTS.values()):
    hooks.register("register_reports_menu_item", _menu_item(report_type, 10 + number))


@hooks.register("register_log_actions")
def register_editor_log_actions(actions):
    actions.register_action(report_views.REPORT_EXPORT, _("Export report"), _("Report exported"))


# Wagtail's Indonesian catalogue leaves these two untranslated; the same msgids in our catalogue name them
# "Laporan" and "Riwayat situs", where the reports and the audit trail live.
REPORTS_MENU_LABEL = _("Reports")
SITE_HISTORY_LABEL = _("Site history")


@hooks.register("construct_main_menu")
def name_the_reports_menu(request, menu_items):
    for item in menu_items:
        if item.name == "reports":
            item.label = REPORTS_MENU_LABEL


@hooks.register("construct_reports_menu")
def name_site_history(request, menu_items):
    for item in menu_items:
        if item.name == "site-history":
            item.label = SITE_HISTORY_LABEL
