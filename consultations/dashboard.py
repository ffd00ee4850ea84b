"""A panel on the Wagtail dashboard: the editor's overdue feedback and consultations waiting for their outcome."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from consultations.feedback_permissions import can_use_inbox
from consultations.models import ConsultationPage, Feedback
from consultations.models.consultation import OUTCOME_REMINDER_AFTER


class WorkToDoPanel(Component):
    name = "consultations_work_to_do"
    order = 110
    template_name = "consultations/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        now = timezone.now()
        overdue = Feedback.objects.visible_to(user).overdue().count() if can_use_inbox(user) else 0
        pages = ConsultationPage.objects.live().filter(
            outcome_published=False, closes_at__lte=now - OUTCOME_REMINDER_AFTER
        )
        if not user.is_superuser:
            pages = pages.filter(team__in=user.groups.all())
        return {"overdue": overdue, "waiting": list(pages.order_by("closes_at")[:10])}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["overdue"] and not context["waiting"]:
            return ""
        return super().render_html(parent_context)
