"""Security counters live where filling the page cache cannot reach them (site_cms/settings/base.py, SECURITY_CACHE).

In production the page cache is a Redis with allkeys-lru: a flood of pages evicts the least recently used keys,
and a rate-limit counter standing at 429 is exactly such a key. Here the page cache is played by a tiny in-memory
cache that culls (as LRU eviction would) and the counters by the production backend, the database cache of
home/cache_backends.py.
"""

import threading

import pytest
import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from home.ratelimit import allow
from site_cms.settings.base import SECURITY_CACHE

ADDRESS = "198.51.100.77"


@pytest.fixture
def production_caches(settings, db):
    """The page cache as a tiny cache that evicts; the security counters in the database cache, as in production."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tiny-page-cache",
            "OPTIONS": {"MAX_ENTRIES": 50, "CULL_FREQUENCY": 2},
        },
        "security": SECURITY_CACHE,
    }
    call_command("createcachetable", verbosity=0)
    yield caches
    for alias in ("default", "security"):
        caches[alias].clear()


def fill(cache, entries=2_000):
    for n in range(entries):
        cache.set(f"pagecache:entry:flood-{n}", "x" * 200, timeout=300)


def test_a_flood_of_cache_entries_leaves_a_429_standing(production_caches):
    with time_machine.travel(timezone.now(), tick=False):
        assert all(allow("flood-test", ADDRESS, 5, 60) for _ in range(5))
        assert not allow("flood-test", ADDRESS, 5, 60)
        fill(production_caches["default"])
        assert not allow("flood-test", ADDRESS, 5, 60), "the flood reset the counter: the next attempt was allowed"


def test_a_flood_of_junk_query_strings_leaves_a_429_standing(production_caches, client, home_page):
    """The same through HTTP: a flood of GETs with new query strings between the refused attempts."""
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(5):
            allow("flood-test", ADDRESS, 5, 60)
        for n in range(300):
            client.get(f"/?page={n}&x={n}")
        fill(production_caches["default"])
        assert not allow("flood-test", ADDRESS, 5, 60)


def test_the_admin_lockout_survives_emptying_every_cache(client, admin_user):
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin", "password": "salah"}, REMOTE_ADDR=ADDRESS)
    for cache in caches.all():
        cache.clear()
    locked = client.post(
        "/admin/login/", {"username": "admin", "password": "correct-horse-battery-staple"}, REMOTE_ADDR=ADDRESS
    )
    assert locked.status_code == 429


@pytest.mark.django_db(transaction=True)
def test_counting_from_several_connections_at_once_loses_no_hit(settings):
    """Django's own DatabaseCache.incr is a get and a set: two workers counting together both write the same
    number. Eight threads (each its own database connection) count 25 hits each; all 200 must be counted."""
    settings.CACHES = {**settings.CACHES, "security": SECURITY_CACHE}
    call_command("createcachetable", verbosity=0)
    cache = caches["security"]
    cache.clear()
    cache.add("counter", 0, timeout=60)
    barrier = threading.Barrier(8)
    errors = []

    def count():
        try:
            barrier.wait()
            for _ in range(25):
                caches["security"].incr("counter")
        except Exception as exc:  # pragma: no cover - shown in the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cache.get("counter") == 200
    cache.clear()


def test_incr_keeps_the_window_the_counter_was_added_with(production_caches):
    cache = production_caches["security"]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        cache.add("window", 1, timeout=3600)
        cache.incr("window")
        clock.shift(1800)  # BaseCache.incr would have reset the expiry to the 300 s default
        assert cache.get("window") == 2
        clock.shift(1801)
        assert cache.get("window") is None
        with pytest.raises(ValueError):
            cache.incr("window")
