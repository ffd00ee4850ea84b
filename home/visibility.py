"""Which pages are private, read once per request instead of once per `.public()`.

Wagtail's `PageQuerySet.private_q` (wagtail/query.py) reads every view restriction each time a queryset is
filtered with `.public()`, and serving a page reads its ancestors and their restrictions
(`Page.get_view_restrictions`, wagtail/models/pages.py). The home page's sections, the menu and the footer filter
with `.public()` about eight times per render. Here the restricted sections are read once per request
(`home.cache.site_data`, a request memo; together with the frame's pages, home/frame.py) and both questions are
answered from them.

What is read is only what decides the answer: the path and depth of each restricted page and whether any alias
page exists. Whether a request may see a restricted page (password, login, groups) is still decided by Wagtail,
from the database, on every request for such a page. tests/site/test_visibility.py compares both with Wagtail's
own answers on the same tree; docs/performance.md says what this buys.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from .frame import site_pages


def restricted_sections():
    """{"sections": [(path, depth), …] of the pages carrying a view restriction, "aliases": any alias page?}: read
    with the frame's pages, in one query per request (home/frame.py)."""
    return site_pages()


def private_q(queryset):
    """`PageQuerySet.private_q` from the request's sections: the same Q Wagtail builds, without its query."""
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
    """Called from HomeConfig.ready(): every `.public()` / `.not_public()` on any page queryset uses the request's
    sections. Wagtail offers no setting for this; the replacement returns exactly what Wagtail's method returns
    (tests/site/test_visibility.py compares both on the same tree)."""
    PageQuerySet.private_q = private_q
