"""Shared fixtures. Page trees are built with the small helpers in tests/factories/.

Logging in: django-axes (the admin login lockout) needs the request that authenticates. `client.force_login(user)`
skips authentication altogether; `client.login(username=..., password=...)` works too, because the fixture below
hands axes a request (from 127.0.0.1), as django-axes' documentation asks for tests.
"""

import os

import pytest
from django.http import HttpRequest
from django.test import Client

# Playwright's sync API runs an event loop in the test thread; without this, every ORM call in a browser test
# raises SynchronousOnlyOperation (Django docs, "Async safety": DJANGO_ALLOW_ASYNC_UNSAFE).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches: the page cache is on in tests, as in production (settings/test.py), and
    a page cached by one test must not be served to the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _rate_limit_windows_stand_still(monkeypatch):
    """Rate limits count in fixed windows that restart at each boundary (home/ratelimit.py). A test that sends a
    flood would pass or fail with the clock: a slow run crosses a 60-second boundary halfway through its 41 posts.
    In tests every window stays the one the test began in."""
    import time

    from home import ratelimit

    began = time.time()
    monkeypatch.setattr(ratelimit, "current_window", lambda window_seconds: int(began // window_seconds))


@pytest.fixture
def home_page(db):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def seeded(db):
    """The demo site, as `make run` loads it: seeded once per worker, then copied back (tests/support/demo_copy.py)."""
    from wagtail.models import Site

    from tests.support import demo_copy

    demo_copy.seed()

    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.com", "correct-horse-battery-staple")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the snapshot Django takes of the fresh test database (see tests/browser/conftest.py)."""
    from django.db import connections

    from tests.browser import snapshots

    for connection in connections.all():
        if hasattr(connection, "_test_serialized_contents"):
            snapshots.SNAPSHOTS[connection.alias] = connection._test_serialized_contents


@pytest.fixture(scope="session")
def production_server(tmp_path_factory):
    """gunicorn serving the seeded demo site with production settings (tests/support/production_server.py)."""
    from tests.support.production_server import ProductionServer

    server = ProductionServer(tmp_path_factory.mktemp("production-server"))
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(autouse=True, scope="session")
def _axes_aware_client_login():
    original = Client.login

    def login(self, **credentials):
        if "request" not in credentials:
            request = HttpRequest()
            request.META["REMOTE_ADDR"] = "127.0.0.1"
            credentials["request"] = request
        return original(self, **credentials)

    Client.login = login
    yield
    Client.login = original


class SmtpSink:
    """A real SMTP server (aiosmtpd) on a loopback port; collects what it receives. `stop()` and `start()` simulate
    an outage (the port refuses connections in between)."""

    def __init__(self, port):
        self.port = port
        self.messages = []
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes
        from email.policy import default

        self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 OK"

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def by_key(self, key):
        return [m for m in self.messages if m["X-Outbox-Key"] == key]


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_sink(settings):
    """Django's mail goes to a real SMTP server on a free port; `smtp_sink.messages` holds the received
    email.message.EmailMessage objects."""
    sink = SmtpSink(free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    sink.start()
    yield sink
    sink.stop()
