"""Fault: gunicorn workers killed (SIGKILL) in the middle of requests that write; no half-written rows remain.

    .venv/bin/python -m bench.faults.worker_kill [--seconds 40]

On the loopback production stack, 4 editor sessions create and publish standard pages through the Wagtail admin
(each a multi-row write: the page row, its StandardPage row, a revision, log entries, the tree's child count) while
a killer thread SIGKILLs a random gunicorn worker every 1–2.5 s; the master replaces it. Afterwards:

* every page the admin confirmed (302 after the POST) exists, live, with its revision (durable before the answer);
* no half rows: every wagtailcore_page row of a StandardPage has its home_standardpage row and vice versa, every
  live page has a live revision, and treebeard finds no problems in the tree (paths, depths, child counts);
* requests cut by a kill got a connection error or a 502-type failure, never a half page.

Not covered yet: a kill during a public POST (a registration, a feedback item); add their POST here.
Bounded: --seconds of requests to 127.0.0.1 only.
"""

import argparse
import http.client
import json
import os
import random
import re
import signal
import subprocess
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urlencode

from deploy.prod_local import PYTHON, ROOT, Stack

PASSWORD = "uji-beban-kesbangpol-2026"


class FormFields(HTMLParser):
    """The fields a browser would submit from the page's main form (inputs, textareas, selected options)."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields, self.textarea, self.select = form_id, False, {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "name" not in a and tag not in ("option",):
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file", "checkbox", "radio"):
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "input" and a.get("type") in ("checkbox", "radio") and "checked" in a:
            self.fields[a["name"]] = a.get("value", "on")
        elif tag == "textarea":
            self.textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and ("selected" in a) and a.get("value") is not None:
            self.fields[self.select] = a["value"]

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


class Editor:
    """One logged-in editor talking HTTP/1.1 to gunicorn as nginx would (X-Forwarded-Proto: https)."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        headers = {
            "X-Forwarded-Proto": "https",
            "Referer": f"https://127.0.0.1:{self.port}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(body)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return response.status, response.getheader("Location"), content

    def login(self):
        status, _, page = self.request("GET", "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, location, _ = self.request(
            "POST", "/admin/login/", {"csrfmiddlewaretoken": token, "username": "admin", "password": PASSWORD}
        )
        assert status == 302, f"login failed ({status})"

    def create_page(self, parent_id, title):
        path = f"/admin/pages/add/home/standardpage/{parent_id}/"
        status, _, page = self.request("GET", path)
        if status == 302:  # the login response was cut off by a kill: log in again
            self.login()
            status, _, page = self.request("GET", path)
        if status != 200:
            return f"GET {status}"
        parser = FormFields("page-edit-form")
        parser.feed(page)
        fields = parser.fields
        fields.update({"title": title, "slug": re.sub(r"[^a-z0-9]+", "-", title.lower()), "intro": "Uji beban."})
        fields["body-count"] = "0"  # the StreamField's own inputs are made by the admin's JavaScript
        fields["action-publish"] = "action-publish"
        status, location, _ = self.request("POST", path, fields)
        return status


def shell(stack, code):
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=stack.env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


INTEGRITY = """
import json
from django.db import connection
from wagtail.models import Page
from home.models import StandardPage
cur = connection.cursor()
cur.execute("SELECT id FROM django_content_type WHERE app_label='home' AND model='standardpage'")
ct = cur.fetchone()[0]
cur.execute("SELECT count(*) FROM wagtailcore_page p LEFT JOIN home_standardpage s ON s.page_ptr_id = p.id "
            "WHERE p.content_type_id = %s AND s.page_ptr_id IS NULL", [ct])
pages_without_row = cur.fetchone()[0]
cur.execute("SELECT count(*) FROM home_standardpage s LEFT JOIN wagtailcore_page p ON p.id = s.page_ptr_id "
            "WHERE p.id IS NULL")
rows_without_page = cur.fetchone()[0]
problems = [len(x) for x in Page.find_problems()]
live_without_revision = Page.objects.filter(live=True, live_revision__isnull=True).exclude(depth=1).count()
titles = list(StandardPage.objects.filter(title__startswith="Uji kill ").values_list("title", "live"))
print(json.dumps({"pages_without_row": pages_without_row, "rows_without_page": rows_without_page,
                  "tree_problems": problems, "live_without_revision": live_without_revision, "titles": titles}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=40)
    args = parser.parse_args()
    with Stack(workers=2) as stack:
        stack.restart_web(GUNICORN_ACCESS_LOG="/dev/null")
        admin_env = stack.env(ADMIN_PASSWORD=PASSWORD, ADMIN_USERNAME="admin")
        subprocess.run([PYTHON, "manage.py", "ensure_admin"], cwd=ROOT, env=admin_env, check=True, capture_output=True)
        home_id = shell(
            stack, "import json; from home.models import HomePage; print(json.dumps(HomePage.objects.get().pk))"
        )
        port = stack.state["web_port"]
        confirmed, failures, kills = [], [], []
        stop = time.monotonic() + args.seconds
        run_id = int(time.time())

        def editor(n):
            me = Editor(port)
            for _ in range(5):
                try:
                    me.login()
                    break
                except Exception:
                    time.sleep(0.5)
            i = 0
            while time.monotonic() < stop:
                i += 1
                title = f"Uji kill {run_id} {n}-{i}"
                try:
                    status = me.create_page(home_id, title)
                except Exception as error:
                    failures.append(type(error).__name__)
                    continue
                (confirmed if status == 302 else failures).append(title if status == 302 else str(status))

        def killer():
            rng = random.Random(8)
            while time.monotonic() < stop:
                time.sleep(rng.uniform(1.0, 2.5))
                workers = stack.web_workers()
                if workers:
                    victim = rng.choice(workers)
                    os.kill(victim, signal.SIGKILL)
                    kills.append(victim)

        threads = [threading.Thread(target=editor, args=(n,)) for n in range(4)] + [threading.Thread(target=killer)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        time.sleep(1)
        report = shell(stack, INTEGRITY)

    stored = dict(report.pop("titles"))
    lost = [t for t in confirmed if t not in stored]
    not_live = [t for t in confirmed if t in stored and not stored[t]]
    summary = {
        "workers_killed": len(kills),
        "pages_confirmed": len(confirmed),
        "requests_failed_by_kills": len(failures),
        "failure_kinds": sorted(set(failures)),
        "confirmed_but_missing": len(lost),
        "confirmed_but_not_live": len(not_live),
        "stored_without_confirmation": len(set(stored) - set(confirmed)),
        **report,
    }
    print(json.dumps(summary, indent=2))
    passed = (
        kills
        and confirmed
        and not lost
        and not not_live
        and report["pages_without_row"] == 0
        and report["rows_without_page"] == 0
        and report["live_without_revision"] == 0
        and not any(report["tree_problems"])
    )
    print("PASS" if passed else "FAIL")
    raise SystemExit(0 if passed else 1)


if __name__ == "__main__":
    main()
