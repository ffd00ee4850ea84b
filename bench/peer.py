"""Our pages beside the reference Wagtail demo (bakerydemo), in one run, each as a ratio to its own static file.

    .venv/bin/python -m bench.peer --peer-dir ../bakerydemo                      # cold and cached, c=1
    .venv/bin/python -m bench.peer --peer-dir ../bakerydemo --connections 1,16 --modes cold

Both sites run as a newcomer deploys them: production settings, SQLite, no REDIS_URL, gunicorn with 2 sync workers.
Ours is the embedded stack of bench/throughput.py (`--embedded`; its MODES: cold turns the page and fragment caches
off); bakerydemo runs its own production settings (DEBUG off, whitenoise) under a plain `gunicorn -w 2 --worker-class
sync bakerydemo.wsgi` from its own virtualenv. Pages of the same kind are paired (PAIRS below: home, article or blog
post, news or blog index, a 404). Rounds alternate between the two sites; in each round every page's requests per
second are divided by those of a collected stylesheet served by whitenoise in the same gunicorn, and the median of
those ratios over the rounds is reported, with "ours / peer" for each pair.
Budget (issue 17): each of our cold pages at least twice bakerydemo's page of the same kind (ours / peer >= 2).
Results: bench/results/peer-<time>.json and a Markdown table on stdout.

Preparing the bakerydemo checkout (once; the script migrates and loads it itself when its database is missing):

    git clone https://github.com/wagtail/bakerydemo && cd bakerydemo
    python3 -m venv .venv && .venv/bin/pip install -r requirements/production.txt gunicorn
    export DJANGO_SETTINGS_MODULE=bakerydemo.settings.production DJANGO_SECRET_KEY=any \
        DJANGO_ALLOWED_HOSTS='127.0.0.1;localhost' DATABASE_URL=sqlite:///$PWD/bakerydemodb
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_initial_data
    .venv/bin/python manage.py collectstatic --noinput
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench import pages
from bench.throughput import MODES, RESULTS, drain, embedded_env, static_url, wrk
from deploy.prod_local import Stack, free_port, stop_pid

# (kind, our path, bakerydemo's path); --peer-article changes the blog post.
PAIRS = [
    ("home", pages.HOME, "/"),
    ("article", pages.ARTICLE, "/blog/icelandic-baking/"),
    ("index", pages.NEWS_INDEX, "/blog/"),
    ("404", "/halaman-yang-tidak-ada/", "/page-that-does-not-exist/"),
]
BUDGET = 2.0  # ours / peer, cold


def fetch(url):
    """Status, X-Cache header and body of one request (a 404 is an answer here, not an error)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers.get("X-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache"), error.read().decode()


def warm(url, expected_status):
    """Renditions, template loading and the first MISS happen here, not in the measured runs."""
    for _ in range(3):
        status, cache_state, body = fetch(url)
    assert status == expected_status, f"{url}: {status}, expected {expected_status}"
    if status == 200:
        assert re.search(r"<img\b", body), f"{url}: no image in the page"
    return cache_state or "off"


