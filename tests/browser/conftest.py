"""Browser harness: Playwright driving Debian's Chromium (never a downloaded browser) against a live server.

Reuse it in any test module under tests/browser/:

    def test_something(page, live_site, axe):
        page.goto(live_site.url("/"))
        axe.check(page, "home")          # zero serious/critical violations, screenshot saved

`live_site` is the seeded demo site on pytest-django's live server (transactional database). A second page, or one
with other options, comes from `open_page(java_script_enabled=False)`, which closes it after the test. Screenshots and
axe reports go to test-artifacts/ (CI keeps them).
"""

import json
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.browser.snapshots import SNAPSHOTS

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
BLOCKING_IMPACTS = {"serious", "critical"}
MESSAGES_SETTLED = """() => Array.from(document.querySelectorAll(".messages > ul")).every(
    (list) => getComputedStyle(list).opacity === "1"
)"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs Debian's chromium package")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A cheap phone: 360 px wide, Indonesian first.
    return {**browser_context_args, "viewport": {"width": 360, "height": 780}, "locale": "id-ID"}


class LiveSite:
    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")

    def url(self, path="/"):
        return self.base_url + path


@pytest.fixture
def _serialized_rollback_in_this_context(django_db_setup, django_db_blocker):
    """Make Django's snapshot of the fresh test database visible to the connection the browser test uses.

    Django serializes the database once, onto the connection object that created it. Playwright's sync API runs
    an event loop in the test thread, and inside it Django hands out a different connection object that lacks
    the snapshot, so a serialized rollback silently restores nothing.
    """
    from django.db import connections

    for connection in connections.all():
        snapshot = SNAPSHOTS.get(connection.alias)
        if snapshot is not None and not hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = snapshot


@pytest.fixture
def live_site(
    page, live_server, settings, _serialized_rollback_in_this_context, django_db_serialized_rollback, transactional_db
):
    # serialized_rollback: a transactional test flushes the tables afterwards, which would also remove the rows
    # our data migrations made (the home page and its Site); Django restores them from a snapshot.
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # The live server is the public site here: links in mails (the management link) must lead the browser to it.
    settings.SITE_URL = live_server.url
    call_command("sync_site", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return LiveSite(live_server.url)


@pytest.fixture
def open_page(browser, live_site):
    """A page in a browser context of its own: `open_page()`, `open_page(java_script_enabled=False)`.

    A cheap phone in Indonesian unless the options say otherwise. Every context it opened is closed when the test
    ends, passed or failed, and before the database is flushed: a page left open by a failed test (Wagtail's
    editor pings the server every 10 seconds) would go on talking to the live server during the later tests.
    """
    contexts = []

    def open_page(**options):
        context = browser.new_context(**{"viewport": {"width": 360, "height": 780}, "locale": "id-ID", **options})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


class AxeChecker:
    """Runs axe-core (bundled with axe-playwright-python, no download) and keeps a screenshot of each page."""

    def __init__(self, test_name):
        self.axe = Axe()
        self.prefix = re.sub(r"[^\w-]+", "_", test_name)
        self.count = 0

    def screenshot(self, page, name):
        ARTIFACTS.mkdir(exist_ok=True)
        self.count += 1
        path = ARTIFACTS / f"{self.prefix}-{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    def check(self, page, name):
        # Wagtail's admin fades its messages in over 0.5 s (opacity 0 to 1, even with reduced motion): axe would
        # measure the contrast of half-transparent text on a slow machine.
        page.wait_for_function(MESSAGES_SETTLED)
        self.screenshot(page, name)
        result = self.axe.run(page)
        blocking = [v for v in result.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
        if blocking:
            report = ARTIFACTS / f"{self.prefix}-{self.count:02d}-{name}-axe.json"
            report.write_text(json.dumps(blocking, indent=2, ensure_ascii=False))
            summary = "; ".join(f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in blocking)
            pytest.fail(f"axe found serious/critical violations on {name} ({page.url}): {summary}")
        return result


@pytest.fixture
def axe(request):
    return AxeChecker(request.node.name)
