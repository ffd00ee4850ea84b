"""Render every live public page and print `status checksum path`, one line per page, sorted by path.

Compare the output before and after a restore or an upgrade (`diff`): the same lines mean the same pages are
served. Values that differ on every render by design (CSRF tokens, anti-spam timestamps: any hidden form field)
are left out of the checksum. With --check-media, every /media/ file a page links to must exist in storage.
Pages are rendered in-process, bypassing the page cache, exactly as the first visitor after a restart sees them.
"""

import hashlib
import re
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from wagtail.models import Page

HIDDEN_VALUE = re.compile(r'(<input[^>]*type="hidden"[^>]*value=")[^"]*(")')
MEDIA_URL_IN_PAGE = re.compile(r'(?:src|href|srcset)="([^"]+)"')


class Command(BaseCommand):
    help = "Print a checksum of every live page (compare before and after a restore)."

    def add_arguments(self, parser):
        parser.add_argument("--check-media", action="store_true", help="Fail when a page links to a missing file.")

    def handle(self, *args, check_media=False, **options):
        settings.PAGE_CACHE_SECONDS = 0  # this process only: render from the database
        missing = []
        lines = []
        for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("url_path"):
            url_parts = page.get_url_parts()
            if url_parts is None:
                continue
            site_id, root_url, path = url_parts
            host = urlsplit(root_url).hostname or "localhost"
            response = Client(HTTP_HOST=host).get(path, secure=True)
            body = response.content.decode("utf-8", "replace")
            digest = hashlib.sha256(HIDDEN_VALUE.sub(r"\1\2", body).encode()).hexdigest()[:16]
            lines.append(f"{response.status_code} {digest} {path}")
            if check_media:
                missing += [f"{path}: {name}" for name in self.media_files(body) if not default_storage.exists(name)]
        self.stdout.write("\n".join(lines))
        if missing:
            raise CommandError("pages link to missing media files:\n" + "\n".join(sorted(set(missing))))

    @staticmethod
    def media_files(body):
        for attribute in MEDIA_URL_IN_PAGE.findall(body):
            for candidate in attribute.split(","):
                url = candidate.strip().split(" ")[0]
                path = urlsplit(url).path
                if path.startswith(settings.MEDIA_URL):
                    yield unquote(path[len(settings.MEDIA_URL) :])
