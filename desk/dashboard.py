"""A panel on the Wagtail dashboard: the editor's overdue feedback and consultations waiting for their outcome."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from consultations.models import OUTCOME_REMINDER_AFTER, ConsultationPage
from feedback.models import Feedback
from feedback.permissions import can_use_inbox


class WorkToDoPanel(Component):
    name = "consultations_work_to_do"
    order = 110
    template_name = "desk/admin/dashboard_panel.html"

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


# The editors' desk: what each team needs at a glance. Each panel asks its own permission and reads a
# fixed number of queries, however many events, topics or consultations there are. Pages awaiting moderation are
# Wagtail's own "Awaiting your review" panel (it knows the workflow and who may act), so there is none of ours.
PANEL_SIZE = 8


class UpcomingEventsPanel(Component):
    """Seats taken and left and the waitlist of the next events that take registrations here."""

    name = "editors_upcoming_events"
    order = 90
    template_name = "desk/admin/panel_upcoming_events.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from django.db.models import Count, Q

        from events.models import EventPage, Registration

        events = list(
            EventPage.objects.live()
            .filter(registration_enabled=True, ends_at__gte=timezone.now())
            .annotate(waitlist=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)))
            .prefetch_related("seat_pools")
            .order_by("starts_at", "pk")[:PANEL_SIZE]
        )
        return {"events": events}

    def render_html(self, parent_context=None):
        if not self.request.user.has_perm("events.view_registration"):
            return ""
        return super().render_html(parent_context)


class FeedbackPerTopicPanel(Component):
    """New and overdue feedback per topic, for the topics of the user's teams only."""

    name = "editors_feedback_per_topic"
    order = 100
    template_name = "desk/admin/panel_feedback_topics.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from django.db.models import Count, Q

        today = timezone.localdate()
        rows = (
            Feedback.objects.visible_to(self.request.user)
            .values("topic_id", "topic__name", "topic__sort_order")
            .annotate(
                new=Count("pk", filter=Q(status=Feedback.Status.NEW)),
                overdue=Count("pk", filter=Feedback.objects.overdue_condition(today)),
            )
            .filter(Q(new__gt=0) | Q(overdue__gt=0))
            .order_by("topic__sort_order", "topic__name")
        )
        return {"topics": list(rows)}

    def render_html(self, parent_context=None):
        if not can_use_inbox(self.request.user):
            return ""
        return super().render_html(parent_context)


class ClosingConsultationsPanel(Component):
    """Consultations that close within 7 days, with their responses so far: pages the user may edit, or their
    team's."""

    name = "editors_closing_consultations"
    order = 105
    template_name = "desk/admin/panel_closing_consultations.html"
    DAYS = 7

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        import datetime as dt

        from django.db.models import Count, Q
        from wagtail.permission_policies.pages import PagePermissionPolicy

        user = self.request.user
        now = timezone.now()
        pages = ConsultationPage.objects.live().filter(
            closes_at__gt=now, closes_at__lte=now + dt.timedelta(days=self.DAYS)
        )
        if not user.is_superuser:
            editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])
            pages = pages.filter(Q(team__in=user.groups.all()) | Q(pk__in=editable.values("pk")))
        pages = pages.annotate(response_count=Count("responses")).order_by("closes_at")[:PANEL_SIZE]
        return {"pages": list(pages)}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["pages"]:
            return ""
        from django.template.loader import get_template

        return get_template(self.template_name).render(context)


def editor_panels(request):
    return [
        WorkToDoPanel(request),
        UpcomingEventsPanel(request),
        FeedbackPerTopicPanel(request),
        ClosingConsultationsPanel(request),
    ]
