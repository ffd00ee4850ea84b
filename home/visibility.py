"""Which site a request is for, and which pages are private, without asking the database on every page view.

Wagtail answers both questions with a query each time: `Site.find_for_request` looks the site up by host name,
`PageQuerySet.public()` reads every view restriction, and serving a page reads its ancestors and their view
restrictions (`Page.get_view_restrictions`). A home page with four sections asked seven times per view. On this
site sites and view restrictions change a few times a year, so the answers are kept with the page cache's site
token (`home.cache.site_data`): saving or deleting a site, a page or a view restriction replaces the token
(`home.cache.connect_signals`), and the next request reads them again. Without a shared cache
(SITE_DATA_CACHE_SECONDS=0) every call reads the database, exactly as Wagtail does.

What is kept is only what decides the answer: the path and depth of each restricted page and whether any alias
page exists. Whether a request may see a restricted page (password, login, groups) is still decided by Wagtail,
from the database, on every request for such a page.
"""

from django.core.exceptions import DisallowedHost
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from . import cache as page_cache


def restricted_sections():
    """{"sections": [(path, depth), …] of the pages carrying a view restriction, "aliases": any alias page?}."""

    def build():
        return {
            "sections": sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth"))),
            "aliases": Page.objects.filter(alias_of__isnull=False).exists(),
        }

    return page_cache.site_data("view-restrictions", build, shared=True)  # read-only for every caller


page_cache.read_with_every_request("view-restrictions")
page_cache.read_with_every_request("site-root-paths")


def private_q(queryset):
    """`PageQuerySet.private_q` from the kept sections: the same Q Wagtail builds, without its query."""
    q = Q()
    for path, depth in restricted_sections()["sections"]:
        q |= Q(path__startswith=path, depth__gte=depth)
    # As Wagtail: match no page when no section is private.
    return q if q else Q(pk__in=[])


def may_be_restricted(page):
    """False when no view restriction can apply to `page`; True sends the caller to Wagtail's own check.

    Aliases take their restrictions from the page they copy, wherever that is in the tree, so any alias on the
    site sends every page to Wagtail's check.
    """
    known = restricted_sections()
    return known["aliases"] or any(page.path.startswith(path) for path, _depth in known["sections"])


def no_view_restrictions():
    """An empty queryset of view restrictions: iterating or counting it asks no database."""
    return PageViewRestriction.objects.none()


def install():
    """Called from HomeConfig.ready(): every `.public()` / `.not_public()` on any page queryset uses the kept
    sections. Wagtail offers no setting for this; the replacement returns exactly what Wagtail's method returns
    (tests/site/test_visibility.py compares both on the same tree)."""
    PageQuerySet.private_q = private_q


def _find_site(request):
    site = Site._find_for_request(request)
    if site is not None:
        # Kept as its specific page: routing starts from it (`root_page.specific.route`) on every request.
        site.root_page = site.root_page.specific
    return site


class SiteLookupMiddleware:
    """Sets `request._wagtail_site`, which `Site.find_for_request` returns when present, from the kept sites,
    and opens the request's scope of the kept data.

    After CommonMiddleware: the host has passed ALLOWED_HOSTS, so only the site's own host names become keys.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Everything the request reads from the shared cache from here on is checked against the site token read
        # now, before any database read (home/cache.py, request_scope).
        try:
            host = request.get_host()
        except DisallowedHost:
            with page_cache.request_scope():
                return self.get_response(request)
        with page_cache.request_scope(request):
            site = page_cache.site_data(f"site:{host}:{request.get_port()}", lambda: _find_site(request))
            if site is not None:
                request._wagtail_site = site
            # Wagtail keeps the site root paths (every page URL needs them) in the cache and memoizes them on the
            # object passed to `get_url_parts`, usually the request: fill that memo from the read-ahead instead of
            # a cache call of its own. Sites are content, so the site token covers them.
            request._wagtail_cached_site_root_paths = page_cache.site_data("site-root-paths", Site.get_site_root_paths)
            return self.get_response(request)
