"""Throughput of pages as a ratio to a static file served by the same gunicorn in the same run.

    .venv/bin/python -m bench.throughput                       # the default pages (bench/pages.py)
    .venv/bin/python -m bench.throughput / /profil/            # any list of paths
    .venv/bin/python -m bench.throughput --embedded            # SQLite and no Redis: the default deployment

Runs on the loopback production stack (deploy/prod_local.py; started if it is not running, stopped again if this
script started it) with 2 sync gunicorn workers, in three modes (MODES below): cold (nothing kept: every request
reads and renders everything), uncached (the page cache off: every request renders, reusing kept fragments), cached.
For each mode and each concurrency (1 and 16 connections) it measures, with wrk, the fingerprinted stylesheet
(served by whitenoise inside the same gunicorn: the ceiling of this stack) and every path, and reports each page's
requests per second divided by the static file's (median of alternating rounds).
With --embedded, gunicorn runs as a newcomer deploys the site: production settings on SQLite without REDIS_URL, so
every cache is the database cache (site_cms/settings/base.py, DATABASE_CACHES); its own database and media are made
and seeded once under the stack's directory (`embedded/`).
Budgets (docs/performance.md): uncached >= 0.05, cached >= 0.5 (issue 17).
Results: bench/results/throughput-<time>.json and a Markdown table on stdout (for docs/performance.md).
"""

import argparse
import json
import os
import re
import subprocess
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench import pages
from deploy.prod_local import Stack

RESULTS = Path(__file__).resolve().parent / "results"
BUDGET = {"uncached": 0.05, "cached": 0.5}
# What each mode turns off. "uncached" is the budget's: no page cache, so every request renders the page, reusing the
# kept fragments and site data (home/cache.py) as any render does. "cold" also turns those off: every request
# reads everything from PostgreSQL and renders every template (reported, no budget: the cost of the first render
# after a purge).
MODES = {
    "cold": {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"},
    "uncached": {"PAGE_CACHE_SECONDS": "0"},
    "cached": {"PAGE_CACHE_SECONDS": "300"},
}


def wrk(url, connections, duration):
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    p50 = re.search(r"50%\s+([\d.]+\w+)", output).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", output).group(1)
    return {
        "rps": rps,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        "p50": p50,
        "p99": p99,
    }


def drain(url):
    """Wait until gunicorn has worked off the backlog a wrk run leaves behind.

    wrk stops after its duration, but requests already queued in the listen backlog are still served afterwards
    (slow uncached pages at c=16: seconds of work); the next target's run would otherwise wait behind them and
    measure nothing. Sequential requests queue behind that backlog, so when two have come back it is gone.
    """
    for _ in range(2):
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()


def median_run(runs):
    """The run with the median requests per second (its latencies belong to the same run)."""
    return sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]


def static_url(stack):
    with urllib.request.urlopen(stack.url("/")) as response:
        html = response.read().decode()
    return stack.url(re.search(r'href="(/static/home/css/site\.[0-9a-f]+\.css)"', html).group(1))


def check_cache_state(stack, path, mode):
    """Warm up (renditions, template cache, the first MISS) and return the page cache's answer for the page."""
    for _ in range(3):
        with urllib.request.urlopen(stack.url(path)) as response:
            state = response.headers.get("X-Cache")
    # With the cache off nothing is looked up; with it on a page is a HIT, or PASS when it is never cached (a form).
    expected = {None} if mode in ("cold", "uncached") else {"HIT", "PASS"}
    assert state in expected, f"{path}: X-Cache {state}, expected one of {expected}"
    return state or "off"


def embedded_env(stack):
    """Settings of the default deployment (SQLite, no Redis), with the demo loaded into its own database."""
    directory = stack.dir / "embedded"
    env = {
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "REDIS_URL": "",
        "MEDIA_ROOT": str(directory / "media"),
    }
    if not (directory / "db.sqlite3").exists():
        directory.mkdir(parents=True, exist_ok=True)
        stack.manage("migrate", "--noinput", **env)
        stack.manage("seed_demo", **env)
    return env


