"""Forget personal data past its retention period, everywhere it lives (home/personal_data.py lists where).

    manage.py purge_personal_data              # daily (kesbangpol-purge-personal-data.timer)
    manage.py purge_personal_data --dry-run    # what would go, changing nothing

Anonymises or deletes per source and keeps what reports count (seats, attendance by category, "Apa yang kami
dengar", feedback statistics). Idempotent: a source only selects rows that still hold personal data. It prints and
logs counts only, never a name or an address.
"""

import logging

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from home import personal_data

logger = logging.getLogger("home.personal_data")
FILES = "private files"


class Command(BaseCommand):
    help = "Anonymise or delete personal data past its retention period (see home/personal_data.py)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would go; change nothing.")
        parser.add_argument(
            "--only",
            action="append",
            metavar="LABEL",
            help="Only this source (e.g. feedback.Feedback, or 'private files'); repeat for more.",
        )

    def handle(self, *args, dry_run=False, only=None, **options):
        known = [source.label for source in personal_data.sources()] + [FILES]
        unknown = set(only or []) - set(known)
        if unknown:
            raise CommandError(f"Unknown source(s): {', '.join(sorted(unknown))}. Known: {', '.join(known)}")
        now = timezone.now()
        counts = {}
        for source in personal_data.sources():
            if only and source.label not in only:
                continue
            rows = source.expired(now)
            counts[source.label] = rows.count() if dry_run else source.forget(rows)
        if not only or FILES in only:
            orphans = personal_data.orphan_private_files(now)
            if not dry_run:
                for path in orphans:
                    path.unlink(missing_ok=True)
            counts[FILES] = len(orphans)
        if not dry_run and sum(counts.values()):
            record_purge(counts)
        verb = "would be removed" if dry_run else "removed"
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        summary = ", ".join(f"{label} {count}" for label, count in counts.items())
        logger.info("purge_personal_data%s: %s", " (dry run)" if dry_run else "", summary)
        self.stdout.write(f"Personal data {verb}: {sum(counts.values())} row(s) or file(s).")
        return None


def record_purge(counts):
    """One entry in Wagtail's history (Reports › Site history) per purge that removed something: counts only."""
    from wagtail.models import Site

    from home import audit

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        audit.record_personal_data_removed(site, reason="retention", **{k: v for k, v in counts.items() if v})
