"""The anonymous page cache: what it stores, when it forgets, and the calls other apps make.

PageCacheMiddleware (home/middleware.py) keeps the whole response to an anonymous GET of a Wagtail page in the
shared cache (Redis in production) for PAGE_CACHE_SECONDS. Every stored entry remembers two version tokens that
were read when its request began, before any database read:

* the *site token*, replaced with a new random value whenever any content changes (`purge_all`);
* the *path token* of the request's path, replaced by `purge_pages` / `purge_paths`.

An entry is served only while both tokens still hold the values it was stored with. Tokens are random (uuid4), not
counters, and a missing token is created afresh before anything is stored under it, so an evicted or flushed token
can never come back with an old value: losing Redis data costs cache hits, never serves stale pages. Every purge
replaces the token at once *and again after the transaction commits*: a request that read the token before the
commit (and may have seen the old rows) stored its entry under a token that is gone by the time anyone reads it.

Why one site-wide token rather than tracking which page shows what: a page shows the menu, the footer settings,
snippets, images, and lists of other pages (latest news on the home page). Dependency tracking that misses one of
those serves stale content without anyone noticing; forgetting everything on every change is obviously correct,
and re-rendering costs a few milliseconds per page (docs/performance.md). Per-path purges exist only for frequent,
narrow changes that the caller knows the reach of, such as a seat count.

What is never stored (the middleware checks each response): anything but GET/HEAD; requests that carry a session
or messages cookie (editors, visitors in the middle of a flow); responses that set a cookie or vary on one (every
page that renders a CSRF token does both, so a form is never served from the cache to another visitor); responses
marked private/no-store/no-cache (`never_cache`); non-200 responses; views that are neither Wagtail pages nor
decorated with `cache_public`; page types with `public_cache = False`; requests for which `dont_cache` was called.

Query strings cannot fill the cache. Tracking parameters (utm_*, fbclid, ...) are dropped from the key. Any other
parameter must be on the allow-list of the page type that answered (settings.PAGE_CACHE_QUERY_PARAMS: the news
index takes page, kategori and tag) or of the `cache_public` view; a request with a parameter nobody reads is
answered by a render and never stored (X-Cache: PASS), not served the page without it, so a page that starts
reading a new parameter is never answered from the wrong entry. Allowed parameters still take any value
(`?page=1`, `?page=2`, ...): at most PAGE_CACHE_MAX_VARIANTS query strings are stored per path and purge, the rest
are rendered. And a path's token is created only once that path answered something storable, so made-up paths
leave nothing behind either (tests/site/test_page_cache.py, "floods").

Below the page cache, the same tokens guard the `{% fragment %}` template tag (`fragment`: the header and footer,
an article's body, a listing page, the home page's sections), so a page the page cache cannot serve reuses the
parts another page already rendered; a change forgets them exactly when it forgets the pages. Within one request,
data several parts read (the view restrictions, the site settings, the menu) is read once (`site_data`); nothing
else is kept between requests (docs/performance.md, "Decisions").

The API for the feature apps:

    from home import cache as page_cache

    page_cache.purge_all()                        # something shown site-wide changed
    page_cache.purge_pages([event, event_index])  # only these pages' URLs (all query strings, all hosts)
    page_cache.purge_paths(["/acara/fgd/daftar/"])
    page_cache.purge_on_change(MyModel)           # every save/delete of MyModel purges all (models shown on
                                                  # pages that are neither pages, snippets, settings nor media)
    page_cache.dont_cache(request)                # this response only (e.g. a route that shows personal data)
    @page_cache.cache_public                      # cache a non-page view (sitemap.xml)
    class MyPage(BasePage): public_cache = False  # never cache this page type

    {% load site_tags %}
    {% fragment "name" page.pk [per_path] %}…{% endfragment %}   # kept HTML; per_path: also purge_pages()

Pages, snippets, settings, images, documents, view restrictions, sites, collections and tags purge everything on
save and delete by themselves (connect_signals below). A counter updated with `QuerySet.update()` sends no signal:
call `purge_pages` for the pages that show it.
"""

import contextlib
import contextvars
import functools
import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

SITE_TOKEN_KEY = "pagecache:site"
# Facebook, Google and newsletter links append these; no page reads them, so they must not split the cache.
IGNORED_QUERY_PARAMS = ("fbclid", "gclid", "msclkid", "mc_cid", "mc_eid")
IGNORED_QUERY_PREFIXES = ("utm_",)

_registered_models = set()


def enabled():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def get_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def path_token_key(path):
    return "pagecache:path:" + hashlib.sha256(path.encode()).hexdigest()[:40]


