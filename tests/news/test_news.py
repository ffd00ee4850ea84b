"""News: page types, the Berita listing and its filters, the article page, pinning and the announcement banner."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home import cache as page_cache
from home.models import HomePage, SiteSettings, StandardPage
from news.models import (
    Announcement,
    GuidanceIndexPage,
    GuidancePage,
    NewsIndexPage,
    NewsPage,
    NewsPageRelatedLink,
    ReadinessCheckPage,
)
from tests.factories import make_image, make_page
from tests.factories.news import body, categories, make_news, make_news_index

WIB = ZoneInfo("Asia/Jakarta")


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def card_titles(response):
    return [a.get_text(strip=True) for a in soup_of(response).select(".news-card__title a")]


# Page types ------------------------------------------------------------------------------------------------------


def test_news_and_guidance_pages_live_where_they_belong(home_page):
    assert NewsIndexPage.can_create_at(home_page) and GuidanceIndexPage.can_create_at(home_page)
    index = make_news_index(home_page)
    assert not NewsIndexPage.can_create_at(home_page), "one Berita per site"
    assert NewsPage.can_create_at(index)
    assert not NewsPage.can_create_at(home_page)
    assert not StandardPage.can_create_at(index)
    guides = make_page(home_page, GuidanceIndexPage, slug="panduan")
    assert GuidancePage.can_create_at(guides) and ReadinessCheckPage.can_create_at(guides)
    assert not GuidancePage.can_create_at(index) and not NewsPage.can_create_at(guides)
    assert not HomePage.can_create_at(index)


def test_migration_seeds_the_three_categories(db):
    assert [(c.name, c.slug) for c in categories().values()] == [
        ("Berita", "berita"),
        ("Pengumuman", "pengumuman"),
        ("Siaran Pers", "siaran-pers"),
    ]


def test_hero_image_needs_alt_text_or_decorative(home_page):
    index = make_news_index(home_page)
    image = make_image()
    page = NewsPage(title="Foto", slug="foto", summary="Ringkas.", category=categories()["berita"], hero_image=image)
    page.depth, page.path = index.depth + 1, index.path + "0001"
    with pytest.raises(ValidationError) as excinfo:
        page.clean()
    assert "hero_alt" in excinfo.value.message_dict
    page.hero_decorative = True
    page.clean()
    page.hero_decorative, page.hero_alt = False, "Peserta FGD berdiskusi"
    page.clean()


def test_editor_creates_an_article_in_the_admin(client, admin_user, home_page):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    index = make_news_index(home_page)
    client.force_login(admin_user)
    data = nested_form_data(
        {
            "title": "Rapat koordinasi ormas",
            "slug": "rapat-koordinasi-ormas",
            "date": "2024-06-20 09:00",
            "category": categories()["pengumuman"].pk,
            "summary": "Rapat koordinasi ormas se-Kalteng.",
            "body": streamfield([("paragraph", rich_text("<p>Isi berita.</p>"))]),
            "tags": "ormas, rapat",
            "related_links": inline_formset([{"linked_page": index.pk}]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/news/newspage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="rapat-koordinasi-ormas")
    assert page.live and page.category.slug == "pengumuman"
    assert sorted(page.tags.names()) == ["ormas", "rapat"]
    assert [link.linked_page_id for link in page.related_links.all()] == [index.pk]
    assert timezone.localtime(page.date).hour == 9


# The listing ------------------------------------------------------------------------------------------------------


def test_index_lists_newest_first_ten_per_page_and_hides_drafts(client, home_page):
    index = make_news_index(home_page)
    for day in range(1, 13):
        make_news(index, title=f"Berita {day:02d} Mei", date=datetime(2024, 5, day, 9, tzinfo=WIB))
    make_news(index, title="Draf", date=datetime(2024, 5, 30, tzinfo=WIB), publish=False)
    first = client.get(index.url)
    assert card_titles(first) == [f"Berita {day:02d} Mei" for day in range(12, 2, -1)]
    second = client.get(index.url, {"page": "2"})
    assert card_titles(second) == ["Berita 02 Mei", "Berita 01 Mei"]
    assert soup_of(second).select_one('.pagination a[rel="prev"]')["href"] == "?page=1"


def test_card_images_have_sizes_and_modern_formats_and_only_the_first_loads_eagerly(client, home_page):
    index = make_news_index(home_page)
    for day in (1, 2, 3):
        make_news(index, date=datetime(2024, 5, day, tzinfo=WIB), hero_image=make_image(), hero_alt=f"Foto {day}")
    pictures = soup_of(client.get(index.url)).select(".news-card picture")
    assert len(pictures) == 3
    for position, picture in enumerate(pictures):
        assert {s["type"] for s in picture.select("source")} == {"image/avif", "image/webp"}
        img = picture.find("img")
        assert img["width"] and img["height"] and img["src"].endswith((".jpg", ".jpeg"))
        # The first card is above the fold on a phone: loading it lazily would delay the largest paint.
        assert img.get("loading") == (None if position == 0 else "lazy"), position


def test_pinned_announcement_stays_on_top_until_its_end(client, home_page):
    index = make_news_index(home_page)
    make_news(index, title="Berita baru", date=datetime(2024, 6, 10, tzinfo=WIB))
    make_news(
        index,
        title="Pengumuman disematkan",
        category=categories()["pengumuman"],
        date=datetime(2024, 5, 1, tzinfo=WIB),
        pinned_until=datetime(2024, 6, 30, 23, 59, tzinfo=WIB),
    )
    make_news(index, title="Berita lama", date=datetime(2024, 4, 1, tzinfo=WIB))
    with time_machine.travel(datetime(2024, 6, 15, tzinfo=WIB), tick=False):
        response = client.get(index.url)
        assert card_titles(response) == ["Pengumuman disematkan", "Berita baru", "Berita lama"]
        assert "news-card--pinned" in soup_of(response).select(".news-card")[0]["class"]
    with time_machine.travel(datetime(2024, 7, 1, tzinfo=WIB), tick=False):
        assert card_titles(client.get(index.url)) == ["Berita baru", "Pengumuman disematkan", "Berita lama"]


def test_filters_by_category_and_by_tag(client, home_page):
    index = make_news_index(home_page)
    cats = categories()
    make_news(index, title="FGD Pilkada", tags=["FGD", "Pilkada 2024"])
    make_news(index, title="Jadwal layanan", category=cats["pengumuman"], tags=["SIOLA"])
    make_news(index, title="Siaran FGD", category=cats["siaran-pers"], tags=["FGD"])

    response = client.get(index.url, {"kategori": "pengumuman"})
    assert card_titles(response) == ["Jadwal layanan"]
    soup = soup_of(response)
    assert soup.select_one('.filter-nav a[aria-current="page"]').get_text() == "Pengumuman"
    assert soup.find("h1").get_text() == "Berita: Pengumuman"
    assert soup.find("link", type="application/rss+xml", href="/feed/pengumuman/rss/")

    assert card_titles(client.get(index.url, {"tag": "fgd"})) == ["FGD Pilkada", "Siaran FGD"]
    assert card_titles(client.get(index.url, {"tag": "fgd", "kategori": "siaran-pers"})) == ["Siaran FGD"]
    tag_link = soup_of(client.get(index.url)).select_one('.tag-list a[href="/berita/?tag=pilkada-2024"]')
    assert tag_link.get_text() == "#Pilkada 2024"


def test_tags_are_listed_in_the_same_order_on_every_render(client, home_page):
    # In alphabetical order (by slug), not in whatever order the database returns: a restored backup must serve
    # the same pages (page_checksums), and a reader sees the same list on the card and the article.
    index = make_news_index(home_page)
    article = make_news(index, title="Urutan tag", tags=["zeta", "Alfa", "Kamtibmas", "bhinneka"])
    expected = ["#Alfa", "#bhinneka", "#Kamtibmas", "#zeta"]
    card_tags = [a.get_text() for a in soup_of(client.get(index.url)).select(".tag-list a")]
    page_tags = [a.get_text() for a in soup_of(client.get(article.url)).select(".tag-list a")]
    assert card_tags == expected
    assert page_tags == expected


HOSTILE_FILTERS = [
    {"kategori": "<script>alert(1)</script>"},
    {"kategori": "tidak-ada"},
    {"kategori": "berita\x00"},
    {"kategori": "a" * 5000},
    {"kategori": "' OR 1=1 --"},
    {"tag": "<img src=x onerror=alert(1)>"},
    {"tag": "tidak-ada"},
    {"tag": "\x00"},
    {"tag": "%"},
    {"tag": "../../etc/passwd"},
]


@pytest.mark.parametrize("params", HOSTILE_FILTERS)
def test_unknown_or_hostile_filters_give_404_without_echo(client, home_page, params):
    index = make_news_index(home_page)
    make_news(index, title="Berita biasa")
    response = client.get(index.url, params)
    assert response.status_code == 404
    text = response.content.decode()
    assert "<script>alert(1)" not in text and "<img src=x" not in text and "\x00" not in text


# Not named `page`: that is pytest-playwright's fixture, and borrowing the name would drag these tests into the
# browser group (and after the transactional tests that empty the database).
@pytest.mark.parametrize("page_number", ["<script>alert(1)</script>", "-1", "0", "999", "1e9", "\x00", ""])
def test_odd_page_numbers_give_a_normal_page(client, home_page, page_number):
    index = make_news_index(home_page)
    make_news(index, title="Satu-satunya berita")
    response = client.get(index.url, {"page": page_number, "kategori": "berita"})
    assert card_titles(response) == ["Satu-satunya berita"]
    assert "<script>alert(1)" not in response.content.decode()


def test_index_and_home_section_queries_do_not_grow_with_the_number_of_articles(client, home_page, settings):
    """5 or 50 articles, each with its own image and tags: the same number of queries (after the renditions
    exist). What the news code itself adds is bounded too; the rest is the site frame every page pays."""
    from news.wagtail_hooks import latest_news

    settings.PAGE_CACHE_SECONDS = 0  # measure rendering, not the page cache
    settings.FRAGMENT_CACHE_SECONDS = 0  # nor kept fragments
    # Wagtail creates the settings row on the first page view: create it first, so that the first measured view is
    # not special.
    SiteSettings.objects.get_or_create()

    index = make_news_index(home_page)
    frame_page = make_page(home_page, slug="profil")  # same depth as Berita: the site frame's own cost

    def add_articles(count):
        for _ in range(count):
            make_news(index, tags=["ormas", f"t{NewsPage.objects.count()}"], hero_image=make_image(), hero_alt="Foto")

    def count_queries(url):
        client.get(url)  # renditions are made on the first view
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def count_section_queries():
        request = RequestFactory().get("/")
        home_page.get_url(request)  # the site's root paths, which the page frame has looked up already
        # Inside a request's memo, as every render is (home/cache.py `RequestMemoMiddleware`).
        with page_cache.request_scope(), CaptureQueriesContext(connection) as queries:
            section = latest_news(request, home_page)
            html = Template("{% include section.template %}").render(Context({"section": section, "request": request}))
        assert html.count('<li class="news-card') == 3
        return len(queries)

    add_articles(5)
    few = {url: count_queries(url) for url in (index.url, "/", frame_page.url)}
    few_section = count_section_queries()
    add_articles(45)
    many = {url: count_queries(url) for url in (index.url, "/", frame_page.url)}
    many_section = count_section_queries()
    assert few == many, (few, many)
    assert few_section == many_section
    # The listing adds to the site frame (which reads the private sections for .public()): categories, the count,
    # the page of articles, their renditions and their tags.
    assert many[index.url] - many[frame_page.url] <= 5, many
    # The home section: the private sections, the three articles (Berita's link is their parent's), their renditions.
    assert many_section <= 3


# The article -----------------------------------------------------------------------------------------------------


@pytest.fixture
def fgd_article(home_page):
    index = make_news_index(home_page)
    guide_index = make_page(home_page, GuidanceIndexPage, slug="panduan-ormas")
    guide = make_page(
        guide_index, GuidancePage, title="Mendaftarkan Ormas", slug="daftar", intro="Cara daftar.", body=body()
    )
    draft = make_page(guide_index, GuidancePage, title="Draf", slug="draf", intro="x", body=body(), publish=False)
    article = make_news(
        index,
        title="Sinergi Polri dan Masyarakat Jaga Kamtibmas",
        slug="sinergi",
        date=datetime(2024, 5, 16, 3, 0, tzinfo=ZoneInfo("UTC")),
        summary="FGD di Palangka Raya.",
        hero_image=make_image("Peserta FGD", size=(1600, 900)),
        hero_alt="Peserta FGD berdiskusi",
        hero_caption="Suasana FGD",
        hero_credit="Humas Kesbangpol",
        body=body(("paragraph", "<p>Isi berita tentang Kamtibmas.</p>")),
        source="mmc.kalteng",
        reporter="Rina",
        tags=["FGD", "Kamtibmas"],
        related_links=[NewsPageRelatedLink(linked_page=draft), NewsPageRelatedLink(linked_page=guide)],
    )
    return article


def test_article_shows_date_in_wib_source_tags_and_picture(client, fgd_article):
    soup = soup_of(client.get(fgd_article.url))
    time = soup.select_one(".news-article time")
    assert time.get_text() == "Kamis, 16 Mei 2024, 10.00 WIB"
    assert time["datetime"] == "2024-05-16T10:00:00+07:00"
    assert soup.select_one(".news-article__source").get_text(" ", strip=True) == "Sumber: mmc.kalteng"
    assert "Rina" in soup.select_one(".news-article__byline").get_text()
    assert [a["href"] for a in soup.select(".news-article .tag-list a")] == [
        "/berita/?tag=fgd",
        "/berita/?tag=kamtibmas",
    ]
    hero = soup.select_one(".news-article__hero picture")
    assert {s["type"] for s in hero.select("source")} == {"image/avif", "image/webp"}
    img = hero.find("img")
    assert img["alt"] == "Peserta FGD berdiskusi" and img["width"] and img["height"]
    assert "loading" not in img.attrs, "the hero is above the fold"
    assert "Humas Kesbangpol" in soup.select_one(".news-article__hero figcaption").get_text()


def test_share_links_are_plain_links_without_scripts(client, fgd_article):
    soup = soup_of(client.get(fgd_article.url))
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.select(".share-links a")}
    url = "https%3A%2F%2Fkesbangpol.test%2Fberita%2Fsinergi%2F"
    assert links["WhatsApp (situs luar)"].startswith("https://wa.me/?text=Sinergi%20Polri")
    assert links["Facebook (situs luar)"] == f"https://www.facebook.com/sharer/sharer.php?u={url}"
    assert links["X (situs luar)"].endswith(f"&url={url}")
    copy = soup.select_one(".share-links a[data-copy-url]")
    assert copy["href"] == copy["data-copy-url"] == "https://kesbangpol.test/berita/sinergi/"
    scripts = [s.get("src") for s in soup.find_all("script") if s.get("src")]
    assert scripts == ["/static/home/js/site.js"]


def test_related_pages_skip_unpublished_and_fall_back_to_the_category(client, fgd_article):
    soup = soup_of(client.get(fgd_article.url))
    assert [a.get_text() for a in soup.select(".related a")] == ["Mendaftarkan Ormas"]
    index = fgd_article.get_parent()
    other = make_news(index, title="Berita lain", date=datetime(2024, 6, 1, tzinfo=WIB))
    make_news(index, title="Siaran pers", category=categories()["siaran-pers"])
    soup = soup_of(client.get(other.url))
    assert [a.get_text() for a in soup.select(".related a")][:1] == ["Sinergi Polri dan Masyarakat Jaga Kamtibmas"]
    assert "Siaran pers" not in [a.get_text() for a in soup.select(".related a")]


def test_related_pages_keep_the_editors_order_and_a_preview_shows_the_unsaved_choice(client, fgd_article):
    index = fgd_article.get_parent()
    first = make_news(index, title="Pertama dipilih")
    second = make_news(index, title="Kedua dipilih")
    # The order the editor dragged them into in the admin (InlinePanel's sort_order), not the order they were made.
    fgd_article.related_links = [
        NewsPageRelatedLink(linked_page=second, sort_order=0),
        NewsPageRelatedLink(linked_page=first, sort_order=1),
    ]
    fgd_article.save_revision().publish()
    soup = soup_of(client.get(fgd_article.url))
    assert [a.get_text() for a in soup.select(".related a")] == ["Kedua dipilih", "Pertama dipilih"]
    # In a preview the links live in memory (modelcluster), not yet in the database: the preview shows them.
    draft = NewsPage.objects.get(pk=fgd_article.pk)
    draft.related_links = [NewsPageRelatedLink(linked_page=first)]
    assert [p.title for p in draft.get_related_pages()] == ["Pertama dipilih"]


def test_news_article_json_ld_and_opengraph(client, fgd_article):
    soup = soup_of(client.get(fgd_article.url))
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    article = next(b for b in blocks if b["@type"] == "NewsArticle")
    assert {b["@type"] for b in blocks} == {"BreadcrumbList", "NewsArticle"}
    assert article["headline"] == "Sinergi Polri dan Masyarakat Jaga Kamtibmas"
    assert article["datePublished"] == "2024-05-16T10:00:00+07:00"
    assert datetime.fromisoformat(article["dateModified"]).utcoffset() == timedelta(hours=7)
    assert article["url"] == article["mainEntityOfPage"]["@id"] == "https://kesbangpol.test/berita/sinergi/"
    assert article["image"][0].startswith("https://kesbangpol.test/media/images/") and "1200x630" in article["image"][0]
    assert article["author"] == [{"@type": "Person", "name": "Rina"}]
    assert article["publisher"]["name"] == "Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Tengah"
    assert article["publisher"]["logo"]["url"].startswith("https://kesbangpol.test/")
    assert article["keywords"] == ["FGD", "Kamtibmas"]
    assert soup.find("meta", property="og:type")["content"] == "article"
    assert soup.find("meta", property="og:image")["content"] == article["image"][0]
    assert soup.find("meta", property="article:published_time")["content"] == "2024-05-16T10:00:00+07:00"


def test_json_ld_of_a_hostile_title_cannot_close_its_script(client, home_page):
    index = make_news_index(home_page)
    page = make_news(index, title="</script><script>alert(1)</script>", summary="<b>x</b>")
    text = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in text
    article = next(
        json.loads(s.string)
        for s in BeautifulSoup(text, "html.parser").find_all("script", type="application/ld+json")
        if "NewsArticle" in s.string
    )
    assert article["headline"] == "</script><script>alert(1)</script>"
    assert article["author"][0]["@type"] == "GovernmentOrganization"


# Scheduling --------------------------------------------------------------------------------------------------------


def test_scheduled_article_goes_live_and_expires_with_publish_scheduled(client, home_page):
    from django.core.management import call_command

    index = make_news_index(home_page)
    with time_machine.travel(datetime(2024, 6, 1, 8, 0, tzinfo=WIB), tick=False):
        page = make_news(index, title="Terjadwal", slug="terjadwal", publish=False)
        page.go_live_at = datetime(2024, 6, 3, 7, 0, tzinfo=WIB)
        page.expire_at = datetime(2024, 6, 10, 7, 0, tzinfo=WIB)
        page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live
        call_command("publish_scheduled")
        assert client.get("/berita/terjadwal/").status_code == 404
        assert card_titles(client.get(index.url)) == []
    with time_machine.travel(datetime(2024, 6, 3, 7, 1, tzinfo=WIB), tick=False):
        call_command("publish_scheduled")
        assert client.get("/berita/terjadwal/").status_code == 200
        assert card_titles(client.get(index.url)) == ["Terjadwal"]
    with time_machine.travel(datetime(2024, 6, 10, 7, 1, tzinfo=WIB), tick=False):
        call_command("publish_scheduled")
        page.refresh_from_db()
        assert not page.live and page.expired
        assert client.get("/berita/terjadwal/").status_code == 404


# The announcement banner ---------------------------------------------------------------------------------------


def render_banner(path="/"):
    request = RequestFactory().get(path)
    return Template("{% load news_tags %}{% announcement_banner %}").render(Context({"request": request}))


def test_banner_shows_only_inside_its_schedule_and_escapes_text(client, home_page):
    index = make_news_index(home_page)
    target = make_news(index, title="Pendaftaran FGD", slug="pendaftaran-fgd")
    Announcement.objects.create(
        text="Pendaftaran <b>FGD</b> dibuka",
        link_page=target,
        link_text="Baca pengumuman",
        starts_at=datetime(2024, 6, 1, 8, 0, tzinfo=WIB),
        ends_at=datetime(2024, 6, 20, 16, 0, tzinfo=WIB),
    )
    with time_machine.travel(datetime(2024, 6, 1, 7, 59, tzinfo=WIB), tick=False):
        assert "Pendaftaran" not in render_banner()
    with time_machine.travel(datetime(2024, 6, 10, tzinfo=WIB), tick=False):
        soup = soup_of(client.get("/"))
        banner = soup.select_one("section.announcements")
        assert "Pendaftaran &lt;b&gt;FGD&lt;/b&gt; dibuka" in str(banner)
        assert banner.find("a", string="Baca pengumuman")["href"] == "/berita/pendaftaran-fgd/"
        # on every page, also those outside the news section
        assert soup_of(client.get(index.url)).select_one("section.announcements")
    with time_machine.travel(datetime(2024, 6, 20, 16, 0, tzinfo=WIB), tick=False):
        assert "Pendaftaran" not in render_banner()


def test_banner_leads_to_a_part_of_its_page_and_is_not_shown_on_that_page(client, home_page):
    index = make_news_index(home_page)
    target = make_news(index, title="Pendaftaran FGD", slug="pendaftaran-fgd")
    Announcement.objects.create(
        text="Pendaftaran FGD dibuka", link_page=target, link_anchor="pendaftaran", link_text="Daftar sekarang"
    )
    banner = soup_of(client.get("/")).select_one("section.announcements")
    assert banner.find("a", string="Daftar sekarang")["href"] == "/berita/pendaftaran-fgd/#pendaftaran"
    # On the page it leads to, the banner would only push that page's content down.
    assert soup_of(client.get(target.url)).select_one("section.announcements") is None
    assert soup_of(client.get(index.url)).select_one("section.announcements")


def test_banner_about_to_start_or_end_keeps_pages_out_of_the_page_cache(client, home_page, settings):
    """Time passing purges nothing, so near a banner's start or end pages are not cached: it shows on time."""
    settings.PAGE_CACHE_SECONDS = 300
    banner = Announcement.objects.create(
        text="Pendaftaran FGD dibuka",
        starts_at=datetime(2024, 6, 1, 8, 0, tzinfo=WIB),
        ends_at=datetime(2024, 6, 20, 16, 0, tzinfo=WIB),
    )
    with time_machine.travel(datetime(2024, 6, 1, 7, 56, tzinfo=WIB), tick=False):
        response = client.get("/")
        assert "Pendaftaran FGD" not in response.content.decode()
        assert response["X-Cache"] == "PASS" and "private" in response["Cache-Control"]
    with time_machine.travel(datetime(2024, 6, 1, 8, 0, tzinfo=WIB), tick=False):
        assert "Pendaftaran FGD dibuka" in client.get("/").content.decode()
    with time_machine.travel(datetime(2024, 6, 10, tzinfo=WIB), tick=False):
        assert client.get("/")["X-Cache"] == "MISS"
        cached = client.get("/")
        assert cached["X-Cache"] == "HIT" and "Pendaftaran FGD dibuka" in cached.content.decode()
    with time_machine.travel(datetime(2024, 6, 20, 15, 57, tzinfo=WIB), tick=False):
        assert client.get("/")["X-Cache"] == "PASS"
    with time_machine.travel(datetime(2024, 6, 20, 16, 0, tzinfo=WIB), tick=False):
        assert "Pendaftaran FGD" not in client.get("/").content.decode()
    banner.delete()


