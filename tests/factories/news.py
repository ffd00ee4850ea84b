"""Small builders for the news and guidance tests (the general ones are in tests/factories/)."""

import itertools
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from news.models import GuidanceIndexPage, NewsCategory, NewsIndexPage, NewsPage
from tests.factories import make_page

WIB = ZoneInfo("Asia/Jakarta")
_counter = itertools.count(1)


def categories():
    """The categories the data migration created, by slug."""
    return {c.slug: c for c in NewsCategory.objects.all()}


def make_news_index(home_page, **fields):
    fields.setdefault("title", "Berita")
    fields.setdefault("slug", "berita")
    return make_page(home_page, NewsIndexPage, **fields)


def make_guidance_index(home_page, **fields):
    fields.setdefault("title", "Panduan Ormas")
    fields.setdefault("slug", "panduan-ormas")
    return make_page(home_page, GuidanceIndexPage, **fields)


def make_news(index, category=None, tags=(), publish=True, **fields):
    """A news article under `index`; dates default to one day apart going back from 1 June 2024 (WIB)."""
    n = next(_counter)
    fields.setdefault("title", f"Berita uji {n}")
    fields.setdefault("slug", f"berita-uji-{n}")
    fields.setdefault("summary", f"Ringkasan berita uji {n}.")
    fields.setdefault("date", datetime(2024, 6, 1, 9, 0, tzinfo=WIB) - timedelta(days=n))
    page = NewsPage(live=publish, category=category or categories()["berita"], **fields)
    if tags:
        page.tags.add(*tags)
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def body(*blocks):
    """StreamField JSON from (type, value) pairs."""
    return json.dumps([{"type": t, "value": v} for t, v in blocks])
