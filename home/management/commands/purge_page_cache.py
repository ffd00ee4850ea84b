"""Forget every cached page (home/cache.py). Run after a restore, or after changing data outside Django."""

from django.core.management.base import BaseCommand

from home import cache as page_cache


class Command(BaseCommand):
    help = "Forget every page in the shared page cache."

    def handle(self, *args, **options):
        page_cache.purge_all()
        if options["verbosity"] > 1:
            self.stdout.write("page cache purged")
