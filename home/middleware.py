"""Site-wide middleware: the anonymous page cache, and clear pages when the database or the disk fails."""

import errno
import functools
import hashlib
import logging

from django import db
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe
from django.utils.module_loading import import_string

from . import cache as page_cache
from . import front_cache

logger = logging.getLogger(__name__)

# Responses that vary only on these request headers are the same for every visitor we serve from the cache:
# - Accept-Encoding: Django compresses nothing (nginx compresses on the way out);
# - Cookie: Django adds it as soon as a template merely looks at the session (the Wagtail user bar checks
#   request.user on every page). The only cookies this site's code reads are the session, messages and CSRF
#   cookies: requests with the first two never use the cache, and a response that used CSRF is refused below.
#   tests/site/test_page_cache.py fails if code starts reading request.COOKIES anywhere else.
HARMLESS_VARY = {"accept-encoding", "cookie"}
REFUSING_CACHE_CONTROL = ("private", "no-store", "no-cache", "max-age=0")
# Paths that are never pages: skip even the cache lookup.
# /api/ answers are not pages: the API sets its own Cache-Control (site_cms/api.py) and is never stored here.
SKIPPED_PREFIXES = ("/admin/", "/api/", "/documents/", "/static/", "/media/")
MAX_QUERY_LENGTH = 512
# Browsers revalidate every time (a purge reaches them at once) and get a bodiless 304 when nothing changed; a front
# cache keeps the page FRONT_CACHE_SECONDS (home/front_cache.py).
PUBLIC_CACHE_CONTROL = front_cache.BROWSER_CACHE_CONTROL


def personal_cookie_names():
    """The cookies whose presence makes a request one visitor's own: the session cookie and the messages cookie, by
    the names the settings give them (`__Host-sessionid` and `__Host-messages` in production)."""
    return _personal_cookie_names(settings.SESSION_COOKIE_NAME, settings.MESSAGE_STORAGE)


@functools.cache
def _personal_cookie_names(session_cookie, message_storage):
    names = {session_cookie}
    storage = import_string(message_storage)
    for cls in (storage, *getattr(storage, "storage_classes", ())):
        if getattr(cls, "cookie_name", None):
            names.add(cls.cookie_name)
    return frozenset(names)


