"""Which cache every worker can share without Redis: Django's file-based cache or the database cache.

    .venv/bin/python -m bench.cache_backends [--database-url postgres://…] [--redis-url redis://…] [--rounds 300]

The page cache's own pattern, in-process, against each backend (docs/performance.md, "Where the caches live"):

* hit: one `get_many` of the site token, the path token and a 30 KB page entry (a page served from the cache);
* store: one `set` of a 30 KB entry while 2,000 entries are kept (a miss that stores);
* count: `add` then `incr` of a rate-limit counter (every public POST);
* count ×2: the same counter from 2 processes at once, 200 hits each; reports hits/s and hits lost.

The database cache runs on a throwaway SQLite file (WAL, as settings/base.py opens it) and, with --database-url, on
PostgreSQL (a table `bench_cache_<random>`, dropped afterwards). LocMem (per process, not shared) and Redis (with
--redis-url) are the reference. Prints Markdown with the load average; JSON in bench/results/.
"""

import argparse
import json
import multiprocessing
import os
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ENTRY = {"tokens": ("a" * 32, "b" * 32), "status": 200, "headers": [], "content": os.urandom(15_000).hex().encode()}
KEPT = 2_000


def setup_django(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "site_cms.settings.dev"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def backend(kind, location, **options):
    return {
        "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": location},
        "file": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": location},
        "database": {"BACKEND": "home.cache_backends.DatabaseCache", "LOCATION": location},
        "redis": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": location},
    }[kind] | {"OPTIONS": options}


def open_cache(config):
    from django.core.cache import caches
    from django.test.utils import override_settings

    override = override_settings(CACHES={"default": config})
    override.enable()
    cache = caches["default"]
    if config["BACKEND"].endswith("DatabaseCache"):
        from django.core.management import call_command

        call_command("createcachetable", verbosity=0)
    return cache


def timed(fn, rounds):
    samples = []
    for n in range(rounds):
        start = time.perf_counter()
        fn(n)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    return {"median_ms": round(statistics.median(samples), 3), "p95_ms": round(p95, 3)}


def measure(config, rounds):
    cache = open_cache(config)
    cache.clear()
    for n in range(KEPT):
        cache.set(f"pagecache:entry:{n}", ENTRY, timeout=300)
    cache.set_many({"pagecache:site": "s" * 32, "pagecache:path:x": "p" * 32}, timeout=None)
    hit_keys = ["pagecache:site", "pagecache:path:x"]
    results = {
        "hit": timed(lambda n: cache.get_many([*hit_keys, f"pagecache:entry:{n % KEPT}"]), rounds),
        "store": timed(lambda n: cache.set(f"pagecache:entry:{n % KEPT}", ENTRY, timeout=300), rounds),
        "count": timed(lambda n: (cache.add(f"ratelimit:{n}", 1, timeout=60), cache.incr(f"ratelimit:{n}")), rounds),
    }
    if not config["BACKEND"].endswith("LocMemCache"):
        results["count_2_processes"] = count_together(config)
    cache.clear()
    return results


def _count(config, database_url, hits, start):
    setup_django(database_url)
    cache = open_cache(config)
    start.wait()
    for _ in range(hits):
        cache.incr("ratelimit:together")


def count_together(config, hits=200):
    from django.core.cache import caches

    cache = caches["default"]
    cache.set("ratelimit:together", 0, timeout=300)
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(3)
    workers = [context.Process(target=_count, args=(config, os.environ["DATABASE_URL"], hits, start)) for _ in range(2)]
    for worker in workers:
        worker.start()
    start.wait()
    began = time.perf_counter()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    counted = cache.get("ratelimit:together")
    return {"hits_per_s": round(2 * hits / elapsed), "lost": 2 * hits - counted}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="also measure the database cache on this PostgreSQL")
    parser.add_argument("--redis-url", help="also measure Redis (reference)")
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kesbangpol-cache-bench-"))
    load_before = os.getloadavg()
    runs = [
        ("LocMem (per process, reference)", f"sqlite:///{work / 'db.sqlite3'}", backend("locmem", "bench")),
        ("file-based", f"sqlite:///{work / 'db.sqlite3'}", backend("file", str(work / "files"), MAX_ENTRIES=5_000)),
        ("database, SQLite", f"sqlite:///{work / 'db.sqlite3'}", backend("database", "bench_cache", MAX_ENTRIES=5_000)),
    ]
    if args.database_url:
        table = f"bench_cache_{secrets.token_hex(4)}"
        runs.append(("database, PostgreSQL", args.database_url, backend("database", table, MAX_ENTRIES=5_000)))
    if args.redis_url:
        runs.append(("Redis (reference)", f"sqlite:///{work / 'db.sqlite3'}", backend("redis", args.redis_url)))
    results = {}
    for name, database_url, config in runs:
        # Each backend in its own process: Django is set up once per database.
        context = multiprocessing.get_context("spawn")
        queue = context.Queue()
        process = context.Process(target=_run, args=(database_url, config, args.rounds, queue))
        process.start()
        results[name] = queue.get()
        process.join()
    load_after = os.getloadavg()
    taken = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%S")
    load = f"load average {load_before[0]:.1f} → {load_after[0]:.1f}"
    print(f"Cache backends, {taken} UTC, {load}, {args.rounds} rounds\n")
    print("| Backend | hit p50 / p95 (ms) | store p50 / p95 (ms) | count p50 / p95 (ms) | 2 processes counting |")
    print("|---|---|---|---|---|")
    for name, r in results.items():
        together = r.get("count_2_processes")
        shared = f"{together['hits_per_s']} hits/s, {together['lost']} lost" if together else "not shared"
        print(
            f"| {name} | {r['hit']['median_ms']} / {r['hit']['p95_ms']} | {r['store']['median_ms']} / "
            f"{r['store']['p95_ms']} | {r['count']['median_ms']} / {r['count']['p95_ms']} | {shared} |"
        )
    out = ROOT / "bench" / "results" / f"cache-backends-{taken}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"load": [load_before, load_after], "results": results}, indent=2))


def _run(database_url, config, rounds, queue):
    setup_django(database_url)
    try:
        queue.put(measure(config, rounds))
    finally:
        if config["BACKEND"].endswith("DatabaseCache") and database_url.startswith("postgres"):
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute(f'DROP TABLE IF EXISTS "{config["LOCATION"]}"')


if __name__ == "__main__":
    main()
