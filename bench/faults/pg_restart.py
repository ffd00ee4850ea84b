"""Fault: PostgreSQL goes away under load and comes back; gunicorn is not restarted.

    .venv/bin/python -m bench.faults.pg_restart [--outage 7]

On the loopback production stack (deploy/prod_local.py), 8 client threads request two kinds of page for 25 s:
a page that must be rendered from the database (the request carries a session cookie, so it bypasses the page
cache) and the home page as anonymous visitors get it (from the page cache). After 5 s PostgreSQL is stopped
(`pg_ctl stop -m fast`, which also cuts the workers' open connections) and started again `--outage` seconds later.

Passes when: every answer is 200 or a clean 503 with Retry-After (no 500, no 502, no timeout); the database page
answers 200 again within 5 s of PostgreSQL being back; the gunicorn master and its workers are the same processes
before and after (CONN_HEALTH_CHECKS reconnects, nothing restarts). Also reported: the cached home page keeps
answering 200 throughout. Bounded: 25 s of requests to 127.0.0.1 only.
"""

import argparse
import collections
import json
import threading
import time
import urllib.error
import urllib.request

from deploy.prod_local import Stack

DURATION, OUTAGE_AT, THREADS = 25.0, 5.0, 8


def fetch(url, headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
            return response.status, None
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After")
    except Exception as error:  # timeouts, resets: exactly what must not happen
        return type(error).__name__, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outage", type=float, default=7.0, help="seconds PostgreSQL stays down")
    args = parser.parse_args()
    events = []  # (seconds since start, kind, status, retry-after)
    with Stack(workers=2) as stack:
        stack.restart_web(GUNICORN_ACCESS_LOG="/dev/null")
        session_cookie = {"Cookie": "__Host-sessionid=not-a-real-session"}
        targets = [("database", stack.url("/profil/"), session_cookie), ("cached", stack.url("/"), {})]
        fetch(targets[1][1], {})
        processes_before = (stack.state["web_pid"], sorted(stack.web_workers()))
        start = time.monotonic()
        marks = {}

        def client(n):
            kind, url, headers = targets[n % 2]
            while (now := time.monotonic() - start) < DURATION:
                status, retry_after = fetch(url, headers)
                events.append((round(now, 2), kind, status, retry_after))

        threads = [threading.Thread(target=client, args=(n,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        time.sleep(OUTAGE_AT)
        marks["stopped"] = time.monotonic() - start
        stack.stop_postgres()
        time.sleep(args.outage)
        stack._pg_ctl("start")
        marks["back"] = time.monotonic() - start
        for thread in threads:
            thread.join()
        processes_after = (stack.state["web_pid"], sorted(stack.web_workers()))

    by_second = collections.defaultdict(collections.Counter)
    for at, kind, status, _ in events:
        by_second[int(at)][f"{kind}:{status}"] += 1
    for second in sorted(by_second):
        print(f"t={second:2d}s " + "  ".join(f"{k}={v}" for k, v in sorted(by_second[second].items())))

    unclean = [e for e in events if e[2] not in (200, 503)]
    no_retry_after = [e for e in events if e[2] == 503 and e[3] != "30"]
    recovered_at = min((at for at, kind, status, _ in events if kind == "database" and status == 200
                        and at > marks["back"]), default=None)  # fmt: skip
    outage_503 = sum(1 for e in events if e[1] == "database" and e[2] == 503)
    cached_during = collections.Counter(
        e[2] for e in events if e[1] == "cached" and marks["stopped"] < e[0] < marks["back"]
    )
    summary = {
        "requests": len(events),
        "postgres_stopped_at_s": round(marks["stopped"], 2),
        "postgres_back_at_s": round(marks["back"], 2),
        "database_page_503_during_outage": outage_503,
        "unclean_answers": len(unclean),
        "503_without_retry_after": len(no_retry_after),
        "database_page_200_again_after_s": round(recovered_at - marks["back"], 2) if recovered_at else None,
        "cached_page_during_outage": dict(cached_during),
        "gunicorn_processes_unchanged": processes_before == processes_after,
    }
    print(json.dumps(summary, indent=2))
    passed = (
        not unclean
        and not no_retry_after
        and outage_503 > 0
        and recovered_at is not None
        and recovered_at - marks["back"] <= 5
        and summary["gunicorn_processes_unchanged"]
    )
    print("PASS" if passed else "FAIL")
    raise SystemExit(0 if passed else 1)


if __name__ == "__main__":
    main()
