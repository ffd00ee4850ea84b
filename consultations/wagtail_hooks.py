"""Wagtail hooks for consultations: the home page section and the responses admin."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from consultations.admin_views import EXPORT_ACTION, ConsultationResponseViewSet
from consultations.models import ConsultationPage
from home.reports import OPEN_STATISTICS_HOOK
from home.sections import HomeSection, parent_url

HOME_SECTION_ORDER = 30
HOME_SECTION_SIZE = 3


@hooks.register("home_page_sections")
def open_consultations(request, home_page):
    now = timezone.now()
    items = list(
        ConsultationPage.objects.live()
        .public()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at")[:HOME_SECTION_SIZE]
    )
    if not items:
        return None
    return HomeSection(
        order=HOME_SECTION_ORDER,
        title=_("Open public consultations"),
        template="consultations/includes/home_consultations.html",
        items=items,
        # Every consultation is a child of the consultation index: its link without a query of its own.
        more_url=parent_url(items[0], request),
        more_label=_("All consultations"),
    )


@hooks.register("register_admin_viewset")
def register_consultation_responses():
    return ConsultationResponseViewSet()


@hooks.register("register_log_actions")
def register_consultation_log_actions(actions):
    actions.register_action(EXPORT_ACTION, _("Export responses"), _("Consultation responses exported"))


@hooks.register("register_log_action_permissions")
def consultation_log_action_permissions():
    """Who exported responses is for those who read them (and the data-protection administrator; home/audit.py)."""
    from consultations.admin_views import CHANGE, VIEW

    return {EXPORT_ACTION: (VIEW, CHANGE)}


@hooks.register("register_admin_viewset")
def consultation_page_viewset():
    """The page's own history hides the response exports from editors who may not read them (home/audit.py)."""
    from home.site_history import PageViewSetWithHistoryRule

    return PageViewSetWithHistoryRule("consultation_pages", model=ConsultationPage)


@hooks.register(OPEN_STATISTICS_HOOK)
def consultations_statistics(today):
    """The public figures of the "Data dan Statistik" page (consultations/statistics.py, docs/opendata.md)."""
    from consultations import statistics

    return statistics.open_statistics(today)
