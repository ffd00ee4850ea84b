"""Send the outbox mails that are due: run it every minute or two (systemd timer / cron), or with --loop."""

import time

from django.core.management.base import BaseCommand

from home.outbox import send_due


class Command(BaseCommand):
    help = "Send pending outbox mails that are due (retries included). Safe to run repeatedly and in parallel."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, metavar="SECONDS", help="Keep running, checking every SECONDS.")

    def handle(self, *args, loop=None, **options):
        while True:
            sent, not_sent = send_due()
            if sent or not_sent or options["verbosity"] > 1:
                self.stdout.write(f"outbox: {sent} sent, {not_sent} not sent (will retry)")
            if not loop:
                return
            time.sleep(loop)
