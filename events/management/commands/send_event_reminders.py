"""Queue the reminder mail for confirmed participants of events that start soon ("the day before").

Safe to run as often as you like (an hourly timer is a good fit): each registration gets one reminder, marked
with `reminder_sent_at` in the same transaction that queues the mail, and the outbox key repeats nothing.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events import mail as notifications
from events.models import Registration


class Command(BaseCommand):
    help = "Queue reminder mails for confirmed participants of events starting within the next HOURS (default 30)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=30, help="How far ahead to look (default 30 hours).")

    def handle(self, *args, hours, **options):
        now = timezone.now()
        due = Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            event__cancelled=False,
            event__live=True,
            event__starts_at__gt=now,
            event__starts_at__lte=now + dt.timedelta(hours=hours),
        ).select_related("event", "category")
        queued = 0
        for registration in due.iterator():
            with transaction.atomic():
                # Claim the row first: a second run at the same moment updates nothing and sends nothing.
                claimed = Registration.objects.filter(
                    pk=registration.pk, reminder_sent_at__isnull=True, status=Registration.Status.CONFIRMED
                ).update(reminder_sent_at=now)
                if claimed:
                    notifications.reminder(registration)
                    queued += 1
        self.stdout.write(f"{queued} reminder(s) queued.")
