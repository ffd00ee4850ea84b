"""Benchmark of Saran dan Pengaduan: submissions, the editors' inbox and the status page, in-process.

    .venv/bin/python bench/feedback.py [--items 2000] [--submissions 200] [--out docs/bench-feedback.md]

It builds a throwaway test database (SQLite by default; PostgreSQL when TEST_DATABASE_URL is set), fills it with
`--items` feedback items, then times requests through Django's test client (no network, no web server: this
measures our code and the database, not gunicorn). Results are written as Markdown.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cms.settings.test")


def timed(fn, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "median_ms": statistics.median(samples),
        "p95_ms": samples[max(0, int(len(samples) * 0.95) - 1)],
        "n": repeat,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--out", default=str(ROOT / "docs" / "bench-feedback.md"))
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # No setup_test_environment(): its template instrumentation would slow every render down.
    settings.ALLOWED_HOSTS = ["*"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        results = run(args, CaptureQueriesContext, connection)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    write(args, results, connection.vendor)


def run(args, CaptureQueriesContext, connection):
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client
    from django.utils import timezone

    from feedback import service as feedback_service
    from feedback.models import Feedback, FeedbackPage, FeedbackTopic
    from home.seeding import Seeder
    from home.tracking import hash_secret
    from tests.factories import make_page
    from tests.feedback.helpers import form_data, make_team, make_user

    team = make_team("Tim Bench", "export_feedback")
    topic = FeedbackTopic.objects.create(name="Bench", team=team)
    home = Seeder().home_page()
    make_page(home, FeedbackPage, title="Saran dan Pengaduan", slug="saran-dan-pengaduan")
    consent = {"version": "bench", "given_at": timezone.now()}
    start = time.perf_counter()
    for n in range(args.items):
        feedback_service.submit(
            data={
                "kind": "pengaduan",
                "topic": topic,
                "message": f"Pengaduan nomor {n} tentang layanan.",
                "identity": "confidential",
                "name": f"Warga {n}",
                "email": f"warga{n}@contoh.id",
            },
            consent=consent,
        )
    fill_seconds = time.perf_counter() - start

    editor = make_user(get_user_model(), "bench_editor", team)
    client = Client()
    client.force_login(editor)
    results = {"fill_per_item_ms": fill_seconds * 1000 / args.items}

    cache.clear()
    citizen = Client(REMOTE_ADDR="10.9.9.9")
    counter = iter(range(10**6))

    def submit():
        n = next(counter)
        citizen.post("/saran-dan-pengaduan/", form_data(topic, email=f"bench{n}@contoh.id"))
        cache.clear()  # measure our code, not the rate limiter refusing the benchmark

    results["submit"] = timed(submit, args.submissions)
    results["inbox"] = timed(lambda: client.get("/admin/saran-pengaduan/"), 30)
    results["inbox_overdue_filter"] = timed(lambda: client.get("/admin/saran-pengaduan/?overdue=true"), 30)
    results["export_csv"] = timed(lambda: client.get("/admin/saran-pengaduan/?export=csv"), 5)
    with CaptureQueriesContext(connection) as queries:
        client.get("/admin/saran-pengaduan/")
    results["inbox_queries"] = len(queries)

    item = Feedback.objects.order_by("id").first()
    secret = "BNCH-7KQ4-MZ2P-9XHD"
    Feedback.objects.filter(pk=item.pk).update(secret_hash=hash_secret(secret))  # as if read off its receipt
    lookup = Client(REMOTE_ADDR="10.8.8.8")

    def status():
        lookup.post("/saran-dan-pengaduan/status/", {"code": item.tracking_code, "secret": secret})
        cache.clear()

    results["status_lookup"] = timed(status, 100)
    results["items"] = Feedback.objects.count()
    return results


def write(args, results, vendor):
    lines = [
        "# Benchmark: Saran dan Pengaduan",
        "",
        f"`bench/feedback.py --items {args.items} --submissions {args.submissions}` on {vendor}, "
        f"{time.strftime('%Y-%m-%d')}, in-process test client (no web server), {os.cpu_count()} CPU cores, "
        f"load average {os.getloadavg()[0]:.1f} when it finished (other work on the machine inflates the times).",
        "",
        f"- Items in the database at the end: {results['items']}",
        f"- Filling the database through `feedback_service.submit`: {results['fill_per_item_ms']:.1f} ms per item",
        f"- Queries for one inbox page (30 rows): {results['inbox_queries']}",
        "",
        "| Request | median (ms) | p95 (ms) | samples |",
        "|---------|------------:|---------:|--------:|",
    ]
    labels = {
        "submit": "POST the public form (stored + 2 mails queued) → 302",
        "inbox": "GET the editors' inbox, page 1",
        "inbox_overdue_filter": "GET the inbox filtered on overdue",
        "export_csv": "GET the CSV export of every item",
        "status_lookup": "POST the status lookup → 302",
    }
    for key, label in labels.items():
        r = results[key]
        lines.append(f"| {label} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {r['n']} |")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
