"""The production stack as `make prod-local` starts it (deploy/prod_local.py): PostgreSQL, Redis, the task worker
and gunicorn with site_cms.settings.production, on loopback, in a throwaway state folder.

It takes about a minute to start (migrate, collectstatic, seed_demo), so it runs once per CI run: in the
PostgreSQL pass (TEST_DATABASE_URL set), or locally with PROD_STACK_TESTS=1. It needs Debian's postgresql and
redis-server packages (.ci/run installs them).
"""

import gzip
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from deploy.prod_local import PGBIN, ROOT, Stack

pytestmark = [
    pytest.mark.skipif(
        not (os.environ.get("TEST_DATABASE_URL") or os.environ.get("PROD_STACK_TESTS")),
        reason="runs in the PostgreSQL pass of make test (or with PROD_STACK_TESTS=1)",
    ),
    pytest.mark.skipif(
        not (PGBIN / "initdb").exists() or not shutil.which("redis-server"),
        reason="needs Debian's postgresql and redis-server",
    ),
    # One stack for the module: `make test` runs xdist with --dist loadgroup, which keeps a group on one worker.
    pytest.mark.xdist_group("prod_stack"),
]


@pytest.fixture(scope="module")
def stack():
    # Not under pytest's tmp_path: its parent is private to root, and PostgreSQL runs as the postgres user.
    state = Path(tempfile.mkdtemp(prefix="kesbangpol-prod-local-"))
    state.chmod(0o755)
    running = Stack(workers=2, state_dir=state, fixed_ports=False)
    try:
        yield running.start()
    finally:
        running.stop()
        shutil.rmtree(state, ignore_errors=True)


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def manage_shell(stack, code, **env):
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=stack.env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_gunicorn_serves_the_site_with_production_settings(stack):
    status, headers, body = get(stack.url("/"))
    assert status == 200
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
    assert b"Kesbangpol" in body
    assert len(stack.web_workers()) == 2


def test_static_files_are_fingerprinted_compressed_and_immutable(stack):
    _, _, body = get(stack.url("/"))
    css = re.search(rb'href="(/static/home/css/site\.[0-9a-f]{12}\.css)"', body)
    assert css, "the stylesheet link is not fingerprinted"
    status, headers, _ = get(stack.url(css.group(1).decode()), {"Accept-Encoding": "gzip"})
    assert status == 200
    assert "immutable" in headers["Cache-Control"] and "max-age=315360000" in headers["Cache-Control"]
    assert headers["Content-Encoding"] == "gzip"


def test_cached_pages_are_purged_by_a_change_made_in_another_process(stack):
    get(stack.url("/kontak/"))
    status, headers, body = get(stack.url("/kontak/"))
    assert headers["X-Cache"] == "HIT"
    # An editor's change arrives through another process (here: manage.py shell), never through these workers.
    manage_shell(
        stack,
        "from home.models import SiteSettings; s = SiteSettings.load(); s.phone = '(0536) 7654321'; s.save()",
    )
    status, headers, body = get(stack.url("/kontak/"))
    assert headers["X-Cache"] == "MISS" and b"(0536) 7654321" in body


def test_the_worker_sends_queued_mail(stack):
    # The operator's check after a deploy: the mail is queued, and the running db_worker sends it.
    key = manage_shell(
        stack, "from django.core.management import call_command; call_command('send_test_mail', 'warga@example.com')"
    )
    deadline = time.monotonic() + 30
    status = ""
    while time.monotonic() < deadline and status != "sent":
        time.sleep(0.5)
        status = manage_shell(
            stack,
            f"from home.models import OutboxMessage; print(OutboxMessage.objects.get(key='{key.split()[-1]}').status)",
        )
    assert status == "sent"
    # EMAIL_BACKEND is the console in prod-local: the worker printed the mail.
    assert "Uji pengiriman surel" in (Path(stack.dir) / "logs" / "worker.log").read_text()


def test_backup_restores_into_a_fresh_database_that_serves_the_same_pages(stack, tmp_path):
    checksums = "page_checksums --check-media"
    before = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", *checksums.split()],
        cwd=ROOT,
        env=stack.env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert before.count("\n200 ") >= 5, before

    # A feedback attachment lives in PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT: the backup must carry it too.
    private = tmp_path / "private"
    attachment = private / "feedback" / "lampiran-uji.pdf"
    attachment.parent.mkdir(parents=True)
    attachment.write_bytes(b"%PDF-1.4 lampiran pengaduan uji \x00\xff")
    backup = subprocess.run(
        [str(ROOT / "deploy/backup.sh"), str(tmp_path / "backups")],
        env=stack.env(PRIVATE_MEDIA_ROOT=private),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    dump, media, private_tarball = backup
    assert dump.endswith(".dump") and media.endswith(".media.tar.gz") and private_tarball.endswith(".private.tar.gz")

    port = stack.state["pg_port"]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "restored"], check=True)
    restored_env = stack.env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/restored",
        MEDIA_ROOT=str(tmp_path / "restored-media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "restored-private"),
        PYTHON=str(ROOT / ".venv/bin/python"),
    )
    subprocess.run(
        [str(ROOT / "deploy/restore.sh"), dump, media, private_tarball],
        env=restored_env,
        capture_output=True,
        text=True,
        check=True,
    )
    restored = tmp_path / "restored-private" / "feedback" / "lampiran-uji.pdf"
    assert restored.read_bytes() == attachment.read_bytes()
    after = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", *checksums.split()],
        cwd=ROOT,
        env=restored_env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert after == before


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")
def test_nginx_sample_in_front_compresses_pages_and_serves_only_image_media(stack):
    # prod_local runs deploy/nginx.conf itself (TLS and paths swapped for loopback).
    assert stack.public_url() != stack.url()
    status, headers, body = get(stack.public_url("/"), {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Server"] == "nginx" and headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(body)
    image = re.search(rb'(/media/images/[^" ]+\.avif)', html)
    assert image, "the seeded home page shows its hero image"
    status, headers, _ = get(stack.public_url(image.group(1).decode()))
    assert status == 200 and headers["Content-Type"] == "image/avif" and "max-age" in headers["Cache-Control"]
    # Everything else under /media/ (documents, form uploads) is never served by nginx.
    with pytest.raises(urllib.error.HTTPError) as refused:
        get(stack.public_url("/media/documents/anything.pdf"))
    assert refused.value.code == 404