def test_banner_costs_one_query_and_skips_unpublished_links(db, home_page):
    index = make_news_index(home_page)
    draft = make_news(index, title="Draf", publish=False)
    for i in range(5):
        Announcement.objects.create(text=f"Pengumuman {i}", link_page=draft, starts_at=timezone.now() - timedelta(1))
    with CaptureQueriesContext(connection) as queries:
        html = render_banner()
    assert len(queries) == 1
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select(".announcement")) == Announcement.MAX_SHOWN
    assert not soup.select(".announcement a"), "a link to an unpublished page would be a 404"


def test_banner_end_must_follow_start_and_link_is_one_or_the_other(home_page):
    now = timezone.now()
    banner = Announcement(text="x", starts_at=now, ends_at=now - timedelta(hours=1))
    with pytest.raises(ValidationError) as excinfo:
        banner.full_clean()
    assert "ends_at" in excinfo.value.message_dict
    banner = Announcement(text="x", starts_at=now, link_page=home_page, link_url="https://example.org/")
    with pytest.raises(ValidationError) as excinfo:
        banner.full_clean()
    assert "link_url" in excinfo.value.message_dict


def test_every_page_advertises_the_feeds(client, home_page):
    profil = make_page(home_page, slug="profil")
    for url in ["/", profil.url, "/cari/?q=ormas", "/tidak-ada/"]:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        assert soup.find("link", rel="alternate", type="application/rss+xml")["href"] == "/feed/rss/"
        assert soup.find("link", rel="alternate", type="application/atom+xml")["href"] == "/feed/atom/"


