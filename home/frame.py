"""The pages every page's frame needs, read once per request in one query.

Every page asks two questions of the page tree before it shows anything of its own: which sections are private (to
serve a page at all, and for every `.public()` listing, home/visibility.py) and which pages the frame links (the
main menu: the home page's children shown in menus; the footer: the first live page of each type the apps name with
a `footer_links` hook, and the privacy notice). Both answers are a handful of rows of `wagtailcore_page`, so they
are read together: one query per request instead of two (docs/performance.md, "Queries per page").
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction

from . import cache as page_cache

# The main menu of a site whose home page sits where Wagtail puts it (depth 2, under the tree root) is read here;
# any other site's menu is read on its own (home/templatetags/site_tags.py, `frame_pages`).
MENU_DEPTH = 3


def footer_models():
    from .models import PrivacyNoticePage

    return [*(fn() for fn in hooks.get_hooks("footer_links")), PrivacyNoticePage]


def site_pages():
    """{"sections": [(path, depth), ...] of the pages carrying a view restriction, "aliases": any alias page?,
    "menu": live pages at MENU_DEPTH shown in menus, "footer": {content type id: its first live page}, every page in
    tree order; menu and footer pages as Wagtail's `.public()` would return them}. Read-only for every caller."""

    def build():
        types = ContentType.objects.get_for_models(*footer_models(), for_concrete_models=False)
        footer_types = [content_type.pk for content_type in types.values()]
        rows = list(
            Page.objects.annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
            .filter(
                Q(restricted=True)
                | Q(alias_of__isnull=False)
                | Q(live=True, depth=MENU_DEPTH, show_in_menus=True)
                | Q(live=True, content_type__in=footer_types)
            )
            .only("id", "title", "url_path", "path", "depth", "content_type_id", "live", "show_in_menus", "alias_of")
            .order_by("path")
        )
        sections = sorted((page.path, page.depth) for page in rows if page.restricted)

        def public(page):
            # Wagtail's `private_q`: a page is private when it or an ancestor carries a restriction.
            return not any(page.path.startswith(path) for path, _depth in sections)

        footer = {}
        for page in rows:
            if page.live and page.content_type_id in footer_types and public(page):
                footer.setdefault(page.content_type_id, page)
        return {
            "sections": sections,
            "aliases": any(page.alias_of_id is not None for page in rows),
            "menu": [
                page for page in rows if page.live and page.depth == MENU_DEPTH and page.show_in_menus and public(page)
            ],
            "footer": footer,
        }

    return page_cache.site_data("site-pages", build)
