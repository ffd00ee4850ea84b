"""The test suite: fast hashing, mail kept in memory, a throwaway media folder.

When TEST_DATABASE_URL is set (e.g. a PostgreSQL started by .ci/run), the whole suite runs on it.
"""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, INSTALLED_APPS, TEMPLATES, database_from_url, env

# A snippet and page type that only the page cache tests use (its migrations run only in the test database).
# Not when tests/ is absent: tests/site/test_translations.py runs makemessages on a copy of the source without it.
if (BASE_DIR / "tests" / "cacheprobe").is_dir():
    INSTALLED_APPS = [*INSTALLED_APPS, "tests.cacheprobe"]
SECRET_KEY = "test-secret-key-not-for-production-" + "x" * 32
DEBUG = False
# The public address, whatever the shell says: mail, feeds and canonical links must name it and never the host a
# request came in on (the test client's "testserver", or "localhost"). What base.py derives from it is set again.
SITE_URL = "https://kesbangpol.test"
SITE_HOSTNAME = "kesbangpol.test"
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = SITE_URL
DEFAULT_FROM_EMAIL = SERVER_EMAIL = "Kesbangpol Kalteng <noreply@kesbangpol.test>"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", SITE_HOSTNAME]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="kesbangpol-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="kesbangpol-test-private-")
STORAGES = {
    # Local disk even when AWS_* variables are set in the shell: tests never reach a bucket.
    "default": {"BACKEND": "home.storage.RandomNameStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# In memory. Both aliases name one store (the same LOCATION), so the many tests that start a flood afresh with
# `cache.clear()` also reset the rate limits; tests/site/test_security_cache.py runs the production backends, two
# stores, and floods one of them.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "security": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
}
# The page cache is on in tests, as in production, so every test that changes content and reads a page again also
# checks that the change purged the cache. tests/conftest.py clears the cache before each test.
PAGE_CACHE_SECONDS = 300
FRAGMENT_CACHE_SECONDS = 300

if env("TEST_DATABASE_URL"):
    DATABASES = {"default": database_from_url(env("TEST_DATABASE_URL"))}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not Django's in-memory default. An in-memory test database hands the test's own connection object to
    # the live server of the browser tests, so a request the browser still makes (Wagtail's editing-session ping, a
    # page left open by a failed test) used the very connection the test was flushing: one CI run was left with
    # autocommit off for every later test. With a file every thread opens its own connection and SQLite's busy
    # timeout makes a second writer wait, as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.mkdtemp(prefix="kesbangpol-test-db-")) / "test.sqlite3")}
STATIC_ROOT = tempfile.mkdtemp(prefix="kesbangpol-test-static-")
# Serve static files straight from the finders, so the live server of browser tests needs no collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tests post forms at once; tests of the anti-spam timer set this back.
ANTISPAM_MIN_SECONDS = 0
# Tests post many registrations from the test client's one address; the tests of the per-client budget
# (tests/events/test_abuse.py) set it back to the default.
EVENT_REGISTRATIONS_PER_CLIENT = 1000
# Templates used only by tests (e.g. mails of the outbox tests).
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "templates"]
