#!/usr/bin/env python3
"""Benchmark: N people press "Daftar" at the same moment for an event with S seats (default 200 for 50).

Runs the real stack: PostgreSQL, gunicorn with production settings, the public page and its POST, the outbox
sending to a local SMTP sink. Every person first opens the registration form, `<event-url>daftar/` (CSRF cookie,
submission token, anti-spam timestamp), then all POST together behind a barrier. Reports confirmed, waitlisted,
errors, registrations per second and latency percentiles of the POSTs, and how long the outbox worker (`db_worker`,
as in production) takes to deliver every mail. It is a script, not a test: run it by hand and copy the result to
docs/performance.md.

    .venv/bin/python bench/registration_rush.py                      # throwaway PostgreSQL cluster (needs root)
    .venv/bin/python bench/registration_rush.py --database-url postgres://user@127.0.0.1:5432/bench
    .venv/bin/python bench/registration_rush.py --people 200 --seats 50 --workers 4

Everything listens on 127.0.0.1 only; every process it starts is stopped by its PID at the end.
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PGBIN = Path("/usr/lib/postgresql/15/bin")
EVENT_SLUG = "fgd-uji-beban"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary folder on loopback, as .ci/run starts one."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="kesbangpol-bench-"))
        self.port = free_port()

    def start(self):
        os.chmod(self.dir, 0o755)
        (self.dir / "pg").mkdir()
        shutil.chown(self.dir / "pg", "postgres", "postgres")
        run_as_postgres = ["runuser", "-u", "postgres", "--"]
        subprocess.run(
            [*run_as_postgres, PGBIN / "initdb", "-D", self.dir / "pg/data", "-U", "postgres", "-A", "trust"]
            + ["-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = f"-p {self.port} -k {self.dir}/pg -c listen_addresses=127.0.0.1 -c max_connections=300"
        subprocess.run(
            [*run_as_postgres, PGBIN / "pg_ctl", "-D", self.dir / "pg/data", "-l", self.dir / "pg/log", "-w"]
            + ["-o", options, "start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-qc", "CREATE DATABASE bench"],
            check=True,
        )
        return f"postgres://postgres@127.0.0.1:{self.port}/bench"

    def stop(self):
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                PGBIN / "pg_ctl",
                "-D",
                self.dir / "pg/data",
                "-m",
                "fast",
                "-w",
                "stop",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


class Sink:
    """aiosmtpd on loopback: the outbox really sends, and we count what arrives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.count = 0
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def environment(database_url, smtp_port, app_port):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_cms.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        # One simulated person = one address: the load balancer's X-Forwarded-For carries it.
        "NUM_PROXIES": "1",
        # The bench waits for nobody; the 3-second human minimum would only add sleep.
        "ANTISPAM_MIN_SECONDS": "0",
        # Production settings on loopback: the public address is this machine, on purpose (docs/deploy.md).
        "SITE_URL": f"http://127.0.0.1:{app_port}",
        "SITE_URL_ALLOW_LOCAL": "1",
        # Production serves fingerprinted static files, so they are collected once into a temporary folder.
        "STATIC_ROOT": tempfile.mkdtemp(prefix="kesbangpol-bench-static-"),
    }