def test_home_page_shows_the_three_latest_articles_and_a_link_to_berita(client, home_page):
    index = make_news_index(home_page)
    for day in range(1, 6):
        make_news(index, title=f"Berita {day} Juni", date=datetime(2024, 6, day, tzinfo=WIB))
    soup = soup_of(client.get("/"))
    section = soup.find("section", attrs={"aria-labelledby": "home-news-title"})
    assert [h.get_text(strip=True) for h in section.select("h3")] == ["Berita 5 Juni", "Berita 4 Juni", "Berita 3 Juni"]
    assert section.select_one("a.section-more")["href"] == "/berita/"


def test_editors_schedule_a_banner_and_manage_categories_in_the_admin(client, admin_user, home_page):
    client.force_login(admin_user)
    assert client.get("/admin/snippets/news/announcement/").status_code == 200
    assert client.get("/admin/snippets/news/newscategory/").status_code == 200
    response = client.post(
        "/admin/snippets/news/announcement/add/",
        {
            "text": "Kantor tutup pada hari libur nasional",
            "link_url": "",
            "link_text": "",
            "starts_at": "2024-08-16 16:00",
            "ends_at": "2024-08-18 07:30",
        },
    )
    assert response.status_code == 302
    banner = Announcement.objects.get()
    assert timezone.localtime(banner.starts_at) == datetime(2024, 8, 16, 16, 0, tzinfo=WIB)
    response = client.post(
        "/admin/snippets/news/announcement/add/",
        {"text": "Terbalik", "starts_at": "2024-08-18 07:30", "ends_at": "2024-08-16 16:00"},
    )
    assert response.status_code == 200 and Announcement.objects.count() == 1
    response = client.post(
        "/admin/snippets/news/newscategory/add/",
        {"name": "Opini", "slug": "opini", "description": "", "sort_order": "40"},
    )
    assert response.status_code == 302
    assert list(categories()) == ["berita", "pengumuman", "siaran-pers", "opini"]


def test_a_category_in_use_cannot_be_deleted(client, admin_user, home_page):
    index = make_news_index(home_page)
    make_news(index, category=categories()["pengumuman"])
    client.force_login(admin_user)
    category = categories()["pengumuman"]
    response = client.post(f"/admin/snippets/news/newscategory/delete/{category.pk}/")
    assert response.status_code in (200, 302)
    assert "pengumuman" in categories()
