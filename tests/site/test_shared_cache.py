"""One cache for every gunicorn worker without Redis (site_cms/settings/base.py): a real gunicorn with 2 workers and
production settings (tests/support/production_server.py: no REDIS_URL, so the database cache) counts one rate limit
and serves one page cache that one purge empties for both workers.

With an in-process cache each worker kept its own counters (a limit of N per address was N per worker) and its own
pages, which a purge made anywhere else never reached.
"""

import re
import secrets
from concurrent.futures import ThreadPoolExecutor

from feedback.models import LOOKUP_FAILURES_PER_CODE
from tests.support.production_server import HOST

STATUS_PATH = "/saran-dan-pengaduan/status/"
WRONG_ATTEMPTS_PER_CODE = LOOKUP_FAILURES_PER_CODE[1]  # wrong secrets per tracking code and hour


def in_pairs(server, calls):
    """Run the calls two at a time, so both sync workers are busy and each serves some of them."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda call: call(), calls))


def workers_in_log(server, since, path):
    lines = server.server_log()[since:].splitlines()
    return {m.group(1) for line in lines if path in line for m in [re.search(r"worker=<(\d+)>", line)] if m}


def csrf(server):
    response = server.get(STATUS_PATH)
    cookie = next(c.split(";")[0] for c in response.cookies() if "csrftoken=" in c)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.body).group(1).decode()
    return cookie, token


def test_two_workers_count_one_rate_limit(production_server):
    cookie, token = csrf(production_server)
    code = f"ADU-2026-{secrets.randbelow(90000) + 10000}"
    body = f"csrfmiddlewaretoken={token}&code={code}&secret=AAAA-BBBB-CCCC-DDDD".encode()
    headers = {
        "Cookie": cookie,
        "Referer": f"https://{HOST}{STATUS_PATH}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    since = len(production_server.server_log())

    def attempt():
        return production_server.request("POST", STATUS_PATH, body=body, headers=headers).status

    statuses = in_pairs(production_server, [attempt] * (WRONG_ATTEMPTS_PER_CODE + 6))
    assert len(workers_in_log(production_server, since, f"POST {STATUS_PATH}")) == 2, "both workers answered"
    # One count for both workers: with a counter per worker each would answer 10 wrong secrets itself, and all 16
    # would be 400. Each attempt is counted before its secret is compared (home/ratelimit.py, Attempt), so pairs in
    # flight cannot both slip past the limit: exactly the limit is answered.
    assert statuses.count(400) == WRONG_ATTEMPTS_PER_CODE, statuses
    assert statuses.count(429) == 6, statuses


def test_a_purge_reaches_every_worker(production_server):
    def home():
        response = production_server.get("/")
        return response.header("X-Cache"), response.body

    since = len(production_server.server_log())
    in_pairs(production_server, [home] * 6)
    assert {x for x, _ in in_pairs(production_server, [home] * 8)} == {"HIT"}
    assert len(workers_in_log(production_server, since, "GET / ")) == 2, "both workers answered"

    name = f"Kesbangpol {secrets.token_hex(3)}"
    production_server.manage(
        "shell",
        "--no-imports",
        "-c",
        f"from home.models import SiteSettings; s = SiteSettings.load(); s.short_name = {name!r}; s.save()",
    )
    answers = in_pairs(production_server, [home] * 8)
    assert all(name.encode() in body for _, body in answers), "a worker served a page from before the change"
    assert {x for x, _ in answers} <= {"MISS", "HIT"}


def test_production_cookie_names_bypass_the_page_cache_on_the_wire(production_server):
    assert production_server.get("/").status == 200
    assert production_server.get("/").header("X-Cache") == "HIT"
    for name in ("__Host-messages", "__Host-sessionid"):
        response = production_server.get("/", headers={"Cookie": f"{name}=anything"})
        assert response.header("X-Cache") == "BYPASS", name
