"""Rate limits in the "security" cache: a table of the site's database, so every worker and every app server
counts together, and nothing that fills the page cache (Redis with allkeys-lru) can evict a counter standing at
429 (site_cms/settings/base.py, SECURITY_CACHE; tests/site/test_security_cache.py).

    if not allow("feedback-ip", client_ip(request), limit=60, window_seconds=60): -> 429 with a clear message

Fixed windows: simple, cheap (one cache round trip) and good enough against floods. Limits per IP must stay
generous, since a whole campus can sit behind one NAT address; limits per e-mail address can be strict.
"""

import contextlib
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


def current_window(window_seconds):
    """The number of the fixed window of `window_seconds` that now falls in."""
    return int(time.time() // window_seconds)


def _cache_key(scope, key, window_seconds):
    window = current_window(window_seconds)
    digest = hashlib.sha256(str(key).strip().lower().encode()).hexdigest()[:32]  # no raw e-mail in the cache
    return f"ratelimit:{scope}:{digest}:{window}"


def _count(cache_key, window_seconds):
    """Add one to the counter, atomically; None when the cache cannot answer."""
    cache = caches[ALIAS]
    if cache.add(cache_key, 1, timeout=window_seconds + 1):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=window_seconds + 1)
        return 1


def allow(scope, key, limit, window_seconds):
    """Count one hit for (scope, key); True while the count in the current window is within `limit`."""
    count = _count(_cache_key(scope, key, window_seconds), window_seconds)
    if count is None:
        # A cache that swallows its errors (django-redis with IGNORE_EXCEPTIONS, if SECURITY_CACHE is pointed at a
        # Redis) answers None when unreachable: fail open, as an empty cache would.
        return True
    return count <= limit


class Attempt:
    """One guess at a secret, counted before the secret is compared; a right guess is refunded.

    For limits on failures (a lookup by code and secret): counting first is what makes the limit exact under
    concurrency. Each attempt takes its place in the count in one atomic increment, so of any number of
    simultaneous guesses at most `limit` are ever compared; a check-then-count design lets every request that
    checks before the others have counted through. A locked-out attempt compares nothing, so it learns nothing,
    not even from a right secret. `refund()` after a right answer, so the owner's successful lookups never use up
    the budget of failures.

        attempts = [Attempt("lookup-ip", ip, 20, 3600), Attempt("lookup-code", code, 10, 3600)]
        if not all(attempt.allowed for attempt in attempts): -> 429, compare nothing
        if right: for attempt in attempts: attempt.refund()
    """

    def __init__(self, scope, key, limit, window_seconds):
        self.cache_key = _cache_key(scope, key, window_seconds)
        count = _count(self.cache_key, window_seconds)
        self.counted = count is not None
        self.allowed = count is None or count <= limit  # fail open, as allow() does

    def refund(self):
        if not self.counted:
            return
        self.counted = False
        with contextlib.suppress(ValueError):  # the window ended meanwhile: its counter is gone, nothing to refund
            caches[ALIAS].decr(self.cache_key)


def allow_client(request, limits):
    """Count one hit of this client against every (scope, limit, window) in `limits`; True while all allow.

    Every limit is counted (no short-circuit), so each window sees every request."""
    ip = client_ip(request)
    results = [allow(scope, ip, limit, window) for scope, limit, window in limits]
    return all(results)
