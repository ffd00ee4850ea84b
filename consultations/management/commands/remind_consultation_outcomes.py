"""Remind teams of consultations whose outcome is still unpublished four weeks after closing (run daily).

A reminder goes to the consultation's notification addresses (or, without any, to its team's members) at most once
a week per consultation, until "Tanggapan dan hasil" is published.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import OUTCOME_REMINDER_AFTER, ConsultationPage
from home.outbox import parse_addresses, queue_mail

REMIND_EVERY = datetime.timedelta(days=7)


def recipients_for(page):
    addresses = parse_addresses(page.notify_emails)
    if not addresses and page.team_id:
        users = get_user_model().objects.filter(is_active=True, groups=page.team_id).exclude(email="")
        addresses = list(users.values_list("email", flat=True))
    return addresses


class Command(BaseCommand):
    help = "E-mail teams whose consultation outcome is unpublished four weeks after closing (weekly per page)."

    def handle(self, *args, **options):
        now = timezone.now()
        due = (
            ConsultationPage.objects.live()
            .filter(outcome_published=False, closes_at__lte=now - OUTCOME_REMINDER_AFTER)
            .annotate(response_count=Count("responses"))
        )
        reminded = 0
        for page in due:
            if page.outcome_reminded_at and page.outcome_reminded_at > now - REMIND_EVERY:
                continue
            to = recipients_for(page)
            if not to:
                self.stderr.write(f"{page.title}: outcome overdue, but nobody to remind (no addresses, no team)")
                continue
            with transaction.atomic():
                queue_mail(
                    key=f"consultation:{page.pk}:outcome-reminder:{timezone.localdate(now).isoformat()}",
                    to=to,
                    subject=_("Outcome still unpublished: %(title)s") % {"title": page.title},
                    template="consultations/mail/consultation_outcome_reminder",
                    context={
                        "page": page,
                        "response_count": page.response_count,
                        "edit_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                        + reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    },
                )
                ConsultationPage.objects.filter(pk=page.pk).update(outcome_reminded_at=now)
            reminded += 1
        self.stdout.write(f"Consultation outcome reminders queued: {reminded}.")
