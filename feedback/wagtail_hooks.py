"""Admin registration for feedback: the "Saran dan pengaduan" menu, bulk actions and the export audit action."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.log_actions import LogFormatter
from wagtail.snippets.views.snippets import SnippetViewSet

from feedback import service
from feedback.admin_views import EXPORT_ACTION, FeedbackViewSet
from feedback.bulk import AssignBulkAction, StatusBulkAction
from feedback.models import Feedback, FeedbackTopic
from home.models import Holiday
from home.reports import OPEN_STATISTICS_HOOK


class FeedbackTopicViewSet(SnippetViewSet):
    model = FeedbackTopic
    icon = "tag"
    menu_label = _("Topics and routing")
    url_prefix = "saran-pengaduan/topik"
    list_display = ["name", "team", "verify_days", "answer_days", "active"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "date"
    menu_label = _("Holidays")
    url_prefix = "saran-pengaduan/hari-libur"
    list_display = ["date", "name", "kind", "source"]
    list_filter = ["kind"]
    ordering = ["-date"]


class FeedbackGroup(ViewSetGroup):
    menu_label = _("Feedback and complaints")
    menu_icon = "mail"
    menu_order = 250
    items = (FeedbackViewSet, FeedbackTopicViewSet, HolidayViewSet)


@hooks.register("register_admin_viewset")
def register_feedback_admin():
    return FeedbackGroup()


for action_class in (AssignBulkAction, StatusBulkAction):
    hooks.register("register_bulk_action", action_class)


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_action(EXPORT_ACTION, _("Export feedback"), _("Feedback exported"))
    actions.register_action(
        service.REROUTE_ACTION, _("Move feedback to another topic"), _("Feedback moved to another topic")
    )
    actions.register_action(service.ANSWER_ACTION, _("Publish answer"), _("Public answer published"))
    actions.register_action(service.STATUS_ACTION)(FeedbackStatusFormatter)


class FeedbackStatusFormatter(LogFormatter):
    """ "Status changed from “Baru” to “Diverifikasi”" instead of the bare action name."""

    label = _("Change feedback status")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        labels = dict(Feedback.Status.choices)
        return _("Status changed from “%(from)s” to “%(to)s”") % {
            "from": labels.get(data.get("from"), data.get("from", "")),
            "to": labels.get(data.get("to"), data.get("to", "")),
        }


@hooks.register("insert_global_admin_css")
def feedback_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("feedback/feedback_admin.css"))


@hooks.register("register_log_action_permissions")
def feedback_log_action_permissions():
    """Entries about feedback are for the feedback teams (and the data-protection administrator; home/audit.py)."""
    from feedback.permissions import CHANGE, VIEW

    actions = [EXPORT_ACTION, service.REROUTE_ACTION, service.ANSWER_ACTION, service.STATUS_ACTION]
    return dict.fromkeys(actions, (VIEW, CHANGE))


@hooks.register(OPEN_STATISTICS_HOOK)
def feedback_statistics(today):
    """The public figures of the "Data dan Statistik" page (feedback/statistics.py, docs/opendata.md)."""
    from feedback import statistics

    return statistics.open_statistics(today)
