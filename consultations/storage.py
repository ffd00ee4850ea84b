"""Private file storage: uploads that only permitted editors may read (feedback attachments).

Files live under settings.PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so no web server or `static()` route can serve
them; the only way out is a permission-checked admin view. The location is read from settings on every use, so a
test (or an operator) can point it elsewhere without touching migrations.
"""

import os

from django.conf import settings

from home.storage import AtomicFileSystemStorage


class PrivateStorage(AtomicFileSystemStorage):
    """Atomic like the public media storage: a full disk or a killed worker never leaves a truncated attachment
    under a real name (tests/feedback/test_disk_full.py)."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a permission-checked view.")


def private_storage():
    """Callable for FileField(storage=...), so migrations reference this function, not a path."""
    return _STORAGE


_STORAGE = PrivateStorage()
