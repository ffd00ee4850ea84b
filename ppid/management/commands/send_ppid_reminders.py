"""Remind the PPID desk of requests due within 2 working days or overdue, and the Atasan PPID of objections near
or over their 30 working days: one mail per case per working day, through the outbox (ppid/reminders.py).

Run daily (deploy/systemd/kesbangpol-send-ppid-reminders.timer); on days that are not working days it does nothing.
"""

from django.core.management.base import BaseCommand

from ppid import reminders


class Command(BaseCommand):
    help = "E-mail the PPID desk and the Atasan PPID about cases due soon or overdue (numbers and links only)."

    def handle(self, *args, **options):
        result = reminders.send()
        if result is None:
            self.stdout.write("PPID reminders: not a working day, nothing sent.")
            return
        requests, objections, desk, atasan = result
        if requests and not desk:
            self.stderr.write(f"{requests} PPID requests due, but no desk address (Settings › PPID, Petugas PPID)")
        if objections and not atasan:
            self.stderr.write(f"{objections} objections due, but no Atasan PPID or desk address")
        self.stdout.write(f"PPID reminders: {requests} requests, {objections} objections.")
