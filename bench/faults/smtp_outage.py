"""Fault: the mail relay is down for minutes while people register for an event and send feedback.

    .venv/bin/python -m bench.faults.smtp_outage [--people 40] [--feedback 30] [--outage 150]

The real stack on loopback, as bench/registration_rush.py starts it (whose helpers it reuses): a throwaway
PostgreSQL, gunicorn with production settings, the outbox worker (`db_worker`, as deploy/systemd runs it), and an
SMTP port on which nothing listens at first. While SMTP is down, `--people` registrations and `--feedback` feedback
submissions arrive from parallel clients (registrations together, feedback spread over the first half of
the outage). Then the SMTP sink (aiosmtpd)
starts on that port, and the script waits for the outbox's backoff (2, then 4 minutes) to send everything, with
`send_outbox` run every 2 minutes as production's timer runs it (the worker sends what is enqueued; retries of
failed mail are the timer's job).

PASS when: every form answered with its success redirect (the outage is invisible to visitors), every submission
is stored, nothing reached SMTP during the outage, and afterwards every queued mail arrived exactly once: the
multiset of (recipient, subject) received equals the outbox's rows, every row is `sent`.
"""

import argparse
import http.client
import logging
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes
from email.header import decode_header, make_header
from urllib.parse import urlencode

from bench.registration_rush import (
    HIDDEN,
    ROOT,
    Person,
    Sink,
    ThrowawayPostgres,
    environment,
    free_port,
    prepare,
    wait_for_port,
)

FEEDBACK_SLUG = "saran-dan-pengaduan"
LOG = ROOT / "bench" / "results" / "smtp-outage-gunicorn.log"  # tracebacks of any failed request


class RecordingSink(Sink):
    """The rush's sink, also keeping (recipient, subject) of every message."""

    def __init__(self, port):
        from aiosmtpd.controller import Controller

        self.count = 0
        self.received = []
        self.port = port
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content)
        subject = str(make_header(decode_header(message["Subject"] or "")))
        for recipient in envelope.rcpt_tos:
            self.received.append((recipient.lower(), subject))
        self.count += 1
        return "250 OK"


def prepare_feedback():
    """A feedback page with one topic and its team, next to the event that prepare() made."""
    from django.contrib.auth.models import Group
    from wagtail.models import Site

    from feedback.models import FeedbackPage, FeedbackTopic

    home = Site.objects.get(is_default_site=True).root_page.specific
    team, _ = Group.objects.get_or_create(name="Tim Uji Gangguan")
    topic, _ = FeedbackTopic.objects.get_or_create(name="Uji gangguan SMTP", defaults={"team": team})
    page = FeedbackPage.objects.first()
    if page is None:
        page = FeedbackPage(title="Saran dan Pengaduan", slug=FEEDBACK_SLUG)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page.url, topic.pk


class Citizen(threading.Thread):
    """Opens the feedback form, then sends it (a complaint, confidential identity)."""

    def __init__(self, n, port, url, topic_id, start_at):
        super().__init__()
        self.n, self.port, self.url, self.topic_id, self.start_at = n, port, url, topic_id, start_at
        self.error = None

    def run(self):
        try:
            time.sleep(max(0.0, self.start_at - time.monotonic()))
            headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https",
                       "X-Forwarded-For": f"172.16.{self.n // 250}.{self.n % 250}"}  # fmt: skip
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=180)
            connection.request("GET", self.url, headers=headers)
            response = connection.getresponse()
            html = response.read().decode()
            cookies = "; ".join(v.split(";", 1)[0] for k, v in response.getheaders() if k.lower() == "set-cookie")
            fields = dict(HIDDEN.findall(html))
            fields.update({"kind": "pengaduan", "topic": str(self.topic_id), "identity": "confidential",
                           "message": f"Pengaduan uji gangguan nomor {self.n}: mohon ditindaklanjuti.",
                           "name": f"Warga Uji {self.n}", "email": f"warga{self.n}@contoh.example",
                           "phone": f"0813{self.n:08d}", "consent": "on"})  # fmt: skip
            connection.request(
                "POST", self.url, body=urlencode(fields),
                headers={**headers, "Cookie": cookies, "Content-Type": "application/x-www-form-urlencoded",
                         "Origin": f"https://127.0.0.1:{self.port}",
                         "Referer": f"https://127.0.0.1:{self.port}{self.url}"},
            )  # fmt: skip
            response = connection.getresponse()
            response.read()
            if response.status != 302:
                self.error = f"HTTP {response.status}"
            connection.close()
        except Exception as exc:  # reported, never hidden
            self.error = repr(exc)


