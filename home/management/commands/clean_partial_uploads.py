"""Remove upload fragments (`.upload-*.part`) older than an hour from MEDIA_ROOT (daily timer).

AtomicFileSystemStorage deletes its temporary file whenever a save fails; only a worker killed in the middle of a
write (SIGKILL, power loss) can leave one behind. Nothing refers to these files.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from home.storage import PARTIAL_PREFIX, PARTIAL_SUFFIX


class Command(BaseCommand):
    help = "Delete upload fragments older than an hour that a killed worker left in MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=3600, metavar="SECONDS")

    def handle(self, *args, older_than, **options):
        root = Path(settings.MEDIA_ROOT)
        if not root.is_dir():
            return
        cutoff = time.time() - older_than
        removed = 0
        for path in root.rglob(f"{PARTIAL_PREFIX}*{PARTIAL_SUFFIX}"):
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        if removed or options["verbosity"] > 1:
            self.stdout.write(f"{removed} upload fragment(s) removed")
