"""Mail each feedback team the list of its overdue items (run daily on working days, e.g. 07.00 WIB).

The mail lists tracking codes, topics, statuses, due dates and admin links: no message and no personal data. Its
outbox key includes the date, so running the command twice on one day sends each team one mail.
"""

from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Feedback, FeedbackSettings, FeedbackTopic
from feedback.service import admin_url
from home.outbox import parse_addresses, queue_mail


def team_recipients():
    """{team_id (None for triage): [addresses]} from the topics' notification lists and the triage setting."""
    recipients = defaultdict(list)
    for team_id, emails in FeedbackTopic.objects.filter(team__isnull=False).values_list("team_id", "notify_emails"):
        for address in parse_addresses(emails):
            if address not in recipients[team_id]:
                recipients[team_id].append(address)
    recipients[None] = parse_addresses(FeedbackSettings.load().triage_emails)
    return recipients


class Command(BaseCommand):
    help = "E-mail each feedback team its overdue items (codes and links only, no personal data)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        overdue = Feedback.objects.overdue(today).select_related("topic", "team").order_by("answer_due", "id")
        by_team = defaultdict(list)
        names = {}
        for item in overdue:
            by_team[item.team_id].append({"item": item, "step": item.overdue_step(today), "url": admin_url(item)})
            names[item.team_id] = item.team.name if item.team else _("Triage")
        recipients = team_recipients()
        list_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("feedback_admin:index") + "?overdue=true"
        sent = 0
        with transaction.atomic():
            for team_id, rows in by_team.items():
                to = recipients.get(team_id) or []
                if not to:
                    self.stderr.write(
                        f"{names[team_id]}: {len(rows)} overdue, but the team has no notification address"
                    )
                    continue
                queue_mail(
                    key=f"feedback:overdue:{team_id or 'triage'}:{today.isoformat()}",
                    to=to,
                    subject=_("%(team)s: %(count)d overdue feedback items")
                    % {"team": names[team_id], "count": len(rows)},
                    template="feedback/mail/team_overdue",
                    context={"team_name": names[team_id], "items": rows, "list_url": list_url},
                )
                sent += 1
        self.stdout.write(f"Overdue feedback: {sum(len(r) for r in by_team.values())} items, {sent} team mails queued.")