def main():
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=40, help="event registrations during the outage")
    parser.add_argument("--feedback", type=int, default=30, help="feedback submissions during the outage")
    parser.add_argument("--outage", type=int, default=150, help="seconds SMTP stays down")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--timer", type=int, default=120, help="seconds between send_outbox runs (the timer)")
    args = parser.parse_args()

    postgres = ThrowawayPostgres()
    database_url = postgres.start()
    smtp_port = free_port()  # nothing listens here until the outage ends: connection refused
    app_port = free_port()
    env = {**environment(database_url, smtp_port, app_port), "EMAIL_TIMEOUT": "5"}
    gunicorn = worker = sink = None
    try:
        event_id, event_url, category_id = prepare(env, args.people)  # a seat for everyone: all confirmed
        feedback_url, topic_id = prepare_feedback()
        gunicorn = subprocess.Popen(
            [ROOT / ".venv/bin/gunicorn", "site_cms.wsgi:application", "-b", f"127.0.0.1:{app_port}"]
            + ["-w", str(args.workers), "--no-control-socket", "--access-logfile", "/dev/null", "--timeout", "120"],
            cwd=ROOT, env=env, stderr=open(LOG, "w"),  # noqa: SIM115 (kept open by gunicorn)
        )  # fmt: skip
        wait_for_port(app_port)
        worker = subprocess.Popen(
            [ROOT / ".venv/bin/python", "manage.py", "db_worker", "--backend", "outbox", "--queue-name", "*",
             "--interval", "1"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        # Production retries failed mail through the send_outbox timer (every 2 minutes, deploy/systemd/); the
        # worker only runs what is enqueued. Run the same command on the same schedule.
        timer_stop = threading.Event()

        def send_outbox_timer():
            while not timer_stop.wait(args.timer):
                subprocess.run([ROOT / ".venv/bin/python", "manage.py", "send_outbox"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip

        threading.Thread(target=send_outbox_timer, daemon=True).start()
        outage_started = time.monotonic()
        print(f"SMTP down on port {smtp_port}; {args.people} registrations and {args.feedback} feedback arriving")
        # Registrations: the rush's Person, each sending as soon as it has the page (a barrier of one party: a
        # shared barrier would hang the script if one page view failed); feedback spread over time.
        people = [Person(n, app_port, event_url, category_id, threading.Barrier(1)) for n in range(args.people)]
        spread = args.outage / 2
        citizens = [
            Citizen(n, app_port, feedback_url, topic_id, outage_started + spread * n / max(1, args.feedback))
            for n in range(args.feedback)
        ]
        for thread in [*people, *citizens]:
            thread.start()
        for thread in [*people, *citizens]:
            thread.join()
        submitted_after = time.monotonic() - outage_started

        from django.db.models import Count

        from events.models import Registration
        from feedback.models import Feedback
        from home.models import OutboxMessage

        stored = {
            "registrations": Registration.objects.filter(event_id=event_id).count(),
            "feedback": Feedback.objects.count(),
        }
        errors = [t.error for t in [*people, *citizens] if t.error]
        during = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")))
        print(f"all answered after {submitted_after:.0f} s: {len(errors)} errors {errors[:3]}; stored {stored}; "
              f"outbox {during}", flush=True)  # fmt: skip
        time.sleep(max(0.0, args.outage - (time.monotonic() - outage_started)))
        during = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")))
        attempts = Counter(OutboxMessage.objects.values_list("attempts", flat=True))
        print(f"end of the outage ({args.outage} s): outbox {during}, attempts so far {dict(sorted(attempts.items()))}",
              flush=True)  # fmt: skip

        sink = RecordingSink(smtp_port)
        sink.controller.start()
        recovered = time.monotonic()
        expected = OutboxMessage.objects.count()
        deadline = recovered + 10 * 60  # the longest backoff after up to 3 failures is 8 minutes, plus the timer
        while time.monotonic() < deadline:
            if OutboxMessage.objects.exclude(status="sent").count() == 0:
                break
            time.sleep(2)
        time.sleep(5)  # anything sent twice would arrive now
        took = time.monotonic() - recovered
        rows = Counter(
            (address.lower(), subject)
            for recipients, subject in OutboxMessage.objects.values_list("to", "subject")
            for address in recipients
        )
        received = Counter(sink.received)
        after = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")))
        duplicates = {k: v for k, v in received.items() if v > rows.get(k, 0)}
        missing = {k: v for k, v in rows.items() if received.get(k, 0) < v}
        print(f"after recovery ({took:.0f} s): outbox {after}; {sink.count} messages received for {expected} rows")
        print(f"missing {len(missing)}, duplicated {len(duplicates)}")
        ok = (
            not errors
            and stored == {"registrations": args.people, "feedback": args.feedback}
            and received == rows
            and after == {"sent": expected}
        )
        print("PASS" if ok else f"FAIL errors={errors[:3]} missing={list(missing)[:3]} dup={list(duplicates)[:3]}")
        return 0 if ok else 1
    finally:
        if "timer_stop" in locals():
            timer_stop.set()
        for process in (gunicorn, worker):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:  # a starved machine: do not leave it running
                    process.kill()
                    process.wait()
        if sink is not None:
            sink.controller.stop()
        shutil.rmtree(env["STATIC_ROOT"], ignore_errors=True)
        from django.db import connections

        connections.close_all()
        postgres.stop()


if __name__ == "__main__":
    sys.exit(main())
