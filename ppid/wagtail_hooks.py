"""Admin registration for the PPID desk: its menu, and the labels of its audit-log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from ppid import service
from ppid.admin_views import PPIDViewSet


@hooks.register("register_admin_viewset")
def register_ppid_admin():
    return PPIDViewSet()


@hooks.register("register_log_actions")
def register_ppid_log_actions(actions):
    actions.register_action(service.STATE_ACTION, _("Change PPID request state"), _("PPID request state changed"))
    actions.register_action(service.EXTEND_ACTION, _("Extend PPID request"), _("PPID request extended"))
    actions.register_action(service.FILE_ACTION, _("Open PPID identity file"), _("PPID identity file opened"))
    actions.register_action(service.DECISION_ACTION, _("Decide PPID objection"), _("PPID objection decided"))
