"""Scale: do pages and search stay fast when the site holds 10,000 articles and 500 events?

    .venv/bin/python -m bench.scale [--articles 10000] [--events 500]

On the loopback production stack with the page cache off (every request renders), it times each URL at the small
size (100 items), grows the data to the full size, and times them again; the budget (docs/performance.md) is at
most 2× the small-size time. Timing: median of 15 sequential requests after 3 warm-up requests, straight to gunicorn.

Data comes from the apps that own it, through a small contract, so this script never guesses their models:

    # news/benchdata.py             # events/benchdata.py
    def grow(count, stdout) -> None             def grow_events(count, stdout) -> None
    def urls() -> dict[str, str]                def event_urls() -> dict[str, str]
        # {"news index": "/berita/", "news index, deep page": "/berita/?page=400", "article": "/berita/..."}

`grow` makes the app hold at least `count` items (idempotent; news/benchdata.py writes rows in bulk, since
10,000 `add_child` calls take hours on a loaded machine). An app without benchdata.py is reported as skipped.
Site search is measured among the news URLs (articles are what it mostly finds). Generated data stays in the
stack's database: run the scale benchmark after the others, or on its own stack
(`PROD_LOCAL_DIR=var/prod-scale .venv/bin/python -m bench.scale`); `python deploy/prod_local.py reset` removes it.
"""

import argparse
import importlib
import json
import os
import statistics
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from deploy.prod_local import ROOT, Stack

RESULTS = Path(__file__).resolve().parent / "results"


def median_ms(url, runs=15):
    for _ in range(3):
        urllib.request.urlopen(url, timeout=60).read()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            assert response.status == 200, url
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def data_sources():
    sources = []
    for module, grow, urls, size, issue in (
        ("news.benchdata", "grow", "urls", "articles", 3),
        ("events.benchdata", "grow_events", "event_urls", "events", 4),
    ):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError:
            print(f"SKIPPED {module}: missing (issue {issue}); its pages are not measured")
            continue
        sources.append((module, getattr(mod, grow), getattr(mod, urls), size))
    return sources


def main():
    parser = argparse.ArgumentParser(description="Page times at 100 items and at full size.")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--small", type=int, default=100)
    args = parser.parse_args()
    results = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "load": os.getloadavg(), "urls": {}}

    with Stack(workers=2) as stack:
        os.environ.update(stack.env())
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        sources = data_sources()
        stack.restart_web(PAGE_CACHE_SECONDS="0", GUNICORN_ACCESS_LOG="/dev/null")
        full = {"articles": args.articles, "events": args.events}
        for phase, size_of in (("small", lambda kind: args.small), ("full", lambda kind: full[kind])):
            for name, grow, _urls, kind in sources:
                started = time.monotonic()
                grow(size_of(kind), sys.stdout)
                print(f"{name}: {size_of(kind)} items ready ({time.monotonic() - started:.0f} s)", flush=True)
            for _name, _grow, urls, _kind in sources:
                for label, path in urls().items():
                    ms = median_ms(stack.url(path))
                    entry = results["urls"].setdefault(label, {})
                    entry[phase] = ms
                    entry[f"{phase}_path"] = path
                    entry[f"{phase}_load"] = round(os.getloadavg()[0], 1)  # the machine is shared: say how busy
                    print(f"{phase:5} {label:40} {ms:8.1f} ms  load {entry[f'{phase}_load']}  {path}", flush=True)
        stack.restart_web()

    print("\n| Page | at 100 (load) | at full size (load) | Ratio | Budget ≤ 2× |\n|---|---|---|---|---|")
    for label, r in results["urls"].items():
        r["ratio"] = round(r["full"] / r["small"], 2)
        print(f"| {label} (`{r['full_path']}`) | {r['small']} ms ({r['small_load']}) | {r['full']} ms "
              f"({r['full_load']}) | {r['ratio']} | {'yes' if r['ratio'] <= 2 else 'NO'} |")  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"scale-{results['date'][:19].replace(':', '')}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"saved {out}")


if __name__ == "__main__":
    main()
