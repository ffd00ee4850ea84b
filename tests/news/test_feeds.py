"""RSS 2.0 and Atom feeds: valid for a strict parser, absolute links, dates with their zone, escaped text."""

import html
from datetime import datetime, timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date
from wagtail.models import PageLogEntry

from home.models import SiteSettings
from news.models import NewsPage
from tests.factories.news import categories, make_news, make_news_index

WIB = ZoneInfo("Asia/Jakarta")
FEEDS = ["/feed/rss/", "/feed/atom/", "/feed/pengumuman/rss/", "/feed/pengumuman/atom/"]


@pytest.fixture
def news(home_page):
    index = make_news_index(home_page)
    cats = categories()
    make_news(
        index,
        title="FGD <Kamtibmas> & Pilkada",
        slug="fgd",
        summary='Ringkasan dengan <script>alert("x")</script> & tanda "kutip".',
        date=datetime(2024, 5, 16, 10, 0, tzinfo=WIB),
        reporter="Rina",
        tags=["FGD", "Kamtibmas"],
    )
    make_news(
        index,
        title="Pendaftaran FGD dibuka",
        slug="pendaftaran",
        category=cats["pengumuman"],
        date=datetime(2024, 6, 3, 8, 0, tzinfo=WIB),
    )
    make_news(index, title="Draf pengumuman", category=cats["pengumuman"], publish=False)
    return index


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    ElementTree.fromstring(response.content)  # well-formed XML, too
    return response, parsed


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_are_valid_with_absolute_links_and_zoned_dates(client, news, url):
    response, parsed = parse(client, url)
    expected_type = "application/atom+xml" if "atom" in url else "application/rss+xml"
    assert response["Content-Type"].startswith(expected_type)
    assert parsed.feed.link.startswith("https://kesbangpol.test/berita/")
    assert parsed.feed.language == "id" or "atom" in url
    for entry in parsed.entries:
        assert entry.link.startswith("https://kesbangpol.test/berita/")
        assert entry.published_parsed is not None
    raw = response.content.decode()
    if "atom" in url:
        assert "+07:00</published>" in raw or "+07:00</updated>" in raw
    else:
        assert "+0700</pubDate>" in raw


def test_all_news_feed_lists_live_articles_newest_first_with_categories(client, news):
    _, parsed = parse(client, "/feed/rss/")
    assert [e.title for e in parsed.entries] == ["Pendaftaran FGD dibuka", "FGD <Kamtibmas> & Pilkada"]
    fgd = parsed.entries[1]
    assert fgd.link == "https://kesbangpol.test/berita/fgd/"
    assert datetime(*fgd.published_parsed[:6]) == datetime(2024, 5, 16, 3, 0)  # 10.00 WIB is 03.00 UTC
    assert {t.term for t in fgd.tags} == {"Berita", "FGD", "Kamtibmas"}
    assert parsed.feed.title == "Berita — Kesbangpol Kalteng"


def test_category_feed_has_only_its_category(client, news):
    _, parsed = parse(client, "/feed/pengumuman/atom/")
    assert [e.title for e in parsed.entries] == ["Pendaftaran FGD dibuka"]
    assert parsed.feed.title == "Pengumuman — Kesbangpol Kalteng"
    assert parsed.feed.link == "https://kesbangpol.test/berita/?kategori=pengumuman"


@pytest.mark.parametrize("url", ["/feed/rss/", "/feed/atom/"])
def test_feed_links_name_the_configured_address_whatever_host_the_request_came_in_on(client, news, url):
    """SITE_URL (https://kesbangpol.test in the test settings), not the Host header: a feed reader that fetched the
    feed through http://localhost must still be sent to the public site."""
    response = client.get(url, HTTP_HOST="localhost", HTTP_X_FORWARDED_HOST="evil.example")
    parsed = feedparser.parse(response.content)
    links = [parsed.feed.link, *(link.href for link in parsed.feed.links), *(e.link for e in parsed.entries)]
    assert links and all(link.startswith("https://kesbangpol.test/") for link in links), links
    assert "localhost" not in response.content.decode() and "evil.example" not in response.content.decode()


@pytest.mark.parametrize("url", ["/feed/rss/", "/feed/atom/", "/feed/pengumuman/atom/"])
def test_feed_item_ids_stay_the_same_when_the_site_address_changes(client, news, settings, url):
    """A reader that saw an article under one address must not see it again as new after SITE_URL is set."""
    from home.siteurl import sync_site

    def ids():
        parsed = feedparser.parse(client.get(url).content)
        return parsed.feed.get("id"), [entry.id for entry in parsed.entries]

    before = ids()
    settings.SITE_URL = "https://kesbangpol.kaltengprov.go.id"
    sync_site()
    after = ids()
    assert feedparser.parse(client.get(url).content).entries[0].link.startswith("https://kesbangpol.kaltengprov.go.id/")
    assert after == before
    assert all(entry_id.startswith("tag:kesbangpol.kaltengprov.go.id,2026:news-") for entry_id in after[1])
    assert "atom" not in url or after[0].startswith("tag:kesbangpol.kaltengprov.go.id,2026:news-feed")


