"""Forget personal data that is no longer needed (UU 27/2022 PDP: keep it only as long as the purpose needs it).

- Feedback closed (Selesai/Ditolak) more than --days ago: name, e-mail, phone and the attachment are removed; the
  code, topic, message, history and public answer stay for reporting.
- Consultation responses to consultations that closed more than --days ago: name, organisation and e-mail are
  removed; the response text and topics stay (they feed "Apa yang kami dengar").

Run it monthly. It is idempotent: items already stripped are skipped.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import ConsultationResponse, Feedback, FeedbackEvent


class Command(BaseCommand):
    help = "Remove names, contacts and attachments of feedback and consultation responses older than --days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=365, help="Keep personal data this long after closing.")

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - datetime.timedelta(days=days)
        identity = Q(name__gt="") | Q(email__gt="") | Q(phone__gt="") | Q(attachment__gt="")
        feedback = Feedback.objects.filter(status__in=Feedback.FINAL_STATUSES, closed_at__lt=cutoff).filter(identity)
        stripped = 0
        for item in feedback.iterator():
            with transaction.atomic():
                if item.attachment:
                    item.attachment.delete(save=False)
                item.name = item.email = item.phone = ""
                item.attachment_type, item.attachment_size = "", None
                item.save(update_fields=["name", "email", "phone", "attachment", "attachment_type", "attachment_size"])
                FeedbackEvent.objects.create(
                    feedback=item,
                    kind=FeedbackEvent.Kind.NOTE,
                    text=_("Personal data removed %(days)d days after closing.") % {"days": days},
                )
            stripped += 1
        responses = ConsultationResponse.objects.filter(page__closes_at__lt=cutoff).filter(
            Q(name__gt="") | Q(organisation__gt="") | Q(email__gt="")
        )
        forgotten = responses.update(name="", organisation="", email="")
        self.stdout.write(f"Personal data removed: {stripped} feedback items, {forgotten} consultation responses.")
