"""Finding the page for a URL with one query for the whole path instead of two per level.

Wagtail's `Page.route` walks down the tree: for every part of the path it fetches the child with that slug and
then that child's specific page, so /agenda-kegiatan/fgd/ costs four queries before the page does anything.
Every page row already carries its whole `url_path`, so the pages along the path are fetched here in one query
and only the last one as its specific type. The result is exactly Wagtail's: whenever a page along the way could
route differently from a plain walk down to its child (a routable page whose own routes match the rest of the
path, or a page type with its own `route`), the walk is left to Wagtail (`default`). tests/site/test_routing.py
compares both on every kind of path. The pages along a path, and the page itself, are kept (`path_data`) until
the next change of content (any save of a page replaces the site token) or `purge_pages` of the path, so reading
a page that is not in the page cache costs no query to find it.
"""

import functools

from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from . import cache as page_cache


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


_CHAIN_COLUMNS = {"id", "path", "depth", "url_path", "live", "content_type_id"}


@functools.cache
def _chain_fields():
    # In the model's column order, as Model.from_db expects them.
    return tuple(field.attname for field in Page._meta.concrete_fields if field.attname in _CHAIN_COLUMNS)


def _chain(root, request, components, prefixes):
    """The pages along the path (only the fields routing reads), shallowest first, and the last one as its own
    type when every part of the path is a page (else None).

    Kept (`path_data`: forgotten on every change of content and on `purge_pages` of the path) only when every
    part of the path is a page, so made-up URLs are never kept, and used only for the same root and path.
    """

    def build():
        rows = list(
            Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth)
            .order_by("depth")
            .values_list(*_chain_fields())
        )
        page = _page(rows[-1]).specific if len(rows) == len(components) else None
        return root.path, tuple(components), rows, page

    if request is None:
        kept_root, kept_components, rows, page = build()
    else:
        # Under the path's token too: `purge_pages` forgets the kept page as it forgets the cached one.
        kept_root, kept_components, rows, page = page_cache.path_data(
            page_cache.route_data_name(request), request.path, build, keep=lambda kept: kept[3] is not None
        )
        if (kept_root, kept_components) != (root.path, tuple(components)):
            _root, _components, rows, page = build()
    return [_page(row) for row in rows], page


def _page(row):
    return Page.from_db(Page.objects.db, _chain_fields(), row)


def route_by_url_path(root, request, components, default):
    """`root.route(request, components)` for the site's root page; `default` is Wagtail's own walk."""
    if not components:
        return default(request, components)
    prefixes = [root.url_path + "/".join(components[:n]) + "/" for n in range(1, len(components) + 1)]
    chain, last = _chain(root, request, components, prefixes)
    # One page per level from the root's children down, without gaps; anything else is Wagtail's to answer
    # (a missing child is a 404 there too).
    if not chain or any(
        page.depth != root.depth + n + 1 or page.url_path != prefixes[n] for n, page in enumerate(chain)
    ):
        return default(request, components)
    if not all(_routes_to_children(page, components[n + 1 :]) for n, page in enumerate(chain[:-1])):
        return default(request, components)
    # Reading, the kept page serves; anything that may decide on its fields (a registration POST) reads the row.
    if last is None or request is None or request.method not in ("GET", "HEAD"):
        last = chain[-1].specific
    return last.route(request, components[len(chain) :])
