"""Admin of the PPID service: the desk for requests and objections (its menu and the labels of its audit-log
actions), the lists of public and exempt information (DIP, DIK), the dashboard panels (the desk's cases, and berkala
items due for an update), and the PPID link in the site's footer."""

import django_filters
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.boolean_radio_select import BooleanRadioSelect
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ppid import service
from ppid.admin_views import REPORT_EXPORT_ACTION, PPIDViewSet
from ppid.models import ExemptInformation, InformationItem, PPIDPage, berkala_stale_before
from ppid.permissions import can_view


class InformationItemFilterSet(WagtailFilterSet):
    needs_update = django_filters.BooleanFilter(
        label=_("Berkala, needs an update"),
        method="filter_needs_update",
        widget=BooleanRadioSelect,
        help_text=_("Berkala items whose information was last updated more than six months ago."),
    )

    class Meta:
        model = InformationItem
        fields = ["category", "year", "published"]

    def filter_needs_update(self, queryset, name, value):
        if value is None:
            return queryset
        stale = InformationItem.objects.stale_berkala().values("pk")
        return queryset.filter(pk__in=stale) if value else queryset.exclude(pk__in=stale)


class ReviewColumn(Column):
    """A badge on berkala items due for an update (UU 14/2008 Pasal 9(4): at least every six months)."""

    def get_value(self, instance):
        if instance.is_stale():
            return format_html('<span class="w-status w-status--primary">{}</span>', _("Needs update"))
        return ""


class InformationItemViewSet(SnippetViewSet):
    model = InformationItem
    icon = "list-ul"
    menu_label = _("Public information list (DIP)")
    url_prefix = "ppid/daftar-informasi"
    list_display = [
        "title",
        "category",
        "year",
        "last_updated",
        ReviewColumn("review", label=_("Review")),
        "published",
    ]
    list_export = [
        "title",
        "summary",
        "category",
        "subcategory",
        "holding_unit",
        "responsible_person",
        "made_when_where",
        "form",
        "retention_period",
        "year",
        "last_updated",
        "url",
        "published",
    ]
    export_headings = {"url": _("Link")}
    export_filename = "daftar-informasi-publik"
    filterset_class = InformationItemFilterSet
    search_fields = ["title", "summary"]
    ordering = ["category", "subcategory", "-year", "title"]


class ExemptInformationViewSet(SnippetViewSet):
    model = ExemptInformation
    icon = "lock"
    menu_label = _("Exempt information list (DIK)")
    url_prefix = "ppid/informasi-dikecualikan"
    list_display = ["information", "ground", "decree_number", "decree_date", "published"]
    list_export = [
        "information",
        "ground",
        "legal_basis",
        "consequence",
        "exemption_period",
        "decree_number",
        "decree_date",
        "published",
    ]
    export_filename = "daftar-informasi-dikecualikan"
    list_filter = ["ground", "published"]
    search_fields = ["information"]


class PPIDSnippets(SnippetViewSetGroup):
    menu_label = _("Public information (PPID)")
    menu_icon = "doc-full"
    menu_order = 260
    items = (InformationItemViewSet, ExemptInformationViewSet)


@hooks.register("register_admin_viewset")
def register_ppid_lists():
    return PPIDSnippets()


class StaleBerkalaPanel(Component):
    name = "ppid_stale_berkala"
    order = 60
    template_name = "ppid/catalogue/admin/stale_panel.html"

    def __init__(self, items, count):
        self.items = items
        self.count = count

    def render_html(self, parent_context=None):
        return get_template(self.template_name).render(
            {"items": self.items, "count": self.count, "since": berkala_stale_before()}
        )


@hooks.register("construct_homepage_panels")
def stale_berkala_panel(request, panels):
    if not request.user.has_perm("ppid.change_informationitem"):
        return
    stale = InformationItem.objects.stale_berkala().order_by("last_updated")
    items = list(stale[:5])
    if items:
        panels.append(StaleBerkalaPanel(items, stale.count() if len(items) == 5 else len(items)))


@hooks.register("construct_homepage_panels")
def ppid_desk_panel(request, panels):
    """Open, due-soon and overdue requests and pending objections, for the PPID roles (ppid/dashboard.py)."""
    from ppid.dashboard import PPIDDeskPanel

    if can_view(request.user):
        panels.append(PPIDDeskPanel(request))


@hooks.register("footer_links")
def ppid_footer_link():
    """The PPID page in the footer's services (home/templatetags/site_tags.py `footer_links`)."""
    return PPIDPage


@hooks.register("register_admin_viewset")
def register_ppid_admin():
    return PPIDViewSet()


@hooks.register("register_log_actions")
def register_ppid_log_actions(actions):
    actions.register_action(service.STATE_ACTION, _("Change PPID request state"), _("PPID request state changed"))
    actions.register_action(service.EXTEND_ACTION, _("Extend PPID request"), _("PPID request extended"))
    actions.register_action(service.FILE_ACTION, _("Open PPID identity file"), _("PPID identity file opened"))
    actions.register_action(service.DECISION_ACTION, _("Decide PPID objection"), _("PPID objection decided"))
    actions.register_action(REPORT_EXPORT_ACTION, _("Export PPID annual report"), _("PPID annual report exported"))
    actions.register_action(
        service.OBJECTION_STATE_ACTION, _("Change PPID objection state"), _("PPID objection state changed")
    )
    actions.register_action(service.EXPORT_ACTION, _("Download PPID requests"), _("PPID requests downloaded"))


@hooks.register("register_log_action_permissions")
def ppid_log_action_permissions():
    """Entries about PPID cases and the PPID downloads are for the PPID roles (and the data-protection
    administrator; home/audit.py): the exports are written against Settings › PPID, whose editors are not PPID staff."""
    from ppid.permissions import VIEW

    actions = [
        service.STATE_ACTION,
        service.EXTEND_ACTION,
        service.FILE_ACTION,
        service.DECISION_ACTION,
        service.OBJECTION_STATE_ACTION,
        service.EXPORT_ACTION,
        REPORT_EXPORT_ACTION,
    ]
    return dict.fromkeys(actions, (VIEW,))


@hooks.register("register_open_statistics")
def ppid_open_statistics(today):
    """The PPID service figures of the current year for the site-wide "Data dan Statistik" page (home/reports.py);
    the same reports as the PPID statistics page (ppid/statistics.py)."""
    from ppid import statistics

    return statistics.open_statistics(today)
