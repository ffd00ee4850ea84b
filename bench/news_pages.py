"""Server-side cost of the news pages: queries and render time with many articles.

Builds a throwaway SQLite database (or uses DATABASE_URL), loads the demo, adds ARTICLES articles with images and
tags, then renders each page REPEAT times through Django's test client (no network, no browser) and prints a
Markdown table: queries per request and the median/p90 render time.

    .venv/bin/python bench/news_pages.py [ARTICLES] [REPEAT]

The test settings it uses keep the page cache on, so the timed requests are cache hits: docs/performance.md
("Known limits").
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Test settings: local-memory cache and mail, fast hashing; TEST_DATABASE_URL is ignored so a bench never
# touches another database than its own throwaway one.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cms.settings.test")
os.environ.pop("TEST_DATABASE_URL", None)
WORKDIR = tempfile.mkdtemp(prefix="bench-news-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3")
os.environ.setdefault("MEDIA_ROOT", f"{WORKDIR}/media")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main(articles=500, repeat=30):
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    from news.models import NewsIndexPage, NewsPage
    from tests.factories import make_image
    from tests.factories.news import make_news

    index = NewsIndexPage.objects.get()
    images = [make_image(f"Bench {i}") for i in range(10)]
    for i in range(articles):
        make_news(index, tags=["ormas", f"bench-{i % 20}"], hero_image=images[i % 10], hero_alt="Foto")
    article = NewsPage.objects.live().order_by("-date").first()

    client = Client()
    urls = [
        ("Home page", "/"),
        ("Berita", index.url),
        ("Berita, category filter", f"{index.url}?kategori=pengumuman"),
        ("Berita, page 20", f"{index.url}?page=20"),
        ("Article", article.url),
        ("RSS feed", "/feed/rss/"),
        ("Guidance page", "/panduan-ormas/persyaratan-dokumen-skt/"),
        ("Self-check result", "/panduan-ormas/cek-kesiapan-siola/?cek=1&ada=npwp"),
    ]
    print(f"# News pages: server-side cost with {NewsPage.objects.live().count()} live articles\n")
    print(f"Django test client, {connection.vendor}, {repeat} requests per page after one warm-up (renditions made).")
    print("Times are rendering inside one Python process on the shared 2-core machine: compare runs, not sites.\n")
    print("| Page | Queries | Median ms | p90 ms |")
    print("|------|--------:|----------:|-------:|")
    for label, url in urls:
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)  # read now: the next request empties Django's query log
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(f"| {label} | {query_count} | {statistics.median(timings):.1f} | {p90:.1f} |")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
