"""The front cache (Varnish, deploy/varnish.vcl, or a CDN) in front of gunicorn: the headers that let it keep public
pages, and the purges that tell it when one changed.

Wagtail's `wagtail.contrib.frontend_cache` sends the purges (Wagtail docs, "Frontend cache invalidator"): its own
signal handlers purge a page when it is published or unpublished; `connect_signals` below adds the page's parent
and its site's home page (they list it); `purge_pages` is for changes that send no publish signal, such as an
event's seats (events/seats.py, `seats_changed`). Purges go out after the transaction commits, so the front cache
never refetches the old rows. Without FRONTEND_CACHE_PURGE_URL (site_cms/settings/base.py) nothing is sent.

What the front cache may keep is decided here and in home/middleware.py, not in the VCL: only a response our page
cache could store gets `s-maxage` (`public_cache_control`); everything else is `private` (personal: forms with a
CSRF token, receipts, status pages, the admin, any request with a session or messages cookie). The VCL stores
nothing without `s-maxage` and nothing that sets a cookie (docs/deploy.md).
"""

from django.conf import settings
from django.db import transaction

# Browsers revalidate every time (a purge reaches them at once) and get a bodiless 304 when nothing changed.
BROWSER_CACHE_CONTROL = "public, max-age=0, must-revalidate"


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def public_cache_control(valid_until=None):
    """Cache-Control of a page anyone may be shown: shared caches keep it FRONT_CACHE_SECONDS (`s-maxage`, RFC 9111
    5.2.2.10), or until `valid_until` if that comes sooner (home.cache.valid_until); browsers revalidate."""
    from home.cache import seconds_until

    seconds = seconds_until(valid_until, getattr(settings, "FRONT_CACHE_SECONDS", 0))
    return f"{BROWSER_CACHE_CONTROL}, s-maxage={seconds}" if seconds > 0 else BROWSER_CACHE_CONTROL


def purge_pages(pages):
    """Purge these pages' URLs from the front cache once the current transaction commits."""
    if not enabled():
        return
    pages = [page for page in pages if page is not None]
    if pages:
        transaction.on_commit(lambda: _purge(pages))


def _purge(pages):
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    purge_pages_from_cache(pages)


def _on_publish_change(sender, instance, **kwargs):
    """Wagtail purges the page itself; its parent and home page list it (news, agenda, the home page's sections)."""
    site = instance.get_site()
    purge_pages([instance.get_parent(), site.root_page if site is not None else None])


def connect_signals():
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(_on_publish_change, dispatch_uid="front-cache-published")
    page_unpublished.connect(_on_publish_change, dispatch_uid="front-cache-unpublished")
