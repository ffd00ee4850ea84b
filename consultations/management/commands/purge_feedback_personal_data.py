"""Kept for existing timers and habits: the same as `purge_personal_data` for feedback (a year after an item
closed) and consultation responses (90 days after the consultation closed), see home/personal_data.py."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Remove names, contacts and attachments of closed feedback and consultation responses (alias)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run=False, **options):
        only = ["consultations.Feedback", "consultations.ConsultationResponse"]
        call_command("purge_personal_data", only=only, dry_run=dry_run, stdout=self.stdout)
