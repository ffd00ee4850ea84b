"""The sample deployment files in deploy/ agree with the settings and the commands that exist."""

import configparser
import gc
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
# Timers named now for commands that the feature issues add; once a command exists it is checked like the others.
COMMANDS_OF_LATER_ISSUES = {"send_event_reminders": 4, "send_overdue_feedback": 5}


def unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / name)
    return parser


def test_gunicorn_config_loads_and_logs_nothing_personal():
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["control_socket_disable"] is True
    assert config["worker_class"] == "sync" and config["timeout"] <= 30
    # No client address (h), query string (q), request line with query (r), referrer (f), user agent (a), user (u).
    for personal in ("%(h)s", "%(q)s", "%(r)s", "%(f)s", "%(a)s", "%(u)s"):
        assert personal not in config["access_log_format"]
    assert "%(U)s" in config["access_log_format"]
    gunicorn = Path(sys.executable).parent / "gunicorn"
    checked = subprocess.run(
        [str(gunicorn), "--check-config", "-c", "deploy/gunicorn.conf.py", "site_cms.wsgi"],
        cwd=DEPLOY.parent,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def test_the_master_warms_up_and_freezes_before_forking_without_opening_connections():
    # No django_db mark: pytest-django refuses any database access here. A connection opened in the master would
    # be shared by every forked worker.
    from django.template import engines

    from home import warmup

    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    engine = engines["django"].engine
    cached_loader = engine.template_loaders[0]
    cached_loader.reset()
    server = type("Arbiter", (), {"cfg": type("Config", (), {"preload_app": True})()})()
    try:
        config["when_ready"](server)
        assert gc.get_freeze_count() > 10_000  # Django, Wagtail and the site, out of the collector's way
    finally:
        gc.unfreeze()
    # Every template of the site is compiled, once, for all workers.
    assert {"base.html", "events/event_page.html"} <= set(cached_loader.get_template_cache)
    assert len(warmup.project_templates()) > 50


def test_every_periodic_command_has_a_timer_and_exists():
    timers = {path.name: unit(path.name) for path in (DEPLOY / "systemd").glob("*.timer")}
    commands = {}
    for name, timer in timers.items():
        target = re.fullmatch(r"kesbangpol-manage@(\w+)\.service", timer["Timer"]["Unit"])
        assert target, name
        commands[target.group(1)] = timer["Timer"]["OnCalendar"]
    assert {"send_outbox", "send_event_reminders", "send_overdue_feedback", "purge_personal_data"} <= set(commands)
    assert {"publish_scheduled", "clearsessions", "prune_db_task_results", "clean_partial_uploads"} <= set(commands)
    assert "warn_holiday_calendar" in commands
    assert {"send_registration_digests", "release_expired_holds"} <= set(commands)
    available = get_commands()
    for command in commands:
        assert command in available or command in COMMANDS_OF_LATER_ISSUES, f"{command} does not exist"
    if shutil.which("systemd-analyze"):
        for command, calendar in commands.items():
            result = subprocess.run(["systemd-analyze", "calendar", calendar], capture_output=True, text=True)
            assert result.returncode == 0, f"{command}: {calendar}: {result.stderr}"


def test_units_run_what_the_repository_runs():
    web = unit("kesbangpol-web.service")["Service"]
    assert "gunicorn -c deploy/gunicorn.conf.py site_cms.wsgi" in web["ExecStart"]
    worker = unit("kesbangpol-worker.service")["Service"]
    assert "manage.py db_worker --backend outbox --queue-name *" in worker["ExecStart"]
    template = unit("kesbangpol-manage@.service")["Service"]
    assert template["ExecStart"].endswith("manage.py %i") and template["Type"] == "oneshot"
    for service in (web, worker, template):
        assert service["EnvironmentFile"] == "/etc/kesbangpol/env"
        assert service["User"] == "kesbangpol" and service["NoNewPrivileges"] == "true"


def nginx_size(value):
    number, unit_letter = re.fullmatch(r"(\d+)([km]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit_letter]


def test_nginx_limits_match_django_and_log_nothing_personal():
    conf = (DEPLOY / "nginx.conf").read_text()
    body_limit = nginx_size(re.search(r"client_max_body_size (\w+);", conf).group(1))
    largest_upload = max(
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
    )
    assert largest_upload < body_limit <= 1.5 * largest_upload
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert "proxy_request_buffering on;" in conf and "proxy_buffering on;" in conf
    log_format = re.search(r"log_format kesbangpol_private (.*?);", conf, re.S).group(1)
    for personal in ("$remote_addr", "$request_uri", "$args", "$http_referer", "$http_user_agent", "$request "):
        assert personal not in log_format
    assert "location /media/ {\n        return 404;" in conf, "only images are public media"


@pytest.mark.skipif(
    not shutil.which("nginx"), reason="nginx is not installed (apt-get install nginx to check the sample)"
)
def test_nginx_accepts_the_sample(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY / "nginx.conf").read_text()
    site = re.sub(r"ssl_certificate .*;", f"ssl_certificate {cert};", site)
    site = re.sub(r"ssl_certificate_key .*;", f"ssl_certificate_key {key};", site)
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run(["nginx", "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
