"""Throughput through Varnish (deploy/varnish.vcl) as a ratio to a static file, on the loopback production stack.

    .venv/bin/python -m bench.front_cache                 # the open event page, its form, the home page
    .venv/bin/python -m bench.front_cache / /berita/      # any list of paths

Starts the stack (deploy/prod_local.py, kernel-picked ports) with FRONTEND_CACHE_PURGE_URL pointing at a varnishd
started in front of gunicorn (deploy/varnish_local.py), then measures with wrk (bench/throughput.py `wrk`, median of
alternating rounds): the fingerprinted stylesheet from gunicorn (whitenoise: the ceiling of the application server,
the baseline of bench/throughput.py) and from nginx, each path from gunicorn (the page cache's HIT) and each path
through Varnish.
Reports req/s, the ratio to the static file, Varnish's answer (X-Front-Cache) and the load average.
Results: bench/results/front-cache-<time>.json and a Markdown table on stdout (docs/performance.md).
"""

import argparse
import json
import os
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from bench import pages
from bench.throughput import drain, median_run, static_url, wrk
from deploy import varnish_local
from deploy.prod_local import Stack

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_PATHS = [pages.EVENT_OPEN, pages.EVENT_FORM, pages.HOME]


def answer(url):
    with urllib.request.urlopen(url) as response:
        return response.headers.get("X-Front-Cache") or response.headers.get("X-Cache") or "-"


def main():
    parser = argparse.ArgumentParser(description="Throughput through Varnish relative to a static file (wrk).")
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", default="16")
    args = parser.parse_args()
    concurrencies = [int(c) for c in args.connections.split(",")]
    results = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "load_average_before": os.getloadavg(),
               "cpus": os.cpu_count(), "runs": []}  # fmt: skip
    with Stack(workers=2, fixed_ports=False) as stack, varnish_local.running(stack.state["web_port"]) as varnish:
        stack.restart_web(FRONTEND_CACHE_PURGE_URL=varnish, WEB_CONCURRENCY="2", GUNICORN_ACCESS_LOG="/dev/null")
        static = static_url(stack)
        targets = {"static (gunicorn)": static}
        static_path = urlsplit(static).path
        if stack.public_url(static_path) != static:  # nginx serves /static/ itself in production
            targets["static (nginx)"] = stack.public_url(static_path)
        for path in args.paths:
            targets[f"{path} (gunicorn)"] = stack.url(path)
            targets[f"{path} (varnish)"] = varnish + path
        states = {}
        for name, url in targets.items():
            for _ in range(3):  # warm up: renditions, the page cache's MISS, Varnish's MISS
                states[name] = answer(url)
        for connections in concurrencies:
            samples = {name: [] for name in targets}
            for _ in range(args.rounds):
                for name, url in targets.items():
                    samples[name].append(wrk(url, connections, args.duration))
                    drain(static)
            baseline = median_run(samples["static (gunicorn)"])
            for name in targets:
                run = median_run(samples[name])
                ratio = round(run["rps"] / baseline["rps"], 3) if baseline["rps"] else None
                results["runs"].append({"target": name, "c": connections, "answer": states[name], "run": run,
                                        "ratio": ratio, "load_average": os.getloadavg(),
                                        "rounds": [r["rps"] for r in samples[name]]})  # fmt: skip
                print(f"c={connections:<2} {name:60} {states[name]:5} {run['rps']:9.1f} rps ratio {ratio}"
                      f"  p50 {run['p50']} p99 {run['p99']} non-2xx {run['non_2xx']}", flush=True)  # fmt: skip
        stack.restart_web()
    results["load_average_after"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"front-cache-{results['date'][:19].replace(':', '')}.json"
    out.write_text(json.dumps(results, indent=2))
    print("\n| Target | Answer | c | req/s | Ratio to static (gunicorn) | p50 / p99 | load |")
    print("|---|---|---|---|---|---|---|")
    for r in results["runs"]:
        print(f"| `{r['target']}` | {r['answer']} | {r['c']} | {r['run']['rps']:.0f} | {r['ratio']:.3f} | "
              f"{r['run']['p50']} / {r['run']['p99']} | {r['load_average'][0]:.1f} |")  # fmt: skip
    print(f"\nsaved {out}")


if __name__ == "__main__":
    main()
