"""Where a cold render spends its time: every cache off, one Python process, cProfile.

    .venv/bin/python -m bench.cold_render                 # the measured pages and the frame alone, 30 renders each
    .venv/bin/python -m bench.cold_render --repeat 50 --top 25 /

Builds a throwaway SQLite database (or uses DATABASE_URL), loads the demo (`seed_demo`), turns the page cache and the
fragments off (PAGE_CACHE_SECONDS = FRAGMENT_CACHE_SECONDS = 0) and renders each page through Django's test client:
queries per request, median time, and the share of the time spent compiling SQL, in templates and in the database
driver, then the functions with the most cumulative time. The default list ends with a plain page and an address
with no page (a 404): the 404 is the frame alone, so every page's time is also given as a multiple of it.
In-process times say where a render's time goes; the throughput figures of docs/performance.md come from
`bench/throughput.py` (cold mode), as ratios to the static file. pyinstrument is not installed here: the standard
library's cProfile is.
"""

import argparse
import cProfile
import io
import logging
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cms.settings.test")
os.environ.pop("TEST_DATABASE_URL", None)  # a bench never touches another database than its own throwaway one
WORKDIR = tempfile.mkdtemp(prefix="bench-cold-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3")
os.environ.setdefault("MEDIA_ROOT", f"{WORKDIR}/media")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import pages  # noqa: E402

DEFAULT = [pages.HOME, pages.NEWS_INDEX, pages.ARTICLE, pages.EVENT_PAST, pages.PLAIN, pages.NOT_FOUND]
# Where cumulative time goes, by the file a function lives in (cProfile's key is (file, line, name)).
SHARES = {
    "SQL compiling": ("django/db/models/sql/compiler.py",),
    "database driver": ("sqlite3", "psycopg"),
    "templates": ("django/template/base.py",),
}


def share(stats, needles):
    """Seconds spent inside the outermost functions of these files (cumulative, not counted twice)."""
    total = 0.0
    for (filename, _line, _name), (_cc, _nc, _tt, ct, callers) in stats.stats.items():
        if any(n in filename for n in needles) and not any(any(n in caller[0] for n in needles) for caller in callers):
            total += ct
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--top", type=int, default=15, help="functions listed per page by cumulative time")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    client = Client()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404's "Not Found" line on every render
    print(f"Cold render, {connection.vendor}, {args.repeat} renders per page, load average {os.getloadavg()[0]:.2f}\n")
    rows, details = [], []
    for path in args.paths:
        expected = 404 if path == pages.NOT_FOUND else 200
        assert client.get(path).status_code == expected, path  # renditions made, templates loaded
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        count = len(queries)
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            client.get(path)
        profile.disable()
        stats = pstats.Stats(profile)
        whole = stats.total_tt
        cells = [f"{100 * share(stats, needles) / whole:.0f} %" for needles in SHARES.values()]
        rows.append((path, count, statistics.median(timings), cells))
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
        details.append((path, out.getvalue()))
    frame = next((ms for path, _count, ms, _cells in rows if path == pages.NOT_FOUND), None)
    print(
        "| Page | Queries | Median ms | × the frame alone (the 404) | SQL compiling | database driver "
        "| under templates (their queries included) |"
    )
    print("|---|---|---|---|---|---|---|")
    for path, count, ms, cells in rows:
        times_frame = f"{ms / frame:.2f}" if frame else "—"
        print(f"| `{path}` | {count} | {ms:.1f} | {times_frame} | {' | '.join(cells)} |")
    for path, text in details:
        print(f"\n## {path}\n")
        print(text[text.find("ncalls") :])


if __name__ == "__main__":
    main()
