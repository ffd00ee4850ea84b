"""Warn the holiday table's keepers when deadlines could soon fall past the last year loaded (run daily).

From 1 November of the last year whose cuti bersama are known (home.workdays.calendar_warning), every active user
who may edit the holiday table (superusers included) gets one mail. The outbox key names the year and the address,
so running the command every day sends each address one mail per year.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from home.outbox import queue_mail
from home.workdays import HOLIDAY_PERMISSION, calendar_warning


def keepers():
    # Permissions come from ModelBackend (the axes backend in front of it only counts failed logins).
    users = get_user_model().objects.with_perm(
        HOLIDAY_PERMISSION, include_superusers=True, backend="django.contrib.auth.backends.ModelBackend"
    )
    return sorted({address.strip().lower() for address in users.values_list("email", flat=True) if address.strip()})


class Command(BaseCommand):
    help = "E-mail the holiday table's keepers when the working-days calendar ends within two months (once a year)."

    def handle(self, *args, **options):
        warning = calendar_warning()
        if warning is None:
            self.stdout.write("Holiday calendar: complete for the coming deadlines; nothing to send.")
            return
        list_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailsnippets_home_holiday:list")
        addresses = keepers()
        if not addresses:
            self.stderr.write(f"Holiday calendar ends {warning.ends_on}, but nobody who may edit it has an address")
            return
        with transaction.atomic():
            for address in addresses:
                queue_mail(
                    key=f"workdays:calendar-ends:{warning.last_year}:{address}",
                    to=[address],
                    subject=_("Holiday calendar: enter the %(year)s cuti bersama") % {"year": warning.next_year},
                    template="home/mail/holiday_calendar_ends",
                    context={"warning": warning, "list_url": list_url},
                )
        self.stdout.write(f"Holiday calendar ends {warning.ends_on}: {len(addresses)} keepers warned (once a year).")
