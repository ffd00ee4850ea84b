"""Local media storage that never leaves a half-written file behind.

Django's FileSystemStorage writes an upload straight into its final name. When the disk fills up (or the worker is
killed) halfway through, a truncated file stays there under a name that looks valid, and no database row points at
it. This storage writes into a hidden temporary file in the same directory, flushes it to disk, and only then gives
it its final name with an atomic hard link. On any error the temporary file is removed and the error propagates
unchanged (ServiceUnavailableMiddleware turns ENOSPC into a clear 507 page), so the outcome is all or nothing:
either the complete file exists under its name, or nothing does.

A worker killed with SIGKILL mid-write can still leave a `.upload-*.part` file; `manage.py clean_partial_uploads`
(daily timer) removes those older than an hour.
"""

import contextlib
import errno
import os
import tempfile

from django.core.files.storage import FileSystemStorage

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
