"""Production settings without nginx: photos are served by the app (home/media.py), and a checkout whose static files
were not collected for production refuses to start with a message that says what to run (home/staticcheck.py).
Both through a real gunicorn."""

import re
import subprocess
import sys
from pathlib import Path

from tests.support.production_server import ROOT, base_env, free_port


def test_photos_are_served_without_nginx_like_nginx_serves_them(production_server):
    page = production_server.get("/").body.decode()
    images = re.findall(r'(/media/(?:images|original_images)/[^"\s,]+)', page)
    assert images, "the seeded home page shows no photo"
    for path in images[:3]:
        response = production_server.get(path)
        assert response.status == 200, path
        assert response.header("Content-Type").startswith("image/")
        assert response.header("Cache-Control") == "public, max-age=2592000"
        assert response.header("X-Content-Type-Options") == "nosniff"
        assert response.header("Content-Security-Policy").startswith("default-src 'none'")
        assert response.header("X-Cache") is None  # files, not pages
    # Only images in the two public folders: documents go through Wagtail's view, form uploads never by URL.
    name = images[0].rsplit("/", 1)[1]
    for path in (
        f"/media/documents/{name}",
        "/media/images/../documents/x.pdf",
        "/media/images/catatan.html",
        "/media/private/x.png",
        "/media/images/tidak-ada.jpg",
    ):
        assert production_server.get(path).status == 404, path


def test_uncollected_static_files_stop_gunicorn_at_start_with_what_to_run(tmp_path):
    env = {
        **base_env(),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),  # never collected
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
        "WEB_CONCURRENCY": "1",
    }
    result = subprocess.run(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py", "site_cms.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "are not in" in output and "staticfiles.json" in output, output[-3000:]
    assert "Run: manage.py collectstatic --noinput" in output
