"""Queue one test mail through the outbox: after a deploy, it proves the queue, the worker and SMTP all work.

manage.py send_test_mail admin@kaltengprov.go.id   # prints the outbox key; status: OutboxMessage admin list
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from home.outbox import queue_mail


class Command(BaseCommand):
    help = "Send a test mail through the outbox (queue, worker, SMTP) to the given address."

    def add_arguments(self, parser):
        parser.add_argument("address")

    def handle(self, *args, address, **options):
        key = f"test-mail-{timezone.now():%Y%m%d%H%M%S%f}"
        with transaction.atomic():
            queue_mail(
                key=key, to=[address], subject="Uji pengiriman surel", template="home/mail/test_mail", context={}
            )
        self.stdout.write(f"queued {key}")
