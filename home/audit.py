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
"""

from wagtail.log_actions import log

PERSONAL_DATA_REMOVED = "home.personal_data.removed"


def record(instance, action, *, user=None, title=None, **data):
    """One log entry. Pass codes and counts in `data`, never personal data (see the module docstring)."""
    return log(instance, action, user=user, title=title, data=data or None)


def record_personal_data_removed(instance, *, user=None, reason="", **counts):
    """For data-protection jobs and requests: which object (by its code) lost its personal data, and why."""
    return record(instance, PERSONAL_DATA_REMOVED, user=user, reason=reason, **counts)
