"""Who may do what with feedback items. Every admin view, export and bulk action asks here.

Two layers, both required:
- a model permission from the user's groups (view_feedback to read, change_feedback to work on items,
  export_feedback to download spreadsheets);
- membership of the item's team (or of the triage group for unrouted items), via Feedback.objects.visible_to().
An item that exists but belongs to another team answers 403, never its content.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from feedback.models import Feedback, FeedbackSettings, FeedbackTopic

VIEW = "feedback.view_feedback"
CHANGE = "feedback.change_feedback"
EXPORT = "feedback.export_feedback"


def can_use_inbox(user):
    return user.is_active and (user.has_perm(VIEW) or user.has_perm(CHANGE))


def can_view(user, item):
    return can_use_inbox(user) and Feedback.objects.visible_to(user).filter(pk=item.pk).exists()


def can_change(user, item):
    return user.has_perm(CHANGE) and can_view(user, item)


def can_export(user):
    return user.is_active and user.has_perm(EXPORT) and can_use_inbox(user)


def item_for(user, pk, *, change=False):
    """The item, if `user` may see it (and change it when asked); 404 when it does not exist, 403 otherwise."""
    item = get_object_or_404(Feedback.objects.select_related("topic", "team", "assignee"), pk=pk)
    allowed = can_change(user, item) if change else can_view(user, item)
    if not allowed:
        raise PermissionDenied
    return item


def topics_visible_to(user):
    """Topics whose items the user may see: routed to one of their teams (or unrouted, for the triage group)."""
    if user.is_superuser:
        return FeedbackTopic.objects.all()
    group_ids = list(user.groups.values_list("id", flat=True))
    condition = Q(team_id__in=group_ids)
    if FeedbackSettings.load().triage_group_id in group_ids:
        condition |= Q(team__isnull=True)
    return FeedbackTopic.objects.filter(condition)


def assignable_users(item_or_team_id):
    """Active users of the item's team (or of the triage group) who may change feedback: the assignee choices."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    team_id = item_or_team_id.team_id if hasattr(item_or_team_id, "team_id") else item_or_team_id
    if team_id is None:
        team_id = FeedbackSettings.load().triage_group_id
    User = get_user_model()
    change = Permission.objects.filter(content_type__app_label="feedback", codename="change_feedback")
    return (
        User.objects.filter(is_active=True, groups__id=team_id)
        .filter(Q(groups__permissions__in=change) | Q(user_permissions__in=change) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