class Peer:
    """bakerydemo behind its own gunicorn (2 sync workers), production settings, SQLite, no Redis."""

    def __init__(self, directory):
        self.dir = Path(directory).resolve()
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS", "CACHE_URL"))},
            "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
            "DJANGO_SECRET_KEY": "peer-benchmark-only",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1;localhost",
            "DATABASE_URL": f"sqlite:///{self.dir / 'bakerydemodb'}",
        }
        self.port = free_port()
        self.process = None

    def manage(self, *args):
        subprocess.run([self.dir / ".venv/bin/python", "manage.py", *args], cwd=self.dir, env=self.env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self):
        if not (self.dir / "bakerydemodb").exists():
            self.manage("migrate", "--noinput")
            self.manage("load_initial_data")
            self.manage("collectstatic", "--noinput")
        log = open(self.dir / "peer-gunicorn.log", "ab")  # kept open by the child
        cmd = [self.dir / ".venv/bin/gunicorn", "-w", "2", "--worker-class", "sync", "-b", f"127.0.0.1:{self.port}",
               "bakerydemo.wsgi:application"]  # fmt: skip
        self.process = subprocess.Popen(cmd, cwd=self.dir, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        for _ in range(600):
            try:
                if fetch(self.url())[0] == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        stop_pid(self.process.pid)
        raise SystemExit(f"bakerydemo did not answer; see {self.dir / 'peer-gunicorn.log'}")

    def __exit__(self, *exc):
        stop_pid(self.process.pid, timeout=35)

    def static_url(self):
        return self.url(re.search(r'href="(/static/css/main\.[0-9a-f]+\.css)"', fetch(self.url())[2]).group(1))


def wait_for_quiet(max_load, max_wait):
    """Other work on this machine (a test suite) skews everything: wait, within limits, for it to pass."""
    deadline = time.monotonic() + max_wait
    while os.getloadavg()[0] > max_load and time.monotonic() < deadline:
        print(f"load average {os.getloadavg()[0]:.2f} > {max_load}: waiting a minute", flush=True)
        time.sleep(60)


def summary(runs, statics):
    """Median over rounds of page/static, and the run with the median requests per second (its latencies)."""
    ratios = [run["rps"] / static["rps"] for run, static in zip(runs, statics, strict=True)]
    median_run = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
    return {"ratio": round(statistics.median(ratios), 4), "ratios": [round(r, 4) for r in ratios],
            "rps": median_run["rps"], "p50": median_run["p50"], "p99": median_run["p99"],
            "non_2xx": sum(r["non_2xx"] for r in runs)}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description="Our pages beside bakerydemo's, relative to a static file (wrk).")
    parser.add_argument("--peer-dir", required=True, help="a bakerydemo checkout with its own .venv")
    parser.add_argument("--peer-article", default=PAIRS[1][2], help="bakerydemo's blog post to pair with ours")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the median is reported")
    parser.add_argument("--connections", default="1")
    parser.add_argument("--modes", default="cold,cached", help=f"ours, any of {', '.join(MODES)}")
    parser.add_argument("--max-load", type=float, default=2.5, help="wait until the load average is below this")
    parser.add_argument("--max-wait", type=int, default=900, help="seconds to wait for it at most")
    args = parser.parse_args()
    pairs = [(kind, ours, args.peer_article if kind == "article" else peer) for kind, ours, peer in PAIRS]

    results = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
               "stack": "both: production settings, SQLite, no Redis, gunicorn 2 sync workers", "runs": []}  # fmt: skip
    with Stack(workers=2) as stack, Peer(args.peer_dir) as peer:
        stack_env = embedded_env(stack)
        peer_static = peer.static_url()
        for kind, _, path in pairs:
            warm(peer.url(path), 404 if kind == "404" else 200)
        for mode in args.modes.split(","):
            stack.restart_web(**MODES[mode], **stack_env, WEB_CONCURRENCY="2", GUNICORN_ACCESS_LOG="/dev/null")
            ours_static = static_url(stack)
            states = {path: warm(stack.url(path), 404 if kind == "404" else 200) for kind, path, _ in pairs}
            wait_for_quiet(args.max_load, args.max_wait)
            results.setdefault("load_average_before", os.getloadavg())
            for connections in [int(c) for c in args.connections.split(",")]:
                sides = {"ours": (ours_static, [stack.url(p) for _, p, _ in pairs]),
                         "peer": (peer_static, [peer.url(p) for _, _, p in pairs])}  # fmt: skip
                samples = {url: [] for static, urls in sides.values() for url in [static, *urls]}
                for _ in range(args.rounds):
                    for static, urls in sides.values():  # alternate: each side's static, then its pages
                        for url in [static, *urls]:
                            samples[url].append(wrk(url, connections, args.duration))
                            drain(static)
                for i, (kind, ours_path, peer_path) in enumerate(pairs):
                    ours = summary(samples[sides["ours"][1][i]], samples[ours_static])
                    theirs = summary(samples[sides["peer"][1][i]], samples[peer_static])
                    run = {"mode": mode, "c": connections, "kind": kind, "x_cache": states[ours_path],
                           "ours_path": ours_path, "peer_path": peer_path, "ours": ours, "peer": theirs,
                           "ours_static_rps": [r["rps"] for r in samples[ours_static]],
                           "peer_static_rps": [r["rps"] for r in samples[peer_static]],
                           "ours_over_peer": round(ours["ratio"] / theirs["ratio"], 3),
                           "load_average": os.getloadavg()}  # fmt: skip
                    run["budget_met"] = run["ours_over_peer"] >= BUDGET if mode == "cold" else None
                    results["runs"].append(run)
                    print(f"{mode:6} c={connections:<2} {kind:7} ours {ours['rps']:7.1f} rps {ours['ratio']:.3f} | "
                          f"peer {theirs['rps']:7.1f} rps {theirs['ratio']:.3f} | ours/peer "
                          f"{run['ours_over_peer']:.2f}", flush=True)  # fmt: skip
        stack.restart_web()  # back to the normal configuration
    results["load_average_after"] = os.getloadavg()

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"peer-{results['date'][:19].replace(':', '')}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"\nload average before {results['load_average_before'][0]:.2f}, after "
          f"{results['load_average_after'][0]:.2f} ({results['cpus']} CPUs)")  # fmt: skip
    print("\n| Kind | Ours (mode, X-Cache) | bakerydemo | c | Ours req/s | Ours ratio | Peer req/s | Peer ratio | "
          "Ours ÷ peer | Budget | p50 ours / peer |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results["runs"]:
        budget = "report only" if r["budget_met"] is None else f"{'≥' if r['budget_met'] else '<'} {BUDGET}"
        print(f"| {r['kind']} | `{r['ours_path']}` ({r['mode']}, {r['x_cache']}) | `{r['peer_path']}` | {r['c']} | "
              f"{r['ours']['rps']:.0f} | {r['ours']['ratio']:.3f} | "
              f"{r['peer']['rps']:.0f} | {r['peer']['ratio']:.3f} | "
              f"{r['ours_over_peer']:.2f} | {budget} | {r['ours']['p50']} / {r['peer']['p50']} |")  # fmt: skip
    statics = {(r["mode"], r["c"]): r for r in results["runs"]}.values()
    for r in statics:
        print(f"\nStatic file req/s per round ({r['mode']}, c={r['c']}): ours {r['ours_static_rps']}, "
              f"bakerydemo {r['peer_static_rps']}")  # fmt: skip
    print(f"\nsaved {out}")


if __name__ == "__main__":
    main()
