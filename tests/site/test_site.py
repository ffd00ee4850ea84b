"""The site frame: search, robots.txt, sitemap, error pages, footer settings."""

from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error

from home.models import SiteSettings
from tests.factories import make_page

HOSTILE_QUERIES = [
    "\x00",
    "pendaftaran\x00ormas",
    "a" * 5000,
    "' OR 1=1 --",
    '"; DROP TABLE wagtailcore_page; --',
    "<script>alert(1)</script>",
    "{{ request.COOKIES }}",
    "%",
    "\\",
    "(((",
    "&|!:*",
    "\u202ereversed\u200b",
    "ormas & (kamtibmas | pilkada)",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_search_queries_get_a_normal_page(client, home_page, query):
    make_page(home_page, title="Pendaftaran ormas", intro="Cara mendaftar ormas lewat SIOLA.")
    response = client.get("/cari/", {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "\x00" not in body


def test_search_finds_live_pages_and_paginates(client, home_page):
    for i in range(12):
        make_page(home_page, title=f"Berita ormas {i}", slug=f"berita-ormas-{i}", intro="Kabar ormas Kalteng.")
    make_page(home_page, title="Berita ormas draf", slug="draf", publish=False)
    first = BeautifulSoup(client.get("/cari/", {"q": "ormas"}).content, "html.parser")
    titles = [a.get_text() for a in first.select(".result-list h2 a")]
    assert len(titles) == 10
    assert "Berita ormas draf" not in titles
    assert "12" in first.select_one('[role="status"]').get_text()
    next_link = first.select_one('.pagination a[rel="next"]')["href"]
    assert "q=ormas" in next_link and "page=2" in next_link
    second = BeautifulSoup(client.get("/cari/" + next_link).content, "html.parser")
    assert len(second.select(".result-list h2 a")) == 2


def test_search_empty_and_no_result_states(client, home_page):
    empty = BeautifulSoup(client.get("/cari/").content, "html.parser")
    assert not empty.select(".result-list")
    assert empty.find("input", attrs={"name": "q"})
    none = client.get("/cari/", {"q": "zzzxxyyqq"}).content.decode()
    assert "zzzxxyyqq" in none and "result-list" not in none


def test_search_box_in_every_header(client, home_page):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    form = soup.select_one('header form[role="search"]')
    assert form["action"] == "/cari/"
    field = form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": field["id"]})


def test_robots_txt_names_the_sitemap_and_hides_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: https://kesbangpol.test/sitemap.xml" in body


def test_sitemap_lists_live_pages_with_lastmod(client, home_page):
    make_page(home_page, title="Profil", slug="profil")
    make_page(home_page, title="Draf", slug="draf", publish=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring(response.content)
    urls = {u.find("s:loc", ns).text: u for u in root.findall("s:url", ns)}
    assert "https://kesbangpol.test/profil/" in urls
    assert not any("draf" in loc for loc in urls)
    assert urls["https://kesbangpol.test/profil/"].find("s:lastmod", ns) is not None


def test_not_found_page_uses_the_site_layout(client, home_page):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text() == "Halaman tidak ditemukan"
    assert soup.select_one("header.site-header") and soup.select_one("footer.site-footer")


def test_server_error_page_needs_no_database():
    # No `db` fixture: pytest-django raises on any query, so rendering proves the page needs no database.
    request = RequestFactory().get("/")
    response = server_error(request)
    assert response.status_code == 500
    assert "Maaf, terjadi gangguan" in response.content.decode()
    assert render_to_string("500.html")


def test_footer_shows_what_editors_set(client, home_page):
    settings = SiteSettings.load()
    settings.address = "Jl. Contoh No. 1\nPalangka Raya"
    settings.phone = "(0536) 123-456"
    settings.email = "info@kesbangpol.example"
    settings.office_hours = "Senin–Jumat 08.00–15.00 WIB"
    settings.instagram_url = "https://instagram.example/kesbangpol"
    settings.siola_url = "https://siola.example/"
    settings.save()
    footer = BeautifulSoup(client.get("/").content, "html.parser").find("footer")
    text = footer.get_text(" ", strip=True)
    assert "Jl. Contoh No. 1" in text and "Senin–Jumat 08.00–15.00 WIB" in text
    assert footer.select_one('a[href="tel:0536123456"]')
    assert footer.select_one('a[href="mailto:info@kesbangpol.example"]')
    assert footer.select_one('a[href="https://instagram.example/kesbangpol"]')
    assert footer.select_one('a[href="https://siola.example/"]')


def test_favicon_and_no_asset_from_another_host(client, home_page):
    assert client.get("/favicon.ico").status_code == 301
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in soup.find_all(tag):
            url = element.get(attr) or ""
            if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert not url.startswith(("http:", "https:", "//")), f"{tag} loads {url} from another host"