def entry_key(scheme, host, path, query):
    raw = f"{scheme}://{host}{path}?{query}"
    return "pagecache:entry:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def _new_token():
    return uuid.uuid4().hex


def read(path, key):
    """(site token, path token, entry or None) in one round trip; creates the site token if it does not exist yet.

    A missing path token is not created here: any made-up path would leave one behind. It is None then, and the
    caller creates it (`create_path_token`) only when the response is worth storing.
    """
    cache = get_cache()
    path_key = path_token_key(path)
    values = cache.get_many([SITE_TOKEN_KEY, path_key, key])
    site_token = values.get(SITE_TOKEN_KEY) or _create_token(cache, SITE_TOKEN_KEY)
    return site_token, values.get(path_key), values.get(key)


def create_path_token(path):
    """A new token for `path` if it still has none (or the one this request created for its kept parts), else None.
    A purge of the path in the meantime would have written one, so a token created here proves that no purge
    reached the path since the request began: the response rendered meanwhile may be stored under it."""
    key = path_token_key(path)
    created = _created_tokens.get()
    if created is not None and key in created:
        return created[key]
    token = _new_token()
    return token if get_cache().add(key, token, timeout=None) else None


# Path tokens created during the current request (by `create_path_token` or for kept parts), so the page cache may
# store the response under a token its own render created (`token_scope`, opened by PageCacheMiddleware).
_created_tokens = contextvars.ContextVar("pagecache_created_tokens", default=None)


@contextlib.contextmanager
def token_scope():
    reset = _created_tokens.set({})
    try:
        yield
    finally:
        _created_tokens.reset(reset)


def may_store_variant(path, tokens):
    """Count one stored query string of `path` under these tokens; False beyond PAGE_CACHE_MAX_VARIANTS."""
    cache = get_cache()
    key = "pagecache:variants:" + hashlib.sha256("\x1f".join([path, *tokens]).encode()).hexdigest()[:40]
    limit = getattr(settings, "PAGE_CACHE_MAX_VARIANTS", 50)
    if cache.add(key, 1, timeout=settings.PAGE_CACHE_SECONDS):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired in between
        return False
    return count is not None and count <= limit


def query_params(request):
    """The request's query parameters that take part in the key: all but the tracking ones, sorted."""
    return sorted(
        (name, value)
        for name, value in request.GET.lists()
        if name not in IGNORED_QUERY_PARAMS and not name.startswith(IGNORED_QUERY_PREFIXES)
    )


def allowed_query_params(request):
    """The parameters the page or view that answered reads (set by `mark_page` and `cache_public`)."""
    return getattr(request, "page_cache_query_params", frozenset())


def _create_token(cache, key):
    # add() is atomic: when two workers race, both end up using the value that won.
    cache.add(key, _new_token(), timeout=None)
    return cache.get(key)


def store(key, entry, timeout=None):
    get_cache().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS if timeout is None else timeout)


# --- Pages that change with the clock -------------------------------------------------------------------------


def valid_until(request, moment):
    """What this response shows stops being true at `moment` (an aware datetime, or None): an event's registration
    closes, a held seat is freed. No cache keeps the response past it, neither this one nor a front cache
    (home/middleware.py, home/front_cache.py); a moment already past keeps it out of them. The earliest moment said
    during the request counts. Purges cover changes people make; this covers the ones time makes."""
    if moment is None:
        return
    current = getattr(request, "page_cache_valid_until", None)
    if current is None or moment < current:
        request.page_cache_valid_until = moment


def seconds_until(moment, limit):
    """`limit` seconds, or fewer when `moment` comes sooner (0 once it has passed)."""
    if moment is None:
        return limit
    return max(0, min(limit, int((moment - timezone.now()).total_seconds())))


def site_data(name, build):
    """Data several parts of one render read (the view restrictions, the site settings, the menu): built once per
    request and shared, read-only, by every caller in it (`request_scope`). Outside a request scope it is built on
    every call. Nothing is kept between requests: what a whole page shows is kept by the page cache, and its
    fragments by `fragment`. A purge during the request empties the memo, so what the request shows after its own
    change is built afresh."""
    memo = _request_memo.get()
    if memo is None:
        return build()
    data = memo.get(name, _MISSING)
    if data is _MISSING:
        data = memo[name] = build()
    return data


def path_data(name, path, build):
    """`site_data` for data of one path (an event's seats): read once per request."""
    return site_data(f"{name}:{path}", build)


_MISSING = object()


