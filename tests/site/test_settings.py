"""Settings: production refuses to run without secrets, passes Django's deployment checks, reads the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "site_cms.settings.production",
    "SECRET_KEY": "p" * 10 + "-a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "kesbangpol.kaltengprov.go.id",
    "SITE_URL": "https://kesbangpol.kaltengprov.go.id",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_manage(*args, env):
    private = ("DJANGO_", "SECRET_KEY", "TEST_DATABASE", "SITE_URL")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(private)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "site_url",
    [None, "http://kesbangpol.kaltengprov.go.id", "https://localhost", "http://127.0.0.1:8000", "https://[::1]"],
)
def test_production_refuses_to_start_without_a_public_https_site_url(site_url):
    """Mailed links, feeds and the sitemap would otherwise name this machine (http://localhost/ was mailed)."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SITE_URL"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "Set SITE_URL to the public https address" in result.stderr


def test_a_loopback_rehearsal_must_say_so_and_still_fails_the_deployment_check():
    """deploy/prod_local.py and tests/support/production_server.py run production settings on 127.0.0.1."""
    loopback = {**PRODUCTION_ENV, "SITE_URL": "http://127.0.0.1:8100", "SITE_URL_ALLOW_LOCAL": "1"}
    assert run_manage("check", env=loopback).returncode == 0
    deploy = run_manage("check", "--deploy", env=loopback)
    assert deploy.returncode != 0 and "home.E001" in deploy.stderr and "points at this machine" in deploy.stderr
    # The flag accepts this machine only, never a public address without TLS.
    public_http = {**loopback, "SITE_URL": "http://kesbangpol.kaltengprov.go.id"}
    assert "SITE_URL must use https" in run_manage("check", env=public_http).stderr


def test_the_admin_links_and_the_sender_follow_site_url():
    code = "from django.conf import settings as s; print(s.SITE_URL, s.WAGTAILADMIN_BASE_URL, s.DEFAULT_FROM_EMAIL)"
    production = run_manage(
        "shell", "--no-imports", "-c", code, env={**PRODUCTION_ENV, "SITE_URL": "https://Kesbangpol.Kaltengprov.go.id/"}
    )
    assert production.stdout.split() == [
        "https://kesbangpol.kaltengprov.go.id",
        "https://kesbangpol.kaltengprov.go.id",
        "Kesbangpol",
        "Kalteng",
        "<noreply@kesbangpol.kaltengprov.go.id>",
    ], production.stderr
    dev = run_manage("shell", "--no-imports", "-c", code, env={"DJANGO_SETTINGS_MODULE": "site_cms.settings.dev"})
    assert dev.stdout.split()[:2] == ["http://127.0.0.1:8000", "http://127.0.0.1:8000"], "what `make run` serves"


def test_production_passes_the_deployment_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_reads_mail_and_hosts_from_the_environment():
    env = {
        **PRODUCTION_ENV,
        "EMAIL_HOST": "smtp.kaltengprov.go.id",
        "EMAIL_PORT": "587",
        "EMAIL_USE_TLS": "true",
        "DEFAULT_FROM_EMAIL": "Kesbangpol <noreply@kaltengprov.go.id>",
        "CSRF_TRUSTED_ORIGINS": "https://kesbangpol.kaltengprov.go.id",
    }
    code = (
        "from django.conf import settings as s; "
        "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL, s.ALLOWED_HOSTS, "
        "s.CSRF_TRUSTED_ORIGINS, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_NAME)"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "smtp.kaltengprov.go.id",
        "587",
        "True",
        "Kesbangpol",
        "<noreply@kaltengprov.go.id>",
        "['kesbangpol.kaltengprov.go.id']",
        "['https://kesbangpol.kaltengprov.go.id']",
        "True",
        "31536000",
        "__Host-sessionid",
    ]


def test_dev_settings_read_mail_variables_too():
    code = "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT)"
    default = run_manage("shell", "--no-imports", "-c", code, env={"DJANGO_SETTINGS_MODULE": "site_cms.settings.dev"})
    assert default.stdout.split() == ["django.core.mail.backends.console.EmailBackend", "localhost", "25"]
    smtp = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={
            "DJANGO_SETTINGS_MODULE": "site_cms.settings.dev",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": "8025",
        },
    )
    assert smtp.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "127.0.0.1", "8025"]


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _ in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == "Asia/Jakarta" and settings.USE_TZ


@pytest.mark.django_db
def test_sqlite_waits_for_the_write_lock_instead_of_failing():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    options = connection.settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 5
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


def test_sqlite_file_database_uses_wal(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={
            "DJANGO_SETTINGS_MODULE": "site_cms.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'wal.sqlite3'}",
        },
    )
    assert result.stdout.strip() == "wal", result.stderr


def test_the_live_server_opens_its_own_database_connections(live_server):
    """The browser tests' server never shares the test's connection object (site_cms/settings/test.py).

    With Django's in-memory SQLite it did: a request the browser still made ran on the connection the test was
    flushing, and one CI run was left with autocommit off for every later test."""
    assert live_server.thread.connections_override == {}
