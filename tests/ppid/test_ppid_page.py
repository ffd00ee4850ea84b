"""The PPID section: its page type, menu and footer entries, the link to the request form, and its demo content."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from home.seeding import DEMO_NOTE
from ppid import catalogue
from ppid.models import ExemptInformation, InformationItem, PPIDPage
from tests.factories import make_page

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_page_type_places():
    case = WagtailPageTestCase()
    case.assertCanCreateAt(HomePage, PPIDPage)
    case.assertCanNotCreateAt(StandardPage, PPIDPage)
    case.assertCanCreateAt(PPIDPage, StandardPage)
    assert PPIDPage.max_count == 1


def test_ppid_in_menu_and_footer_and_links_to_its_lists(client, ppid_section):
    make_page(ppid_section, StandardPage, title="Maklumat Pelayanan", slug="maklumat-pelayanan")
    page = soup(client.get("/"))
    assert page.select_one("header a[href='/ppid/']"), "main menu"
    assert page.select_one("footer a[href='/ppid/']"), "footer"
    section = soup(client.get("/ppid/"))
    hrefs = {a["href"] for a in section.select("main nav a")}
    assert {"/ppid/daftar-informasi/", "/ppid/informasi-dikecualikan/", "/ppid/maklumat-pelayanan/"} <= hrefs


def test_request_link_is_left_out_while_there_is_no_request_page(client, ppid_section):
    assert catalogue.request_page_url() == ""
    assert "Ajukan permohonan informasi" not in soup(client.get("/ppid/")).get_text()


def test_request_link_points_at_the_live_request_page_when_there_is_one(client, ppid_section, monkeypatch):
    # The request page type comes with the request service; any page type stands in for it here.
    form = make_page(ppid_section, StandardPage, title="Formulir permohonan", slug="permohonan")
    monkeypatch.setattr(catalogue, "REQUEST_PAGE_MODEL", "home.StandardPage")
    links = soup(client.get("/ppid/")).find_all("a", string="Ajukan permohonan informasi")
    assert links and all(a["href"] == form.url for a in links)


def test_demo_seeds_the_section_marked_as_example_content(seeded, client):
    ppid = PPIDPage.objects.get()
    assert ppid.show_in_menus
    for page in [ppid, *ppid.get_children().live()]:
        assert DEMO_NOTE in soup(client.get(page.url)).select_one("main").get_text(" ", strip=True), page.title
    titles = {p.title for p in ppid.get_children()}
    assert {
        "Profil PPID",
        "Maklumat Pelayanan Informasi Publik",
        "Prosedur Permohonan, Keberatan, dan Sengketa",
    } <= titles
    profil = soup(client.get("/ppid/profil-ppid/")).get_text(" ", strip=True)
    assert "Atasan PPID" in profil
    assert InformationItem.objects.stale_berkala().exists(), "the demo shows the review flag"
    assert all(item.summary.startswith("Contoh konten demo.") for item in InformationItem.objects.all())
    assert all(e.consequence.startswith("Contoh konten demo.") for e in ExemptInformation.objects.all())
    dip = soup(client.get("/ppid/daftar-informasi/"))
    assert len(dip.select("table.dip-table tbody tr")) == InformationItem.objects.count()
    counts = (InformationItem.objects.count(), ExemptInformation.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (InformationItem.objects.count(), ExemptInformation.objects.count()) == counts


def test_the_lists_are_in_the_sitemap(client, ppid_section):
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in ("/ppid/", "/ppid/daftar-informasi/", "/ppid/informasi-dikecualikan/"):
        assert f"{path}</loc>" in sitemap, path
