"""Django's Redis cache, made to fail soft: Redis down slows the site, it does not take it down.

Wagtail keeps its site root paths in the default cache, the page cache and the rate limits live there too, and
Django's RedisCache raises ConnectionError on every call while Redis is unreachable, which would turn each page
into a 500. This backend behaves like an empty cache that keeps nothing while Redis is unreachable: reads miss,
writes are dropped, `add` succeeds (so a rate limit lets the request through: failing open is the lesser evil
for a public information site) and `incr` raises ValueError as for a missing key. After a failure it does not
try Redis again for RETRY_AFTER seconds, so a black-holed Redis costs one connect timeout per worker per window,
not one per call. One warning is logged per outage and worker.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER = 5.0


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a new `redis.Redis` object for every cache call, and each one fills a table of some
    170 response callbacks: a page that reads the cache twenty times spent several milliseconds on that alone
    (profile in docs/performance.md). One client per connection pool does the same work; redis-py clients are
    safe to share between threads, and the pool itself reconnects after a fork."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._down_until = 0.0

    def _call(self, fallback, method, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback()
        try:
            result = method(*args, **kwargs)
        except UNAVAILABLE as exc:
            if not self._down_until:
                logger.warning("Redis cache unavailable (%s); going on without it, retry every %ss", exc, RETRY_AFTER)
            self._down_until = time.monotonic() + RETRY_AFTER
            return fallback()
        if self._down_until:
            self._down_until = 0.0
            logger.warning("Redis cache is back")
            self._after_outage()
        return result

    def _after_outage(self):
        # A page purge this worker made during the outage was dropped, and Redis may have kept its entries (a
        # network split rather than a restart): forget all cached pages to be sure.
        from home import cache as page_cache

        page_cache.purge_all()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(lambda: default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(lambda: False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call(dict, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(lambda: False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (cache unavailable)")

        return self._call(missing, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(lambda: None, super().delete_many, keys, version)

    def clear(self):
        return self._call(lambda: False, super().clear)
