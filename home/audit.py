"""The audit trail of the editors' desk, kept in Wagtail's own log (Reports › Site history, and each page's history).

Who and when come from Wagtail (`user`, `timestamp`); what is the action name plus a small `data` dict. The data
holds codes (registration code, tracking code), statuses, counts and filters: never a name, an e-mail address, a
phone number or a message, because the log is kept longer than the personal data it refers to.

Each app names its own actions and registers their labels with Wagtail's `register_log_actions` hook in its
wagtail_hooks.py (English msgids translated in locale/id, so the admin shows them in Indonesian). Entries are
written against:
- the event page, for everything done to its registrations (they show in the page's history; events/);
- the feedback item (its label is the tracking code), for status changes, rerouting and answers (feedback/);
- the default Site, for report exports, which belong to no single object (desk/). Only users with rights on that
  object's type see an entry in Site history, so report exports are visible to administrators.

Who reads which entry (least privilege; Reports › Site history is `home.site_history.SiteHistoryView`): Wagtail
shows an entry to whoever may explore its page, or holds any permission on its model. That is too wide for the
actions that handle personal data: an editor of a consultation page would read who exported its responses. So each
app names, in a `register_log_action_permissions` hook, its actions that only the holders of some permission may
read ({action: (permission, ...)}, any one of them suffices). Such an entry is shown to exactly those users, to
holders of `home.handle_data_requests` (the administrator who answers for personal data and audits who handled
it) and to superusers, whoever may edit the object it was written against; everyone else does not see it, nor its
action or its user in the report's filters. Every other entry follows Wagtail's rule.
"""

from django.db.models import Q
from wagtail import hooks
from wagtail.log_actions import log

PERSONAL_DATA_REMOVED = "home.personal_data.removed"


def record(instance, action, *, user=None, title=None, **data):
    """One log entry. Pass codes and counts in `data`, never personal data (see the module docstring)."""
    return log(instance, action, user=user, title=title, data=data or None)


def record_personal_data_removed(instance, *, user=None, reason="", **counts):
    """For data-protection jobs and requests: which object (by its code) lost its personal data, and why."""
    return record(instance, PERSONAL_DATA_REMOVED, user=user, reason=reason, **counts)


OVERSIGHT = "home.handle_data_requests"


def action_permissions():
    """{action: (permission, ...)}: the restricted actions, from every app's `register_log_action_permissions`."""
    found = {}
    for hook in hooks.get_hooks("register_log_action_permissions"):
        found.update(hook())
    return found


def restricted_actions_for(user):
    """(hidden, granted): the restricted actions `user` may not read, and those they may."""
    hidden, granted = set(), set()
    for action, permissions in action_permissions().items():
        allowed = user.is_superuser or any(user.has_perm(p) for p in (*permissions, OVERSIGHT))
        (granted if allowed else hidden).add(action)
    return hidden, granted


def visible_log_entries(log_model, user):
    """The entries of one of Wagtail's log models that `user` may read (the rule in the module docstring)."""
    entries = log_model.objects.viewable_by_user(user)
    if user.is_superuser:
        return entries
    hidden, granted = restricted_actions_for(user)
    if not user.is_active:
        return entries.none()
    return log_model.objects.filter(
        Q(pk__in=entries.exclude(action__in=hidden | granted).values("pk")) | Q(action__in=granted)
    )
