"""Finding the page for a URL with one query for the whole path instead of two per level.

Wagtail's `Page.route` walks down the tree: for every part of the path it fetches the child with that slug and
then that child's specific page, so /agenda-kegiatan/fgd/ costs four queries before the page does anything.
Every page row already carries its whole `url_path`, so the pages along the path are fetched here in one query
and only the last one as its specific type. The result is exactly Wagtail's: whenever a page along the way could
route differently from a plain walk down to its child (a routable page whose own routes match the rest of the
path, or a page type with its own `route`), the walk is left to Wagtail (`default`). tests/site/test_routing.py
compares both on every kind of path. Overriding `route` is Wagtail's documented way to change routing
(https://docs.wagtail.org/en/stable/reference/pages/model_reference.html#wagtail.models.Page.route); what it buys is
in docs/performance.md.
"""

import functools

from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def _routes_to_children(page, remaining):
    """True when `page.route(request, remaining)` would only look for the child named `remaining[0]`."""
    cls = page.specific_class
    if cls is None or cls.route is Page.route:
        return True
    if issubclass(cls, RoutablePageMixin) and cls.route is RoutablePageMixin.route:
        if not page.live:
            return True  # RoutablePageMixin routes only live pages
        try:
            cls.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Resolver404:
            return True
    return False


_CHAIN_COLUMNS = {"id", "path", "depth", "url_path", "live", "content_type_id", "title"}


@functools.cache
def _chain_fields():
    # In the model's column order, as Model.from_db expects them.
    return tuple(field.attname for field in Page._meta.concrete_fields if field.attname in _CHAIN_COLUMNS)


def _chain(root, prefixes):
    """The pages along the path (only the fields routing reads), shallowest first."""
    rows = (
        Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth)
        .order_by("depth")
        .values_list(*_chain_fields())
    )
    return [Page.from_db(Page.objects.db, _chain_fields(), row) for row in rows]


def _specific(page):
    """The page as its specific type, with the rows its template always reads (`route_select_related` on the page
    class, e.g. an article's category and photo) joined into the same query; else Wagtail's `.specific`."""
    cls = page.specific_class
    related = getattr(cls, "route_select_related", ()) if cls is not None else ()
    if not related:
        return page.specific
    return cls._default_manager.select_related(*related).get(pk=page.pk)


def route_by_url_path(root, request, components, default):
    """`root.route(request, components)` for the site's root page; `default` is Wagtail's own walk."""
    if not components:
        return default(request, components)
    prefixes = [root.url_path + "/".join(components[:n]) + "/" for n in range(1, len(components) + 1)]
    chain = _chain(root, prefixes)
    if not chain:
        # No child of the root has the first slug: Wagtail's walk would answer 404 after one more query.
        raise Http404
    # One page per level from the root's children down, without gaps; anything else is Wagtail's to answer
    # (a missing child is a 404 there too).
    if any(page.depth != root.depth + n + 1 or page.url_path != prefixes[n] for n, page in enumerate(chain)):
        return default(request, components)
    if not all(_routes_to_children(page, components[n + 1 :]) for n, page in enumerate(chain[:-1])):
        return default(request, components)
    page = _specific(chain[-1])
    if root.depth == 2:
        # The breadcrumbs' trail (the ancestors below the tree root, home/templatetags/site_tags.py) was just read.
        page._breadcrumb_pages = [root, *chain[:-1]]
    return page.route(request, components[len(chain) :])
