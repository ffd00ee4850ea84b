"""Admin registration for feedback: the "Saran dan pengaduan" menu, bulk actions and the export audit action."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations.feedback_admin import EXPORT_ACTION, FeedbackViewSet
from consultations.feedback_bulk import AssignBulkAction, StatusBulkAction
from consultations.models import FeedbackTopic, Holiday


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
    list_display = ["date", "name", "kind"]
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


@hooks.register("insert_global_admin_css")
def feedback_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("consultations/feedback_admin.css"))
