"""A real gunicorn serving the seeded demo site with `site_cms.settings.production`, for tests that must see what a
browser or an attacker sees on the wire (headers, cookies, raw malformed requests).

The server runs in its own process with its own database: a SQLite file, or, when TEST_DATABASE_URL points at
PostgreSQL (as under .ci/run), a fresh database on that server, so the PostgreSQL run also exercises PostgreSQL's
own refusals (e.g. NUL characters). Requests pretend to come through the TLS proxy (`X-Forwarded-Proto: https`),
as in production.

Use the `production_server` fixture (session scope; registered in tests/conftest.py):

    def test_x(production_server):
        response = production_server.get("/")           # http.client response, body already read
        raw = production_server.raw(b"GET / HTTP/1.1\\r\\n...")  # bytes in, status code out
"""

import contextlib
import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
HOST = "kesbangpol.test"
SECRET = "prod-like-test-key-" + "s" * 48
ADMIN_PASSWORD = "uji-server-produksi-2026"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env():
    private = ("DJANGO_", "SECRET_KEY", "TEST_DATABASE", "ADMIN_", "SITE_URL")
    keep = {k: v for k, v in os.environ.items() if not k.startswith(private)}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "site_cms.settings.production",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        # The address the requests below name (through the pretend TLS proxy); the admin's links follow it.
        "SITE_URL": f"https://{HOST}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name):
        return self.headers.get(name)

    def cookies(self):
        return self.headers.get_all("Set-Cookie") or []


class ProductionServer:
    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.env = base_env()
        self.env["MEDIA_ROOT"] = str(self.workdir / "media")
        self.env["STATIC_ROOT"] = str(self.workdir / "static")
        self.log_path = self.workdir / "gunicorn.log"
        self._pg_admin_url = None
        self.env["DATABASE_URL"] = self._database_url()
        self.process = None

    # -- database -------------------------------------------------------------------------------------------------
    def _database_url(self):
        test_url = os.environ.get("TEST_DATABASE_URL", "")
        if not test_url.startswith(("postgres://", "postgresql://")):
            return f"sqlite:///{self.workdir / 'site.sqlite3'}"
        import psycopg

        parsed = urlparse(test_url)
        self._pg_name = f"kesbangpol_srv_{secrets.token_hex(4)}"
        self._pg_admin_url = parsed._replace(path="/postgres").geturl()
        with psycopg.connect(self._pg_admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self._pg_name}"')
        return parsed._replace(path=f"/{self._pg_name}").geturl()

    def _drop_database(self):
        if not self._pg_admin_url:
            return
        import psycopg

        with psycopg.connect(self._pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self._pg_name}" WITH (FORCE)')

    # -- lifecycle ------------------------------------------------------------------------------------------------
    def manage(self, *args, env=None, check=True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def start(self):
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("seed_demo")
        self.manage("ensure_admin", env={"ADMIN_USERNAME": "admin", "ADMIN_PASSWORD": ADMIN_PASSWORD})
        self.log = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop())
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "site_cms.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--timeout",
                "60",
                # gunicorn 27 otherwise shares one control socket in ~/.gunicorn between every instance.
                "--no-control-socket",
                "--access-logfile",
                "-",
                # gunicorn's default line, and the worker that answered (tests/site/test_shared_cache.py).
                "--access-logformat",
                '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" worker=%(p)s',
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + self.log_path.read_text(errors="replace"))
            try:
                if self.get("/robots.txt").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 60 s:\n" + self.log_path.read_text(errors="replace"))

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()
        self._drop_database()

    def server_log(self):
        return self.log_path.read_text(errors="replace")

    # -- requests -------------------------------------------------------------------------------------------------
    def request(self, method, path, body=None, headers=None, host=HOST, https=True):
        """One request through http.client; `path` is sent as given (bytes or str, nothing re-encoded)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            all_headers = {"Host": host}
            if https:
                all_headers["X-Forwarded-Proto"] = "https"
            all_headers.update(headers or {})
            if body is not None:
                all_headers.setdefault("Content-Length", str(len(body)))
            for name, value in all_headers.items():
                conn.putheader(name, value)
            conn.endheaders(body)
            response = conn.getresponse()
            return Response(response.status, response.headers, response.read())
        finally:
            conn.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def raw(self, data, timeout=30):
        """Send raw bytes; return the status code of the answer (0 if the server closed without one)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            # A server may answer and close before it has read everything (an oversized body): that is allowed.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                sock.sendall(data)
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_WR)
            chunks = []
            while True:
                try:
                    chunk = sock.recv(65536)
                except (ConnectionResetError, TimeoutError):
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        answer = b"".join(chunks)
        if not answer.startswith(b"HTTP/"):
            return 0
        return int(answer.split(b" ", 2)[1])
