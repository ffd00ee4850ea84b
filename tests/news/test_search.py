"""News and guidance in the site search: title, summary, body and tags; Indonesian stemming on PostgreSQL."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from news.models import GuidancePage
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
