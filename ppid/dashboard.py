"""The PPID desk's panel on the Wagtail dashboard (registered in ppid/wagtail_hooks.py with Wagtail's
`construct_homepage_panels` hook; built like the panels of desk/dashboard.py): open requests, those due within
2 working days, overdue ones and objections awaiting the Atasan PPID, each a link into the filtered inbox.

Shown only to users who may see the inbox (ppid/permissions.py can_view: the PPID roles and superusers). Two
queries, whatever the number of cases; numbers only, no personal data.
"""

from django.db.models import Count, Q
from django.template.loader import get_template
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ppid.admin_views import due_soon_condition
from ppid.models import PPIDObjection, PPIDRequest
from ppid.permissions import can_view


class PPIDDeskPanel(Component):
    name = "ppid_desk"
    order = 55
    template_name = "ppid/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        requests = PPIDRequest.objects.aggregate(
            open=Count("pk", filter=Q(state__in=PPIDRequest.OPEN_STATES)),
            due_soon=Count("pk", filter=due_soon_condition(today)),
            overdue=Count("pk", filter=Q(state__in=PPIDRequest.OPEN_STATES, due_date__lt=today)),
        )
        objections = PPIDObjection.objects.filter(state__in=PPIDObjection.OPEN_STATES).aggregate(
            pending=Count("pk"), late=Count("pk", filter=Q(response_due__lt=today))
        )
        return {**requests, "objections_pending": objections["pending"], "objections_late": objections["late"]}

    def render_html(self, parent_context=None):
        if not can_view(self.request.user):
            return ""
        return get_template(self.template_name).render(self.get_context_data(parent_context))
