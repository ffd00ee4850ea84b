"""Admin registration of the register: the "Data Ormas" menu (records, import) and the import's audit action."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from home.reports import OPEN_STATISTICS_HOOK
from ormas.admin_views import OrmasImportViewSet, OrmasViewSet
from ormas.register import IMPORT_ACTION


class OrmasGroup(ViewSetGroup):
    menu_label = _("Ormas register")
    menu_icon = "group"
    menu_order = 260
    items = (OrmasViewSet, OrmasImportViewSet)


@hooks.register("register_admin_viewset")
def register_ormas_admin():
    return OrmasGroup()


@hooks.register("register_log_actions")
def register_ormas_log_actions(actions):
    actions.register_action(IMPORT_ACTION, _("Import the ormas register"), _("Ormas register imported"))


@hooks.register(OPEN_STATISTICS_HOOK)
def ormas_statistics(today):
    """The public figures of the "Data dan Statistik" page (ormas/statistics.py, docs/opendata.md)."""
    from ormas import statistics

    return statistics.open_statistics(today)