def budget_cell(run):
    if run["budget_met"] is None:
        return "report only"
    return f"{'≥' if run['budget_met'] else '<'} {BUDGET[run['mode']]}"


def main():
    parser = argparse.ArgumentParser(description="Page throughput relative to a static file (wrk).")
    parser.add_argument("paths", nargs="*", default=pages.THROUGHPUT)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the median is reported")
    parser.add_argument("--connections", default="1,16")
    parser.add_argument("--modes", default="cold,uncached,cached", help=f"any of {', '.join(MODES)}")
    parser.add_argument("--embedded", action="store_true", help="SQLite and no Redis (the database cache)")
    args = parser.parse_args()
    modes = args.modes.split(",")
    concurrencies = [int(c) for c in args.connections.split(",")]

    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        # Other work on the machine skews absolute numbers (ratios less so): record how busy it was.
        "load_average_before": os.getloadavg(),
        "cpus": os.cpu_count(),
        "stack": "SQLite, database cache" if args.embedded else "PostgreSQL, Redis",
        "runs": [],
    }
    with Stack(workers=2) as stack:
        stack_env = embedded_env(stack) if args.embedded else {}
        for mode in modes:
            stack.restart_web(**MODES[mode], **stack_env, WEB_CONCURRENCY="2", GUNICORN_ACCESS_LOG="/dev/null")
            static = static_url(stack)
            cache_state = {path: check_cache_state(stack, path, mode) for path in args.paths}
            for connections in concurrencies:
                # Other work on the machine comes and goes: alternate static and pages in rounds and keep the
                # median of each, so both sides of a ratio saw the same conditions.
                samples = {target: [] for target in [static, *args.paths]}
                for _ in range(args.rounds):
                    for target in samples:
                        url = target if target == static else stack.url(target)
                        samples[target].append(wrk(url, connections, args.duration))
                        drain(static)
                baseline = median_run(samples[static])
                for path in args.paths:
                    page = median_run(samples[path])
                    ratio = page["rps"] / baseline["rps"] if baseline["rps"] else float("nan")
                    run = {"mode": mode, "c": connections, "path": path, "static": baseline, "page": page,
                           "x_cache": cache_state[path], "load_average": os.getloadavg()}  # fmt: skip
                    run["ratio"] = round(ratio, 3)
                    run["budget_met"] = ratio >= BUDGET[mode] if mode in BUDGET else None
                    run["rounds"] = {"static": [r["rps"] for r in samples[static]],
                                     "page": [r["rps"] for r in samples[path]]}  # fmt: skip
                    results["runs"].append(run)
                    print(f"{mode:8} c={connections:<2} {path:30} {cache_state[path]:4} {page['rps']:8.1f} rps / "
                          f"static "
                          f"{baseline['rps']:8.1f} = {ratio:.3f}  p50 {page['p50']} p99 {page['p99']}"
                          f"  non-2xx {page['non_2xx']}", flush=True)  # fmt: skip
        stack.restart_web()  # back to the normal configuration
    results["load_average_after"] = os.getloadavg()

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"throughput-{results['date'][:19].replace(':', '')}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"\nStack: {results['stack']}")
    print("\n| Page | Mode (X-Cache) | c | Page req/s | Static req/s | Ratio | Budget | p50 / p99 | load |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results["runs"]:
        print(
            f"| `{r['path']}` | {r['mode']} ({r['x_cache']}) | {r['c']} | {r['page']['rps']:.0f} | "
            f"{r['static']['rps']:.0f} | "
            f"{r['ratio']:.3f} | {budget_cell(r)} | "
            f"{r['page']['p50']} / {r['page']['p99']} | {r['load_average'][0]:.1f} |"
        )
    print(f"\nsaved {out}")


if __name__ == "__main__":
    main()