def fragment(parts, build, path=None, request=None):
    """Rendered HTML shared by many renders (the site header, a page's article body), kept while the site token
    read when the request began (and with `path`, that path's token) is unchanged.

    `parts` identify the fragment (`fragment_parts`: language, scheme, host, its name and whatever it varies on); with
    `path`, the fragment is also forgotten when that path is purged. Used by the `{% fragment %}` tag
    (home/templatetags/site_tags.py), which also keeps previews out. Kept for FRAGMENT_CACHE_SECONDS (0: off).

    With `request`, what the fragment shows may change with the clock too (`valid_until` said while building it, e.g.
    an event card's "registration open"): the fragment is kept no longer than that, and a render that reuses it tells
    its request the same moment, so the page around it is not kept longer either.
    """
    timeout = getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    memo = _request_memo.get()
    site_token = memo.get(SITE_TOKEN_KEY) if memo is not None else None
    if timeout <= 0 or site_token is None:
        return build()
    path_key = path_token_key(path) if path is not None else None
    path_token = memo.get(path_key) if path_key is not None else None
    key = fragment_key(parts)
    cache = get_cache()
    try:
        stored = cache.get(key)
    except Exception:
        return build()
    # (An entry of the two-part shape kept before fragments carried their time is a miss.)
    if (
        stored is not None
        and len(stored) == 3
        and stored[0] == (site_token, path_token)
        and (path_key is None or path_token is not None)
    ):
        if request is not None:
            valid_until(request, stored[2])
        return stored[1]
    html, until = _build_timed(build, request)
    timeout = seconds_until(until, timeout)
    if timeout <= 0:
        return html
    if path_key is not None and path_token is None:
        # As for pages (`read`, `create_path_token`): the path's token is made only once something is kept for it.
        try:
            path_token = create_path_token(path)
        except Exception:
            logger.exception("Could not create %s", path_key)
        if path_token is None:
            return html  # a purge reached the path since the request began
        memo[path_key] = path_token
        created = _created_tokens.get()
        if created is not None:
            created[path_key] = path_token
    try:
        cache.set(key, ((site_token, path_token), html, until), timeout=timeout)
    except Exception:
        logger.exception("Could not keep %s", key)
    return html


def _build_timed(build, request):
    """Build a fragment, and the earliest moment `valid_until` was told during the build (None: none)."""
    if request is None:
        return build(), None
    outer = getattr(request, "page_cache_valid_until", None)
    request.page_cache_valid_until = None
    try:
        html = build()
        until = request.page_cache_valid_until
    finally:
        request.page_cache_valid_until = outer
    valid_until(request, until)
    return html, until


def fragment_parts(request, values):
    # The scheme and host: a fragment may hold absolute URLs (the page metadata's og:image).
    return [translation.get_language(), request.scheme, request.get_host(), *values]


def fragment_key(parts):
    raw = "\x1f".join(str(part) for part in parts)
    return "pagecache:frag:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


# The request's memo: `site_data` by name, and (fragments on) the site token and the path's token, read once when
# the request begins, before any database read, so that a fragment built from rows read later is never kept under a
# token that a change of those rows replaced (the same rule as the page cache's entries, above).
_request_memo = contextvars.ContextVar("pagecache_request_memo", default=None)


@contextlib.contextmanager
def request_scope(request=None):
    memo = {}
    if request is not None and getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) > 0:
        path_key = path_token_key(request.path)
        try:
            cache = get_cache()
            values = cache.get_many([SITE_TOKEN_KEY, path_key])
            memo[SITE_TOKEN_KEY] = values.get(SITE_TOKEN_KEY) or _create_token(cache, SITE_TOKEN_KEY)
            if values.get(path_key) is not None:
                memo[path_key] = values[path_key]
        except Exception:
            logger.exception("Could not read the page cache's tokens; fragments are rendered afresh")
            memo.pop(SITE_TOKEN_KEY, None)
    reset = _request_memo.set(memo)
    try:
        yield
    finally:
        _request_memo.reset(reset)


