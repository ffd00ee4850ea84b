"""Page links inside rich text (home/richtext.py): the same links as Wagtail's own handler, in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site, get_page_models
from wagtail.rich_text import RichText, features
from wagtail.rich_text.pages import PageLinkHandler as WagtailPageLinkHandler

from home.richtext import PageLinkHandler

pytestmark = pytest.mark.django_db


def test_every_page_type_takes_its_url_from_the_tree():
    """The handler reads plain `Page` rows: a page type with its own URL scheme would get the wrong link."""
    own_urls = [model.__name__ for model in get_page_models() if model.get_url_parts is not Page.get_url_parts]
    assert own_urls == [], "these page types override get_url_parts: link them with Wagtail's handler again"


def test_links_to_every_demo_page_are_those_wagtail_makes(seeded):
    attrs = [{"id": str(pk)} for pk in Page.objects.filter(depth__gt=1).values_list("pk", flat=True)]
    attrs += [{"id": "999999"}]  # a deleted page: a link without an address, as Wagtail writes it
    assert len(attrs) > 30
    ours = PageLinkHandler.expand_db_attributes_many(attrs)
    assert ours == WagtailPageLinkHandler.expand_db_attributes_many(attrs)
    assert ours[-1] == "<a>"
    assert all(link.startswith('<a href="/') for link in ours[:-1])


def test_rich_text_links_to_pages_of_several_types_cost_one_query(seeded):
    pages = {type(page): page for page in Page.objects.filter(depth__gt=2).specific()}
    assert len(pages) >= 4
    source = "".join(f'<p><a linktype="page" id="{page.pk}">{page.title}</a></p>' for page in pages.values())
    assert features.get_link_types()["page"] is PageLinkHandler
    Site.get_site_root_paths()  # read once per request and kept in the cache, whatever the links: not counted here
    with CaptureQueriesContext(connection) as queries:
        html = str(RichText(source))
    page_queries = [q for q in queries.captured_queries if "wagtailcore_page" in q["sql"]]
    assert len(page_queries) == 1
    for page in pages.values():
        assert f'<a href="{page.url}">' in html
