"""Bulk actions on the feedback inbox: assign several items, or move them to one status.

Wagtail's bulk-action framework finds objects by the ids in the URL; ours refuses (403) when any of them is not
visible to the editor, and runs each change through the same service functions (and checks) as the item page.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction

from feedback import service as feedback_service
from feedback.admin_forms import AssignForm, StatusBulkForm
from feedback.models import Feedback
from feedback.permissions import CHANGE, assignable_users, can_change
from home.security import answer_403


class FeedbackBulkAction(BulkAction):
    models = [Feedback]
    template_name = "feedback/admin/bulk_confirm.html"

    @answer_403
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(CHANGE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_all_objects_in_listing_query(self, parent_id):
        return Feedback.objects.visible_to(self.request.user).values_list("pk", flat=True)

    def get_queryset(self, model, object_ids):
        ids = {int(pk) for pk in object_ids if str(pk).isdigit()}
        items = list(Feedback.objects.visible_to(self.request.user).filter(pk__in=ids).select_related("topic"))
        if len(items) != len(ids) and Feedback.objects.filter(pk__in=ids).count() != len(items):
            # At least one id belongs to another team: refuse the whole request rather than act on part of it.
            raise PermissionDenied
        return items

    def check_perm(self, obj):
        return can_change(self.request.user, obj)

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "user": self.request.user,
            "form_data": self.cleaned_form.cleaned_data,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}


class AssignBulkAction(FeedbackBulkAction):
    display_name = _("Assign")
    action_type = "assign"
    aria_label = _("Assign the selected items")
    action_priority = 10

    def get_form_kwargs(self):
        items, _no_access = self.get_actionable_objects()
        team_ids = {item.team_id for item in items}
        # Only someone who may work on every selected item can be their assignee.
        users = assignable_users(team_ids.pop()) if len(team_ids) == 1 else get_user_model().objects.none()
        return {**super().get_form_kwargs(), "users": users}

    form_class = AssignForm

    @classmethod
    def execute_action(cls, objects, user=None, form_data=None, **kwargs):
        for item in objects:
            feedback_service.assign(item, user, form_data["assignee"])
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d item assigned.", "%(count)d items assigned.", num_parent_objects) % {
            "count": num_parent_objects
        }


class StatusBulkAction(FeedbackBulkAction):
    display_name = _("Change status")
    action_type = "status"
    aria_label = _("Change the status of the selected items")
    action_priority = 20
    form_class = StatusBulkForm

    def form_valid(self, form):
        self.skipped = []
        return super().form_valid(form)

    @classmethod
    def execute_action(cls, objects, user=None, form_data=None, **kwargs):
        changed = skipped = 0
        for item in objects:
            try:
                feedback_service.change_status(item, user, form_data["status"])
                changed += 1
            except feedback_service.WorkflowError:
                skipped += 1
        return changed, skipped

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = ngettext("%(count)d item changed.", "%(count)d items changed.", num_parent_objects) % {
            "count": num_parent_objects
        }
        if num_child_objects:
            message += " " + ngettext(
                "%(count)d item could not make that move and was left as it was.",
                "%(count)d items could not make that move and were left as they were.",
                num_child_objects,
            ) % {"count": num_child_objects}
        return message