def prepare(env, seats):
    """Migrate, and create an agenda with one event that has `seats` seats and a waitlist."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Site

    from events.models import EventCategory, EventIndexPage, EventKind, EventPage, ParticipantCategory

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "127.0.0.1", 443
    site.save()
    home = site.root_page.specific
    index = EventIndexPage.objects.first()
    if index is None:
        index = EventIndexPage(title="Agenda Kegiatan", slug="agenda-kegiatan")
        home.add_child(instance=index)
        index.save_revision().publish()
    EventPage.objects.filter(slug=EVENT_SLUG).delete()
    kind, _ = EventKind.objects.get_or_create(slug="fgd", defaults={"name": "FGD", "code": "FGD"})
    category, _ = ParticipantCategory.objects.get_or_create(name="Umum")
    start = timezone.localdate() + dt.timedelta(days=14)
    event = EventPage(
        title="FGD Uji Beban",
        slug=EVENT_SLUG,
        kind=kind,
        theme="Uji beban pendaftaran",
        summary="Kegiatan buatan untuk benchmark.",
        start_date=start,
        start_time=dt.time(9),
        end_time=dt.time(12),
        registration_enabled=True,
        capacity=seats,
        waitlist_enabled=True,
        categories=[EventCategory(category=category)],
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event.pk, event.registration_url(), category.pk  # the form's own page (events/views.py)


HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


class Person(threading.Thread):
    def __init__(self, n, port, url, category_id, barrier):
        super().__init__()
        self.n, self.port, self.url, self.category_id, self.barrier = n, port, url, category_id, barrier
        self.status = None
        self.error = None
        self.latency = None

    def headers(self):
        return {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"10.{self.n // 250}.{self.n % 250}.7",
        }

    def run(self):
        try:
            # 200 page views queue behind a few workers on a loaded machine: minutes, not seconds.
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=900)
            connection.request("GET", self.url, headers=self.headers())
            response = connection.getresponse()
            html = response.read().decode()
            cookies = "; ".join(
                value.split(";", 1)[0] for name, value in response.getheaders() if name.lower() == "set-cookie"
            )
            if os.environ.get("BENCH_DEBUG") and self.n == 0:
                print("GET", response.status, response.getheaders(), len(html), flush=True)
            fields = dict(HIDDEN.findall(html))
            fields.update(
                {
                    "full_name": f"Peserta Uji {self.n}",
                    "email": f"peserta{self.n}@contoh.example",
                    "phone": f"0812{self.n:08d}",
                    "organisation": f"Organisasi {self.n}",
                    "category": str(self.category_id),
                    "consent": "on",
                    "website": "",
                }
            )
            body = urlencode(fields)
            headers = {
                **self.headers(),
                "Cookie": cookies,
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://127.0.0.1:{self.port}",
                "Referer": f"https://127.0.0.1:{self.port}{self.url}",
            }
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=900)
            self.barrier.wait(timeout=900)
            started = time.perf_counter()
            connection.request("POST", self.url, body=body, headers=headers)
            response = connection.getresponse()
            self.body = response.read()
            self.latency = time.perf_counter() - started
            self.status = response.status
            if response.status != 302 or "/pendaftaran-kegiatan/diterima/" not in response.getheader("Location", ""):
                self.error = f"HTTP {response.status}"
            connection.close()
        except Exception as exc:  # reported, never hidden
            self.error = repr(exc)
            if not self.barrier.broken and self.status is None and self.latency is None:
                self.barrier.abort()  # the others must not wait for someone who will never press "Daftar"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    import logging

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every connection otherwise
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--database-url", help="PostgreSQL to use; default: a throwaway cluster on loopback")
    args = parser.parse_args()

    postgres = None if args.database_url else ThrowawayPostgres()
    database_url = args.database_url or postgres.start()
    sink = Sink()
    sink.controller.start()
    app_port = free_port()
    env = environment(database_url, sink.port, app_port)
    gunicorn = worker = None
    try:
        event_id, url, category_id = prepare(env, args.seats)
        gunicorn = subprocess.Popen(
            [ROOT / ".venv/bin/gunicorn", "site_cms.wsgi:application", "-b", f"127.0.0.1:{app_port}"]
            + ["-w", str(args.workers), "--no-control-socket", "--access-logfile", "/dev/null", "--timeout", "120"],
            cwd=ROOT,
            env=env,
            stderr=open(Path(env["STATIC_ROOT"]) / "gunicorn.log", "w"),  # noqa: SIM115
        )
        wait_for_port(app_port)
        # Production sends mail from a queue table with a separate worker (deploy/systemd/kesbangpol-worker.service).
        worker = subprocess.Popen(
            [ROOT / ".venv/bin/python", "manage.py", "db_worker", "--backend", "outbox", "--queue-name", "*"]
            + ["--interval", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        barrier = threading.Barrier(args.people + 1)
        people = [Person(n, app_port, url, category_id, barrier) for n in range(args.people)]
        for person in people:
            person.start()
        barrier.wait(timeout=900)  # every page fetched; now everybody presses "Daftar"
        started = time.perf_counter()
        for person in people:
            person.join()
        elapsed = time.perf_counter() - started

        from events.models import Registration, SeatPool

        counts = {
            s: Registration.objects.filter(event_id=event_id, status=s).count()
            for s in ("confirmed", "held", "waitlisted")
        }
        taken = SeatPool.objects.get(event_id=event_id, category=None).taken
        errors = [p.error for p in people if p.error]
        latencies = [p.latency for p in people if p.latency is not None]
        # Every registration mails its person once (confirmation or waitlist notice); wait for the worker.
        mail_deadline = time.monotonic() + 300
        while sink.count < args.people and time.monotonic() < mail_deadline:
            time.sleep(0.5)
        mails_after = time.perf_counter() - started
        print(f"people {args.people}, seats {args.seats}, gunicorn sync workers {args.workers}")
        print(
            f"confirmed {counts['confirmed']}, held for the mailed click {counts['held']}, "
            f"waitlisted {counts['waitlisted']}, errors {len(errors)}, "
            f"seat pool taken {taken}"
        )
        print(f"wall time {elapsed:.2f} s, registrations/s {len(latencies) / elapsed:.1f}")
        print(
            f"POST latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
        )
        print(f"mails received by the SMTP sink: {sink.count}, the last {mails_after:.1f} s after the rush began")
        if errors:
            print("first errors:", errors[:5])
            if os.environ.get("BENCH_DEBUG"):
                print([p.body[:3000] for p in people if p.error][:1])
        ok = (
            counts["confirmed"] + counts["held"] == args.seats
            and counts["waitlisted"] == args.people - args.seats
            and not errors
            and sink.count == args.people
        )
        return 0 if ok else 1
    finally:
        for process in (gunicorn, worker):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
        sink.controller.stop()
        shutil.rmtree(env["STATIC_ROOT"], ignore_errors=True)
        if postgres is not None:
            from django.db import connections

            connections.close_all()
            postgres.stop()


if __name__ == "__main__":
    sys.exit(main())