def test_feed_text_is_escaped_not_markup(client, news):
    response, parsed = parse(client, "/feed/rss/")
    assert "<script>" not in response.content.decode()
    fgd = parsed.entries[1]
    assert fgd.title == "FGD <Kamtibmas> & Pilkada"
    # The summary is plain text inside an HTML field: a reader shows the characters, it does not run markup.
    assert html.unescape(fgd.summary) == 'Ringkasan dengan <script>alert("x")</script> & tanda "kutip".'


def test_control_characters_do_not_break_the_feed(client, home_page):
    index = make_news_index(home_page)
    make_news(index, title="Judul\x0bdengan\x1bkarakter kendali", summary="Baris\x01satu", reporter="A\x07B")
    _, parsed = parse(client, "/feed/atom/")
    assert parsed.entries[0].title == "Juduldengankarakter kendali"


def test_unknown_category_feed_is_404(client, news):
    assert client.get("/feed/tidak-ada/rss/").status_code == 404
    assert client.get("/feed/%3Cscript%3E/rss/").status_code == 404


def test_feed_is_limited_to_20_items_in_a_constant_number_of_queries(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure the feed itself
    SiteSettings.objects.get_or_create()
    index = make_news_index(home_page)

    def add(count):
        for i in range(count):
            make_news(index, tags=["ormas", f"t{i}"], date=datetime(2024, 1, 1, tzinfo=WIB) + timedelta(days=i))

    def queries():
        client.get("/feed/atom/")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/feed/atom/")
        return len(captured), response

    add(3)
    few, _ = queries()
    add(25)
    many, response = queries()
    assert few == many <= 8
    assert len(feedparser.parse(response.content).entries) == 20


def test_feeds_are_served_from_the_page_cache_until_news_is_published(client, news):
    SiteSettings.objects.get_or_create()  # made on the first view otherwise, and that save purges the cache
    first = client.get("/feed/atom/")
    assert first["X-Cache"] == "MISS" and first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert client.get("/feed/atom/")["X-Cache"] == "HIT"
    make_news(news, title="Berita paling baru", date=datetime(2024, 7, 1, tzinfo=WIB))
    fresh = client.get("/feed/atom/")
    assert fresh["X-Cache"] == "MISS"
    assert feedparser.parse(fresh.content).entries[0].title == "Berita paling baru"


def backdate_news():
    """Every article and its log entries changed long ago, so the next publish is newer by more than a second
    (HTTP dates count whole seconds)."""
    long_ago = datetime(2024, 6, 10, tzinfo=WIB)
    NewsPage.objects.update(last_published_at=long_ago)
    PageLogEntry.objects.update(timestamp=long_ago)


@pytest.mark.parametrize("cache_seconds", [0, 300])
@pytest.mark.parametrize("url", ["/feed/rss/", "/feed/pengumuman/atom/"])
def test_feeds_answer_conditional_gets_until_news_is_published(client, news, settings, cache_seconds, url):
    settings.PAGE_CACHE_SECONDS = cache_seconds
    SiteSettings.objects.get_or_create()
    backdate_news()
    first = client.get(url)
    assert first.status_code == 200
    assert first["Last-Modified"] == "Sun, 09 Jun 2024 17:00:00 GMT"  # 10 June 00.00 WIB
    etag, last_modified = first["ETag"], first["Last-Modified"]

    for validator in ({"HTTP_IF_NONE_MATCH": etag}, {"HTTP_IF_MODIFIED_SINCE": last_modified}):
        again = client.get(url, **validator)
        assert again.status_code == 304 and again.content == b""

    make_news(
        news, title="Berita paling baru", category=categories()["pengumuman"], date=datetime(2024, 7, 1, tzinfo=WIB)
    )
    for validator in ({"HTTP_IF_NONE_MATCH": etag}, {"HTTP_IF_MODIFIED_SINCE": last_modified}):
        fresh = client.get(url, **validator)
        assert fresh.status_code == 200
        assert feedparser.parse(fresh.content).entries[0].title == "Berita paling baru"


def test_unpublishing_the_newest_article_is_not_answered_with_304(client, news, settings):
    settings.PAGE_CACHE_SECONDS = 0
    backdate_news()
    last_modified = client.get("/feed/rss/")["Last-Modified"]
    NewsPage.objects.get(slug="pendaftaran").unpublish()
    response = client.get("/feed/rss/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 200
    assert [e.title for e in feedparser.parse(response.content).entries] == ["FGD <Kamtibmas> & Pilkada"]


def test_unknown_category_feed_stays_404_with_validators(client, news, settings):
    settings.PAGE_CACHE_SECONDS = 0
    response = client.get("/feed/tidak-ada/rss/", HTTP_IF_NONE_MATCH="*", HTTP_IF_MODIFIED_SINCE=http_date())
    assert response.status_code == 404
