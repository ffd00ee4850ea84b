"""Rate limits in the "security" cache: a table of the site's database, so every worker and every app server
counts together, and nothing that fills the page cache (Redis with allkeys-lru) can evict a counter standing at
429 (site_cms/settings/base.py, SECURITY_CACHE; tests/site/test_security_cache.py).

    if not allow("feedback-ip", client_ip(request), limit=60, window_seconds=60): -> 429 with a clear message

Fixed windows: simple, cheap (one cache round trip) and good enough against floods. Limits per IP must stay
generous, since a whole campus can sit behind one NAT address; limits per e-mail address can be strict.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches

ALIAS = "security"


def client_ip(request):
    """The client's address. Behind NUM_PROXIES trusted reverse proxies, taken from X-Forwarded-For (the entry the
    nearest trusted proxy added); never trust the header when no proxy is configured, or anyone could spoof it."""
    proxies = getattr(settings, "NUM_PROXIES", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _cache_key(scope, key, window_seconds):
    window = int(time.time() // window_seconds)
    digest = hashlib.sha256(str(key).strip().lower().encode()).hexdigest()[:32]  # no raw e-mail in the cache
    return f"ratelimit:{scope}:{digest}:{window}"


def allow(scope, key, limit, window_seconds):
    """Count one hit for (scope, key); True while the count in the current window is within `limit`."""
    cache_key = _cache_key(scope, key, window_seconds)
    cache = caches[ALIAS]
    if cache.add(cache_key, 1, timeout=window_seconds + 1):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=window_seconds + 1)
        count = 1
    if count is None:
        # A cache that swallows its errors (django-redis with IGNORE_EXCEPTIONS, if SECURITY_CACHE is pointed at a
        # Redis) answers None when unreachable: fail open, as an empty cache would.
        return True
    return count <= limit


def reached(scope, key, limit, window_seconds):
    """True when (scope, key) already has `limit` hits in the current window; counts nothing.

    For limits on failures: check before trying (so a locked-out client learns nothing, not even from a right
    answer), and count with allow() only when the attempt failed.
    """
    count = caches[ALIAS].get(_cache_key(scope, key, window_seconds))
    return count is not None and count >= limit
