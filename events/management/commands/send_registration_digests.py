"""Send the events team's hourly digest of new registrations, one mail per event and hour (events/digest.py).

Safe to run as often as you like: the outbox key names the event and the hour, so a second run within the hour
queues nothing; registrations stored while it did not run wait in the database for the next run
(timer kesbangpol-send-registration-digests, hourly).
"""

from django.core.management.base import BaseCommand

from events import digest


class Command(BaseCommand):
    help = "Queue one digest mail per event with new registrations (at most one per event and hour)."

    def handle(self, *args, **options):
        queued = digest.send_digests()
        self.stdout.write(f"{queued} digest(s) queued.")
