"""Server-side cost of the ormas register (Data Ormas) with many rows: queries and render time.

Builds a throwaway SQLite database (or uses DATABASE_URL), loads the demo, adds ROWS organisations spread over the
14 kabupaten/kota, every legal form, bidang and status, then renders each URL REPEAT times through Django's test
client (no network, no browser) and prints a Markdown table: queries per request and the median/p90 time.

    .venv/bin/python bench/ormas.py [ROWS] [REPEAT]

The page cache is emptied before every timed request, so each one renders the page (the list, the summary and the
tile map) from the database: this is the cost of a cache miss.
"""

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cms.settings.test")
os.environ.pop("TEST_DATABASE_URL", None)
WORKDIR = tempfile.mkdtemp(prefix="bench-ormas-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3")
os.environ.setdefault("MEDIA_ROOT", f"{WORKDIR}/media")

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402


def add_rows(rows):
    from ormas.models import Activity, LegalForm, Ormas, Regency, Scope

    regencies = list(Regency.objects.all())
    forms, activities, scopes = list(LegalForm.values), list(Activity.values), list(Scope.values)
    today = timezone.localdate()
    batch = []
    for i in range(rows):
        form = forms[i % len(forms)]
        ormas = Ormas(
            name=f"Perkumpulan Bench {i:05d} {activities[i % len(activities)].replace('_', ' ').title()}",
            slug=f"bench-{i:05d}",
            legal_form=form,
            activity=activities[(i * 7) % len(activities)],
            scope=scopes[i % len(scopes)],
            regency=regencies[(i * 5) % len(regencies)],
            district="Kecamatan Bench",
            register_number=f"BENCH/{i:05d}",
            latest_report_date=today - dt.timedelta(days=i % 700),
            is_example=True,
        )
        if form == LegalForm.SKT:
            ormas.skt_number = f"BENCH-SKT/{i:05d}"
            ormas.skt_valid_until = today + dt.timedelta(days=(i % 400) - 100)
        elif form in (LegalForm.ASSOCIATION, LegalForm.FOUNDATION):
            ormas.ahu_number = f"AHU-BENCH-{i:05d}"
        batch.append(ormas)
    Ormas.objects.bulk_create(batch, batch_size=500)


def main(rows=2000, repeat=20):
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    add_rows(rows)

    from ormas.models import Ormas, OrmasIndexPage

    index = OrmasIndexPage.objects.get().url
    one = Ormas.objects.order_by("pk").first()
    urls = [
        ("List", index),
        ("List, kabupaten + status filter", f"{index}?kab=62.71&status=perlu_perpanjangan"),
        ("List, search by name", f"{index}?q=bench+00123"),
        ("List, page 40, sorted by report", f"{index}?urut=laporan&page=40"),
        ("Page of one ormas", f"{index}{one.slug}/"),
        ("CSV, every row", f"{index}unduh/csv/"),
        ("JSON, every row", f"{index}unduh/json/"),
    ]
    client = Client()
    print(f"# Data Ormas: server-side cost with {Ormas.objects.count()} organisations\n")
    print(f"Django test client, {connection.vendor}, {repeat} requests per URL after one warm-up, page cache emptied")
    print("before each request. Shared 2-core machine: compare runs, not sites.\n")
    print("| URL | Queries | Median ms | p90 ms |")
    print("|-----|--------:|----------:|-------:|")
    for label, url in urls:
        assert client.get(url).status_code == 200, url
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)
        timings = []
        for _ in range(repeat):
            for cache in caches.all():
                cache.clear()
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(f"| {label} | {query_count} | {statistics.median(timings):.1f} | {p90:.1f} |")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
