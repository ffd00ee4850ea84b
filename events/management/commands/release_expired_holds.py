"""Release seats held for a mailed click that never came, and promote the waitlist (events/seats.py).

Registering and viewing an event already do this for that event, so nothing depends on this command; it keeps the
agenda, the home page and the admin counts exact for events nobody is looking at. Safe to run as often as you like
(timer kesbangpol-release-expired-holds, every 10 minutes; or from the task worker).
"""

from django.core.management.base import BaseCommand

from events import seats


class Command(BaseCommand):
    help = "Expire registrations not confirmed by e-mail in time, free their seats and promote the waitlist."

    def handle(self, *args, **options):
        events, promoted = seats.release_all_expired_holds()
        self.stdout.write(f"{events} event(s) with expired holds, {promoted} registration(s) moved up.")
