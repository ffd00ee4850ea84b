"""Infrastructure failures inside one request: a full disk and an unreachable database give clear pages and leave
nothing half-done. (PostgreSQL restarted under load and workers killed mid-request run against the real stack:
bench/faults/.)

The full disk is real where the machine allows it: a 64 KiB tmpfs mounted for the test (root with CAP_SYS_ADMIN,
as here and in CI). Elsewhere the storage's write is made to fail with ENOSPC after the first bytes, and the test
says so in its output.
"""

import errno
import io
import os
import random
import shutil
import subprocess
import tempfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import RequestFactory
from PIL import Image as PILImage
from wagtail.images import get_image_model

from home.storage import AtomicFileSystemStorage
from home.views import server_error


def files_under(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, names in os.walk(root) for f in names)


@pytest.fixture
def full_disk(monkeypatch):
    """A directory on a nearly full filesystem: (path, how), how being "tmpfs" or "simulated"."""
    mountpoint = tempfile.mkdtemp(prefix="kesbangpol-full-disk-")
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", mountpoint], capture_output=True
        ).returncode
        == 0
    )
    if not mounted:
        print("full disk SIMULATED: tmpfs cannot be mounted here; the storage write raises ENOSPC")

        def write_then_fail(self, partial, content):
            partial.write(b"\0" * 4096)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(AtomicFileSystemStorage, "_write_chunks", write_then_fail)
    yield mountpoint, "tmpfs" if mounted else "simulated"
    if mounted:
        subprocess.run(["umount", mountpoint], check=True)
    shutil.rmtree(mountpoint)


def noisy_png(size=(300, 300)):
    """An image that does not compress: about 270 KB, far more than the 64 KiB disk."""
    rng = random.Random(8)
    image = PILImage.frombytes("RGB", size, bytes(rng.getrandbits(8) for _ in range(size[0] * size[1] * 3)))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_storage_saves_complete_files_under_unique_names(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    first = storage.save("dokumen/laporan.pdf", ContentFile(b"%PDF-1.4 pertama"))
    second = storage.save("dokumen/laporan.pdf", ContentFile(b"%PDF-1.4 kedua"))
    assert first == "dokumen/laporan.pdf" and second != first and second.startswith("dokumen/laporan")
    assert storage.open(first).read() == b"%PDF-1.4 pertama"
    assert storage.open(second).read() == b"%PDF-1.4 kedua"
    assert oct(os.stat(storage.path(first)).st_mode & 0o777) == oct(0o644)
    assert files_under(tmp_path) == sorted([first, second]), "no temporary file is left behind"


def test_a_full_disk_leaves_no_partial_file(full_disk):
    path, how = full_disk
    storage = AtomicFileSystemStorage(location=path)
    with pytest.raises(OSError) as failure:
        storage.save("images/foto.png", ContentFile(noisy_png()))
    assert failure.value.errno == errno.ENOSPC, how
    assert files_under(path) == []


def test_uploading_an_image_to_a_full_disk_says_so_and_stores_nothing(client, admin_user, settings, full_disk):
    path, how = full_disk
    settings.MEDIA_ROOT = path
    client.force_login(admin_user)
    upload = SimpleUploadedFile("foto-kegiatan.png", noisy_png(), content_type="image/png")
    response = client.post("/admin/images/add/", {"title": "Foto kegiatan", "file": upload, "collection": 1})
    assert response.status_code == 507, how
    body = response.content.decode()
    assert "Berkas tidak dapat disimpan" in body and "tidak tersimpan" in body
    assert not get_image_model().objects.filter(title="Foto kegiatan").exists()
    assert files_under(path) == [], "no orphan or partial file"


def test_database_unavailable_in_a_view_gives_503_with_retry_after(client, db, monkeypatch, caplog):
    from wagtail.models import Site

    def unreachable(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    # The first query of every page view; the real outage (PostgreSQL restarted) is bench/faults/pg_restart.py.
    monkeypatch.setattr(Site, "find_for_request", staticmethod(unreachable))
    response = client.get("/profil/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30" and "no-store" in response["Cache-Control"]
    assert "Layanan sedang tidak tersedia" in response.content.decode()
    # One line in the log, no traceback per request.
    records = [r for r in caplog.records if "OperationalError" in r.getMessage()]
    assert len(records) == 1 and records[0].exc_info is None


def test_database_errors_outside_views_also_give_503():
    # No `db` fixture: rendering must not touch the database.
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert "Layanan sedang tidak tersedia" in response.content.decode()
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError:
        assert server_error(request).status_code == 507
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(request).status_code == 500
