"""The audit trail of the editors' desk, kept in Wagtail's own log (Reports › Site history, and each page's history).

Who and when come from Wagtail (`user`, `timestamp`); what is the action name plus a small `data` dict. The data
holds codes (registration code, tracking code), statuses, counts and filters: never a name, an e-mail address, a
phone number or a message, because the log is kept longer than the personal data it refers to.

Entries are written against:
- the event page, for everything done to its registrations (they show in the page's history);
- the feedback item (its label is the tracking code), for status changes, rerouting and answers;
- the default Site, for report exports, which belong to no single object. Only users with rights on that object's
  type see an entry in Site history, so report exports are visible to administrators.

The labels are English msgids translated in locale/id, so the admin shows them in Indonesian.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

REGISTRATION_CHECK_IN = "consultations.registration.check_in"
REGISTRATION_CHECK_IN_UNDONE = "consultations.registration.check_in_undone"
FEEDBACK_STATUS = "consultations.feedback.status"
FEEDBACK_REROUTE = "consultations.feedback.reroute"
FEEDBACK_ANSWER = "consultations.feedback.answer"
REPORT_EXPORT = "consultations.report.export"
PERSONAL_DATA_REMOVED = "consultations.personal_data.removed"


class FeedbackStatusFormatter(LogFormatter):
    """ "Status changed from “Baru” to “Diverifikasi”" instead of the bare action name."""

    label = _("Change feedback status")

    def format_message(self, log_entry):
        from consultations.models import Feedback

        data = log_entry.data or {}
        labels = dict(Feedback.Status.choices)
        return _("Status changed from “%(from)s” to “%(to)s”") % {
            "from": labels.get(data.get("from"), data.get("from", "")),
            "to": labels.get(data.get("to"), data.get("to", "")),
        }


ACTIONS = {
    REGISTRATION_CHECK_IN: (_("Check in"), _("Participant checked in")),
    REGISTRATION_CHECK_IN_UNDONE: (_("Undo check-in"), _("Check-in undone")),
    FEEDBACK_REROUTE: (_("Move feedback to another topic"), _("Feedback moved to another topic")),
    FEEDBACK_ANSWER: (_("Publish answer"), _("Public answer published")),
    REPORT_EXPORT: (_("Export report"), _("Report exported")),
    PERSONAL_DATA_REMOVED: (_("Remove personal data"), _("Personal data removed")),
}


def register_actions(actions):
    """For the `register_log_actions` hook."""
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)
    actions.register_action(FEEDBACK_STATUS)(FeedbackStatusFormatter)


def record(instance, action, *, user=None, title=None, **data):
    """One log entry. Pass codes and counts in `data`, never personal data (see the module docstring)."""
    return log(instance, action, user=user, title=title, data=data or None)


def record_report_export(user, report_key, fmt, rows):
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return record(
        site, REPORT_EXPORT, user=user, title=f"laporan:{report_key}", report=report_key, format=fmt, rows=rows
    )


def record_personal_data_removed(instance, *, user=None, reason="", **counts):
    """For data-protection jobs and requests: which object (by its code) lost its personal data, and why."""
    return record(instance, PERSONAL_DATA_REMOVED, user=user, reason=reason, **counts)