class RequestMemoMiddleware:
    """Opens the request's memo (`request_scope`) for everything the view and its templates read.

    After CommonMiddleware (the host has passed ALLOWED_HOSTS) and before the views.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope(request):
            return self.get_response(request)


# --- Purging -------------------------------------------------------------------------------------------------


def _replace_tokens(keys):
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()
    try:
        get_cache().set_many({key: _new_token() for key in keys}, timeout=None)
    except Exception:
        # The change is saved; only the cache could not be told. Entries expire after PAGE_CACHE_SECONDS anyway.
        logger.exception("Page cache purge failed for %s; cached pages may be stale for up to %ss", keys, _ttl())


def _ttl():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def _purge_keys(keys, using=None):
    keys = list(keys)
    if not keys:
        return
    _replace_tokens(keys)
    transaction.on_commit(functools.partial(_replace_tokens, keys), using=using)


def purge_all(using=None):
    """Forget every cached page, now and again when the current transaction commits."""
    _purge_keys([SITE_TOKEN_KEY], using=using)


def purge_paths(paths, using=None):
    """Forget the cached responses for these request paths ('/acara/fgd/'), with any query string, on any host."""
    _purge_keys({path_token_key(path) for path in paths}, using=using)


def purge_pages(pages, using=None):
    """Forget the cached responses of these pages (their own URL, any query string; not their sub-routes)."""
    paths = set()
    for page in pages:
        url_parts = page.get_url_parts()
        if url_parts is not None:
            paths.add(url_parts[2])
    purge_paths(paths, using=using)


# --- Opting in and out ---------------------------------------------------------------------------------------


def mark_page(request, page):
    """Called for every Wagtail page about to be served (before_serve_page hook in home/wagtail_hooks.py)."""
    request.page_cache_candidate = True
    request.page_cache_query_params = frozenset(
        getattr(settings, "PAGE_CACHE_QUERY_PARAMS", {}).get(page.specific_class._meta.label, ())
    )
    if not getattr(page.specific_class, "public_cache", True):
        dont_cache(request)


def cache_public(view=None, *, query_params=()):
    """Decorator: the responses of this non-page view may be cached like pages (same rules, same purges).
    `query_params`: the query parameters the view reads (any other keeps the response out of the cache)."""
    if view is None:
        return functools.partial(cache_public, query_params=query_params)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.page_cache_candidate = True
        request.page_cache_query_params = frozenset(query_params)
        return view(request, *args, **kwargs)

    return wrapped


def dont_cache(request):
    """Keep this one response out of the cache (it is also sent with Cache-Control: private)."""
    request.page_cache_refused = True


def purge_on_change(model):
    """Register a model whose every save and delete purges the whole page cache. Usable as a class decorator."""
    _registered_models.add(model)
    is_content_model.cache_clear()
    return model


# --- What counts as content ----------------------------------------------------------------------------------


@functools.cache
def is_content_model(model):
    """True for models whose rows can appear on a public page."""
    from taggit.models import TagBase
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage, AbstractRendition
    from wagtail.models import Collection, Locale, Page, Site
    from wagtail.models.view_restrictions import BaseViewRestriction
    from wagtail.snippets.models import get_snippet_models

    if model in _registered_models:
        return True
    # Renditions are made while a page renders; purging on them would empty the cache on every miss.
    if issubclass(model, AbstractRendition):
        return False
    content_bases = (
        Page,
        AbstractImage,
        AbstractDocument,
        BaseGenericSetting,
        BaseSiteSetting,
        BaseViewRestriction,
        Site,
        Collection,
        Locale,
        TagBase,
    )
    return issubclass(model, content_bases) or model in get_snippet_models()


def _on_model_change(sender, instance=None, using=None, **kwargs):
    if is_content_model(type(instance) if instance is not None else sender):
        purge_all(using=using)


def _on_m2m_change(sender, instance=None, action="", using=None, **kwargs):
    if action.startswith("post_") and is_content_model(type(instance)):
        purge_all(using=using)


def _on_wagtail_signal(sender, **kwargs):
    purge_all()


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_migrate
    from wagtail import signals as wagtail_signals

    post_save.connect(_on_model_change, dispatch_uid="pagecache-post-save")
    post_delete.connect(_on_model_change, dispatch_uid="pagecache-post-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pagecache-m2m")
    # Publishing, unpublishing and moving also save rows (caught above); these cover any path that does not.
    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(_on_wagtail_signal, dispatch_uid=f"pagecache-{id(signal)}")
    # Every deploy runs `migrate`: new templates and code must not be hidden behind pages rendered by the old ones.
    post_migrate.connect(_on_migrate, dispatch_uid="pagecache-migrate")
    # Before the first migration saves anything (and so purges): the tables of the database caches must exist.
    pre_migrate.connect(_create_cache_tables, dispatch_uid="pagecache-createcachetable")


def _create_cache_tables(sender, app_config=None, using="default", **kwargs):
    """`manage.py createcachetable` as part of every `migrate` (`make run`, deploys, restores, tests' servers): the
    page cache without Redis and the security counters are tables (site_cms/settings/base.py). It creates only
    tables that are missing."""
    if app_config is not None and app_config.name == "home":
        from django.core.management import call_command

        call_command("createcachetable", database=using, verbosity=0)


def _on_migrate(sender, app_config=None, **kwargs):
    if app_config is not None and app_config.name == "home":
        purge_all()
