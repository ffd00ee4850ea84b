"""Anonymise the registrations of events that ended long enough ago (the privacy notice promises 90 days).

What stays: status, participant category, check-in time and code (a pseudonym), so the report's attendance by
category and the counts still add up. What goes: name, e-mail, phone, organisation, the answers to the editor's
questions, and the mails that carried them. Safe to run daily; anonymised rows are skipped.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from forms_builder.forms.models import FormEntry

from consultations.models import Registration
from home.models import OutboxMessage

ANONYMOUS_DOMAIN = "anonim.invalid"


class Command(BaseCommand):
    help = "Anonymise registrations of events that ended more than DAYS days ago (default 90)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - dt.timedelta(days=days)
        due = Registration.objects.filter(event__ends_at__lt=cutoff).exclude(email__endswith=f"@{ANONYMOUS_DOMAIN}")
        done = 0
        for registration in due.only("pk", "entry_id").iterator():
            with transaction.atomic():
                Registration.objects.filter(pk=registration.pk).update(
                    full_name="",
                    email=f"peserta-{registration.pk}@{ANONYMOUS_DOMAIN}",
                    phone="",
                    organisation="",
                    organisation_key="",
                    entry=None,
                )
                if registration.entry_id:
                    FormEntry.objects.filter(pk=registration.entry_id).delete()
                # Whatever is still queued for an event long past is of no use to anyone; it goes too.
                OutboxMessage.objects.filter(key__startswith=f"event-registration:{registration.pk}:").delete()
            done += 1
        self.stdout.write(f"{done} registration(s) anonymised.")