class PageCacheMiddleware:
    """Serves and stores anonymous page responses; the rules and the reasoning are in home/cache.py."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cache.enabled() or not self.may_use_cache(request):
            return self.finish_uncached(request, self.get_response(request), "BYPASS")
        with page_cache.token_scope():
            return self.cached(request)

    def cached(self, request):

        key = page_cache.entry_key(request.scheme, request.get_host(), request.path, self.cache_query(request))
        try:
            site_token, path_token, entry = page_cache.read(request.path, key)
        except Exception:
            # Redis down: serve the site uncached rather than fail. One line per request, not a traceback.
            logger.warning("Page cache unavailable; serving %s uncached", request.path, exc_info=False)
            return self.finish_uncached(request, self.get_response(request), "ERROR")

        tokens = (site_token, path_token)
        if entry is not None and None not in tokens and entry["tokens"] == tokens:
            return self.from_entry(request, entry)

        response = self.get_response(request)
        if site_token is None or not self.storable(request, response):
            return self.finish_uncached(request, response, "PASS")
        valid_until = getattr(request, "page_cache_valid_until", None)
        seconds = page_cache.seconds_until(valid_until, settings.PAGE_CACHE_SECONDS)
        if seconds <= 0:  # what the page shows has just stopped being true (home.cache.valid_until)
            return self.finish_uncached(request, response, "PASS")
        if path_token is None:
            # The first storable answer for this path (or its token was evicted): made-up paths never get one.
            tokens = (site_token, self.quietly(page_cache.create_path_token, request.path) or None)
            if None in tokens:
                return self.finish_uncached(request, response, "PASS")
        if self.cache_query(request) and not self.quietly(page_cache.may_store_variant, request.path, tokens):
            return self.finish_uncached(request, response, "PASS")

        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        response["ETag"] = etag
        response["Cache-Control"] = front_cache.public_cache_control(valid_until)
        entry = {
            "tokens": tokens,
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() not in {"date", "x-cache"}],
            "content": response.content,
            "etag": etag,
            "valid_until": valid_until,
        }
        try:
            page_cache.store(key, entry, seconds)
        except Exception:
            logger.warning("Page cache unavailable; %s not stored", request.path)
        response["X-Cache"] = "MISS"
        return get_conditional_response(request, etag=etag, response=response)

    @staticmethod
    def may_use_cache(request):
        if request.method not in ("GET", "HEAD"):
            return False
        if request.path.startswith(SKIPPED_PREFIXES) or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
            return False
        cookies = request.COOKIES
        # A session means an editor or a visitor in the middle of something; a messages cookie means a flash
        # message is waiting to be shown. Either way the response is theirs alone.
        # The CSRF cookie is no reason to skip the cache: a stored page never holds a token (a response that used one
        # is refused in `storable`), and every visitor who once saw a form carries that cookie.
        if not personal_cookie_names().isdisjoint(cookies):
            return False
        return "HTTP_AUTHORIZATION" not in request.META

    @staticmethod
    def cache_query(request):
        return "&".join(f"{name}={value}" for name, value in page_cache.query_params(request))

    @staticmethod
    def quietly(call, *args):
        try:
            return call(*args)
        except Exception:
            logger.warning("Page cache unavailable; %s not stored", args[0])
            return False

    @staticmethod
    def storable(request, response):
        if not getattr(request, "page_cache_candidate", False) or getattr(request, "page_cache_refused", False):
            return False
        # Only the parameters the page reads may make a new entry (home/cache.py, "Query strings").
        if any(name not in page_cache.allowed_query_params(request) for name, _ in page_cache.query_params(request)):
            return False
        if response.status_code != 200 or response.streaming:
            return False
        if response.cookies or response.has_header("Set-Cookie"):
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        # A flash message added and shown within this very request sets no cookie, but it is still theirs.
        messages = getattr(request, "_messages", None)
        if messages is not None and len(messages):
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        if vary - HARMLESS_VARY:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        return not any(word in cache_control for word in REFUSING_CACHE_CONTROL)

    @staticmethod
    def from_entry(request, entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Cache"] = "HIT"
        if entry.get("valid_until") is not None:
            # A front cache may keep it only for what is left of its time, not the whole of it again.
            response["Cache-Control"] = front_cache.public_cache_control(entry["valid_until"])
        # A stored Last-Modified (the news feeds send one) is honoured too: a reader that only sends
        # If-Modified-Since gets its 304 from the cache as well (RFC 7232, 3.3).
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(request, etag=entry["etag"], last_modified=last_modified, response=response)

    @staticmethod
    def finish_uncached(request, response, status):
        if getattr(request, "page_cache_candidate", False):
            # A page that is not shareable (a form, an editor's view) must not be kept by any proxy or browser
            # either: a front cache (deploy/varnish.vcl) and the back button would show it to the next person.
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_store=True)
            if page_cache.enabled():
                response["X-Cache"] = status
        return response


def is_database_unavailable(exc):
    return isinstance(exc, (db.OperationalError, db.InterfaceError))


def is_disk_full(exc):
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def unavailable_response(exc):
    """The response for an infrastructure failure, rendered without the database; None for any other error."""
    if is_database_unavailable(exc):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
    elif is_disk_full(exc):
        response = HttpResponse(render_to_string("507.html"), status=507)
    else:
        return None
    patch_cache_control(response, no_store=True)
    return response


class ServiceUnavailableMiddleware:
    """Database unreachable → 503 with Retry-After; disk full → 507 saying the file was not saved.

    Both render a standalone template (no database, no context processors) and log one line, not a traceback per
    request: during a PostgreSQL restart under load that would be thousands of tracebacks. Errors raised outside
    views reach `home.views.server_error` (handler500), which makes the same distinction.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        response = unavailable_response(exception)
        if response is not None:
            logger.error("%s %s failed: %s: %s", request.method, request.path, type(exception).__name__, exception)
        return response
