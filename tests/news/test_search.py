"""News and guidance in the site search: title, summary, body and tags; Indonesian stemming on PostgreSQL."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.utils import formats, translation
from wagtail.models import Page

from events.models import EventPage
from news.models import GuidanceIndexPage, GuidancePage, ReadinessCheckPage
from tests.factories import make_page
from tests.factories.news import body, make_guidance_index, make_news, make_news_index


def result_titles(client, query):
    response = client.get("/cari/", {"q": query})
    assert response.status_code == 200
    return [a.get_text() for a in BeautifulSoup(response.content, "html.parser").select(".result-list h2 a")]


@pytest.fixture
def pages(home_page):
    index = make_news_index(home_page)
    guides = make_guidance_index(home_page)
    make_news(index, title="Sinergi Polri dan masyarakat", summary="FGD di Palangka Raya.", tags=["Kamtibmas"])
    make_news(
        index,
        title="Jadwal layanan",
        summary="Konsultasi berkas setiap Selasa.",
        body=body(("paragraph", "<p>Bawa akta notaris.</p>")),
    )
    make_news(index, title="Draf rahasia", summary="Kamtibmas draf.", publish=False)
    make_page(
        guides,
        GuidancePage,
        title="Kewajiban tahunan",
        intro="Laporan setiap tahun.",
        body=body(("steps", {"title": "", "steps": [{"title": "Susun laporan keuangan", "text": ""}]})),
    )


def test_news_is_found_by_tag_summary_and_body_and_guidance_by_its_blocks(client, pages):
    assert result_titles(client, "Kamtibmas") == ["Sinergi Polri dan masyarakat"]  # only a tag says it
    assert result_titles(client, "Selasa") == ["Jadwal layanan"]  # the summary
    assert result_titles(client, "notaris") == ["Jadwal layanan"]  # the body
    assert result_titles(client, "keuangan") == ["Kewajiban tahunan"]  # a step of a guidance page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Indonesian stemming is PostgreSQL's")
def test_pendaftaran_finds_pages_that_say_mendaftar_or_daftar(client, home_page):
    # PostgreSQL 15's Snowball stemmer for Indonesian strips the confix pe-…-an as well as the prefix me-, so the
    # three words share the stem "daftar" at index time and at query time (SEARCH_CONFIG = "indonesian").
    with connection.cursor() as cursor:
        cursor.execute("SELECT ts_lexize('indonesian_stem', 'pendaftaran'), ts_lexize('indonesian_stem', 'mendaftar')")
        assert cursor.fetchone() == (["daftar"], ["daftar"])
    index = make_news_index(home_page)
    make_news(index, title="Cara mendaftar ormas", summary="Ormas mendaftar lewat SIOLA.")
    make_news(index, title="Daftar berkas", summary="Berkas apa saja yang perlu disiapkan.")
    make_news(index, title="Jadwal layanan", summary="Konsultasi setiap Selasa.")
    assert sorted(result_titles(client, "pendaftaran")) == ["Cara mendaftar ormas", "Daftar berkas"]


# The demo site (`seeded`, as `make run` loads it) searched as a reader does. The same tests run on SQLite and,
# with TEST_DATABASE_URL, on PostgreSQL: the ranking must hold on both (home/views.py `ranked_search`).
SIOLA_GUIDE = "Mendaftarkan Ormas melalui SIOLA"


def results(client, query):
    """(title, type, date shown or None, its datetime attribute or None) of every result, page after page."""
    found = []
    for number in range(1, 10):
        response = client.get("/cari/", {"q": query, "page": number})
        assert response.status_code == 200
        listing = BeautifulSoup(response.content, "html.parser").select_one(".result-list")
        if listing is None or int(listing["start"]) != len(found) + 1:
            return found  # past the last page, which get_page() shows again
        found.extend(result(item) for item in listing.select(":scope > li"))
    raise AssertionError("more than 9 pages of results")


def result(item):
    meta = item.select_one(".search-result__meta")
    kind = meta.select_one(".search-result__type") if meta else None
    time = meta.select_one("time") if meta else None
    return (
        item.h2.get_text(strip=True),
        kind.get_text(strip=True) if kind else None,
        time.get_text(strip=True) if time else None,
        time["datetime"] if time else None,
    )


def test_the_siola_registration_guide_is_the_first_result_for_pendaftaran_ormas(client, seeded):
    # Two news titles say "Pendaftaran … Ormas" word for word; someone who types this wants to register, and the
    # guide tells them how, so it comes first although its title says "Mendaftarkan".
    titles = [title for title, *_ in results(client, "pendaftaran ormas")]
    assert titles[0] == SIOLA_GUIDE, titles


def test_ormas_lists_the_guides_first_then_titles_that_say_ormas_then_the_rest(client, seeded):
    titles = [title for title, *_ in results(client, "ormas")]
    guidance = set(
        Page.objects.type(GuidanceIndexPage, GuidancePage, ReadinessCheckPage).values_list("title", flat=True)
    )
    guides = [title for title in titles if title in guidance]
    # The Panduan Ormas section and its guides (four match "ormas"), before anything else.
    assert len(guides) >= 3 and titles[: len(guides)] == guides, titles
    assert SIOLA_GUIDE in titles[:3], titles
    # A page that only mentions ormas in its text ("Profil") comes after every guide and every title saying ormas.
    in_title = [title for title in titles if "ormas" in title.lower()]
    assert "Profil" in titles, titles
    assert titles.index("Profil") > max(titles.index(title) for title in guides + in_title), titles


def test_each_result_says_what_it_is_and_its_date(client, seeded):
    found = {title: (kind, shown, iso) for title, kind, shown, iso in results(client, "ormas")}
    # News: its category and publication date (WIB).
    assert found["Jadwal Layanan Konsultasi Pendaftaran Ormas Bulan Juni 2024"] == (
        "Pengumuman",
        "31 Mei 2024",
        "2024-05-31",
    )
    assert found["Kesbangpol Dampingi Pengurus Ormas Mengisi Data di SIOLA"][:2] == ("Berita", "28 Mei 2024")
    # An event: the day it starts (the demo's events are dated from today).
    event = EventPage.objects.get(title="Sosialisasi Pendaftaran Ormas melalui SIOLA")
    with translation.override("id"):
        day = formats.date_format(event.start_date, "j F Y")
    assert found[event.title] == ("Kegiatan", day, event.start_date.isoformat())
    # Guides, consultations and plain pages: their type, and no date.
    assert found[SIOLA_GUIDE] == ("Panduan", None, None)
    assert found["Panduan Ormas"] == ("Panduan", None, None)
    assert found["Jam dan Cara Layanan Kesbangpol"] == ("Konsultasi publik", None, None)
    assert found["Profil"] == ("Halaman", None, None)
