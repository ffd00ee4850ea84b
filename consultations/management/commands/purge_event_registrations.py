"""Kept for existing timers and habits: the same as `purge_personal_data --only consultations.Registration`.

Registrations of events that ended more than 90 days ago (settings.PERSONAL_DATA_RETENTION["event"]) are anonymised;
status, category, check-in and code stay so the counts add up (home/personal_data.py).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Anonymise registrations of events past their retention period (alias of purge_personal_data)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run=False, **options):
        call_command("purge_personal_data", only=["consultations.Registration"], dry_run=dry_run, stdout=self.stdout)
