"""manage.py sync_site: point the default Wagtail site (and django.contrib.sites) at SITE_URL.

`migrate` does the same after every run (home/apps.py); this command is for a changed SITE_URL without a deploy,
or to see what the rows say. Idempotent: a second run changes nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from home.siteurl import sync_site


class Command(BaseCommand):
    help = "Point the default site at SITE_URL (migrate does this too)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, database="default", **options):
        changed = sync_site(database)
        for line in changed:
            self.stdout.write(line)
        if not changed:
            self.stdout.write(f"The site already answers to {settings.SITE_URL}.")
