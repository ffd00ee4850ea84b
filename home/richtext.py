"""Page links inside rich text, resolved in one query.

Wagtail's own handler (wagtail/rich_text/pages.py `PageLinkHandler.get_many`) turns the linked pages into their
specific types (`.specific()`): a query for their ids and types, then one per type, so that a page type which
overrides `get_url_parts` gets its own URL. No page type of this site does: a page's URL is its `url_path` below the
site root, which the plain `Page` row holds. This handler reads those rows in one query.

`tests/site/test_richtext_links.py` compares its links with Wagtail's for every page of the demo site, and fails
when a page type starts overriding `get_url_parts`. Wagtail docs: "Rewrite handlers",
https://docs.wagtail.org/en/stable/extending/rich_text_internals.html
"""

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler as WagtailPageLinkHandler


class PageLinkHandler(WagtailPageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages_by_str_id = {str(page.pk): page for page in Page.objects.filter(pk__in=ids)}
        return [pages_by_str_id.get(str(id_)) for id_ in ids]
