"""Local media storage: complete files only, under unguessable names.

AtomicFileSystemStorage never leaves a half-written file behind. Django's FileSystemStorage writes an upload
straight into its final name. When the disk fills up (or the worker is killed) halfway through, a truncated file
stays there under a name that looks valid, and no database row points at it. This storage writes into a hidden
temporary file in the same directory, flushes it to disk, and only then gives it its final name with an atomic
hard link. On any error the temporary file is removed and the error propagates unchanged (ServiceUnavailableMiddleware
turns ENOSPC into a clear 507 page), so the outcome is all or nothing: either the complete file exists under its
name, or nothing does. A worker killed with SIGKILL mid-write can still leave a `.upload-*.part` file;
`manage.py clean_partial_uploads` (daily timer) removes those older than an hour.

RandomNameStorage (the default storage) adds unguessable names for uploads (see docs/security.md).

Imported while models load (STORAGES), so it must not import forms or models.
"""

import contextlib
import errno
import os
import secrets
import tempfile

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.text import slugify
from wagtail.coreutils import string_to_ascii

PARTIAL_PREFIX = ".upload-"
PARTIAL_SUFFIX = ".part"
# Filesystems without hard links (some network mounts) fall back to reserve-then-replace.
_NO_LINK_ERRNOS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, mode=self.directory_permissions_mode or 0o777, exist_ok=True)

        fd, partial_path = tempfile.mkstemp(dir=directory, prefix=PARTIAL_PREFIX, suffix=PARTIAL_SUFFIX)
        try:
            with os.fdopen(fd, "wb") as partial:
                self._write_chunks(partial, content)
                partial.flush()
                # ENOSPC and EIO often surface only when the data reaches the disk: find out before the name exists.
                os.fsync(partial.fileno())
            os.chmod(partial_path, self._file_mode())
            name, full_path = self._publish(partial_path, name, full_path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(partial_path)

        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    def _write_chunks(self, partial, content):
        if hasattr(content, "seek") and getattr(content, "seekable", lambda: True)():
            content.seek(0)
        for chunk in content.chunks():
            partial.write(chunk.encode() if isinstance(chunk, str) else chunk)

    def _publish(self, partial_path, name, full_path):
        """Give the finished file its final name without ever replacing another file; returns the name used."""
        while True:
            try:
                os.link(partial_path, full_path)
                return name, full_path
            except FileExistsError:
                name = self.get_available_name(name)
                full_path = self.path(name)
            except OSError as exc:
                if exc.errno not in _NO_LINK_ERRNOS:
                    raise
                return self._publish_without_links(partial_path, name, full_path)

    def _publish_without_links(self, partial_path, name, full_path):
        while True:
            try:
                # Reserve the name (O_EXCL), then atomically replace the empty placeholder with the finished file.
                os.close(os.open(full_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                name = self.get_available_name(name)
                full_path = self.path(name)
                continue
            os.replace(partial_path, full_path)
            return name, full_path

    def _file_mode(self):
        if self.file_permissions_mode is not None:
            return self.file_permissions_mode
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# Folders whose files get a random name: Wagtail documents, original images, the multiple uploader's holding area,
# and the attachments of public forms.
RANDOM_NAME_FOLDERS = {"documents", "original_images", "wagtail_uploads", "attachments"}
STEM_MAX_LENGTH = 40


def random_name(filename):
    """'Laporan Kinerja 2025 (final).PDF' -> 'laporan-kinerja-2025-final-3f9a0c51d2e47b68.pdf'.

    The 64-bit random part makes the URL unguessable and the name unique; the ASCII slug of the original name is
    kept only so that a downloaded file still says what it is.
    """
    # Split like the extension validators do (pathlib's suffix: "....pdf" is a PDF), not like os.path.splitext.
    stem, dot, extension = os.path.basename(filename).rpartition(".")
    if not dot:
        stem, extension = extension, ""
    slug = slugify(string_to_ascii(stem))[:STEM_MAX_LENGTH].strip("-_") or "berkas"
    extension = "".join(ch for ch in extension.lower() if ch.isascii() and ch.isalnum())[:10]
    return f"{slug}-{secrets.token_hex(8)}" + (f".{extension}" if extension else "")


class RandomNameMixin:
    """Files uploaded into RANDOM_NAME_FOLDERS are renamed by `random_name`; works on top of any Storage."""

    def generate_filename(self, filename):
        folder, name = os.path.split(filename.replace("\\", "/"))
        if folder.split("/", 1)[0] in RANDOM_NAME_FOLDERS:
            filename = f"{folder}/{random_name(name)}"
        return super().generate_filename(filename)


class RandomNameStorage(RandomNameMixin, AtomicFileSystemStorage):
    """The default local storage: unguessable names, complete files only."""


# -- private files ---------------------------------------------------------------------------------------------------
# Private file storage: uploads that only permitted editors may read (feedback attachments).
#
# Files live under settings.PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so no web server or `static()` route can serve
# them; the only way out is a permission-checked admin view. The location is read from settings on every use, so a
# test (or an operator) can point it elsewhere without touching migrations.
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
