"""Daftar Informasi Publik and Daftar Informasi yang Dikecualikan: the public lists, their filters and downloads,
the berkala review flag, and who may edit them."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ppid import catalogue
from ppid.models import (
    ExemptInformation,
    InformationCategory,
    InformationItem,
    berkala_stale_before,
    months_before,
)
from tests.factories.ppid import make_document, make_item, xlsx_rows

pytestmark = pytest.mark.django_db
DIP = "/ppid/daftar-informasi/"
DIK = "/ppid/informasi-dikecualikan/"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(page_soup):
    return [a.get_text(strip=True) for a in page_soup.select("table.dip-table tbody th a")]


@pytest.fixture
def items(ppid_section):
    return {
        "berkala_2026": make_item(title="Profil badan 2026", category=InformationCategory.BERKALA, year=2026),
        "berkala_2025": make_item(title="Laporan keuangan 2025", category=InformationCategory.BERKALA, year=2025),
        "serta_merta": make_item(title="Imbauan cuaca ekstrem", category=InformationCategory.SERTA_MERTA, year=2026),
        "setiap_saat": make_item(title="Keputusan FKDM", category=InformationCategory.SETIAP_SAAT, year=2025),
        "draft": make_item(title="Masih disiapkan", category=InformationCategory.BERKALA, year=2026, published=False),
    }


def test_listing_shows_published_items_with_count_and_last_update(client, items):
    page = soup(client.get(DIP))
    assert sorted(listed_titles(page)) == sorted(
        ["Profil badan 2026", "Laporan keuangan 2025", "Imbauan cuaca ekstrem", "Keputusan FKDM"]
    )
    assert "Masih disiapkan" not in page.get_text()
    assert "4 informasi" in page.select_one("[role=status]").get_text()
    assert "Daftar terakhir diperbarui" in page.get_text()
    assert page.select_one("table.dip-table tbody time[datetime]")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kategori=berkala", {"Profil badan 2026", "Laporan keuangan 2025"}),
        ("tahun=2025", {"Laporan keuangan 2025", "Keputusan FKDM"}),
        ("kategori=berkala&tahun=2026", {"Profil badan 2026"}),
        ("kategori=serta_merta&tahun=2025", set()),
        # Tampered or outdated values are ignored, not an error page.
        (
            "kategori=rahasia&tahun=1999",
            {"Profil badan 2026", "Laporan keuangan 2025", "Imbauan cuaca ekstrem", "Keputusan FKDM"},
        ),
    ],
)
def test_filters_by_category_and_year(client, items, query, expected):
    page = soup(client.get(f"{DIP}?{query}"))
    assert set(listed_titles(page)) == expected
    if not expected:
        assert "Tidak ada informasi yang cocok" in page.get_text()


def test_filter_form_works_without_javascript_and_is_labelled(client, items):
    page = soup(client.get(DIP))
    form = page.select_one("main form")
    assert form["method"] == "get"
    assert form["action"] == DIP
    assert form.select_one("button[type=submit]")
    for select in form.select("select"):
        assert page.select_one(f"label[for={select['id']}]"), select["name"]
    assert {s["name"] for s in form.select("select")} == {"kategori", "tahun"}
    assert [o["value"] for o in form.select("select[name=tahun] option")] == ["", "2026", "2025"]


def test_table_has_caption_and_headers(client, items):
    table = soup(client.get(f"{DIP}?kategori=berkala")).select_one("table.dip-table")
    assert "Daftar Informasi Publik" in table.caption.get_text()
    assert "Berkala" in table.caption.get_text()
    headers = table.select("thead th")
    assert headers and all(th["scope"] == "col" for th in headers)
    assert all(th["scope"] == "row" for th in table.select("tbody th"))


def test_listing_costs_the_same_queries_for_few_or_many_items(client, ppid_section):
    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{DIP}?kategori=setiap_saat").status_code == 200
        return len(captured)

    make_item(document=make_document())
    queries()  # the first request of the process also reads what is then kept (content types, the site)
    few = queries()
    for _ in range(20):
        make_item(document=make_document())
    many = queries()
    assert many == few, "a query per item"
    assert soup(client.get(f"{DIP}?kategori=setiap_saat")).select("table.dip-table tbody tr").__len__() == 21


def test_listing_paginates_keeping_the_filters(client, ppid_section, monkeypatch):
    monkeypatch.setattr(catalogue, "ITEMS_PER_PAGE", 2)
    for n in range(5):
        make_item(title=f"Keputusan {n}", year=2024)
    page = soup(client.get(f"{DIP}?tahun=2024"))
    assert len(listed_titles(page)) == 2
    next_link = page.select_one("nav.pagination a[rel=next]")["href"]
    assert "tahun=2024" in next_link and "page=2" in next_link


def _csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("query", ["", "kategori=berkala", "tahun=2025", "kategori=berkala&tahun=2026"])
def test_downloads_list_exactly_the_filtered_items(client, items, query):
    listed = listed_titles(soup(client.get(f"{DIP}?{query}")))
    csv_rows = _csv_rows(client.get(f"{DIP}unduh/csv/?{query}"))
    xlsx = client.get(f"{DIP}unduh/xlsx/?{query}")
    assert xlsx["Content-Disposition"].startswith("attachment")
    assert xlsx["Cache-Control"] == "private, no-store"
    xlsx_data = xlsx_rows(xlsx.content)
    assert csv_rows[0][1] == xlsx_data[0][1] == "Judul"
    assert [row[1] for row in csv_rows[1:]] == listed
    assert [row[1] for row in xlsx_data[1:]] == listed


def test_download_links_carry_the_filters(client, items):
    page = soup(client.get(f"{DIP}?kategori=berkala&tahun=2026"))
    hrefs = [a["href"] for a in page.select("main a") if "/unduh/" in a["href"]]
    assert hrefs == [f"{DIP}unduh/xlsx/?kategori=berkala&tahun=2026", f"{DIP}unduh/csv/?kategori=berkala&tahun=2026"]


def test_downloads_are_safe_from_csv_injection(client, ppid_section):
    make_item(title='=HYPERLINK("https://evil.example","klik")', summary="+62 812 0000")
    row = _csv_rows(client.get(f"{DIP}unduh/csv/"))[1]
    assert row[1].startswith("'=") and row[2].startswith("'+")
    cell = xlsx_rows(client.get(f"{DIP}unduh/xlsx/").content)[1][1]
    assert cell.startswith("=HYPERLINK")  # stored as a text cell (home/spreadsheets.py), not a formula


def test_unknown_download_format_is_not_found(client, ppid_section):
    assert client.get(f"{DIP}unduh/pdf/").status_code == 404


# The berkala review flag ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 12, 3), datetime.date(2026, 6, 3)),
        (datetime.date(2026, 8, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2028, 8, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 3, 15), datetime.date(2025, 9, 15)),
    ],
)
def test_six_months_before(today, expected):
    assert months_before(today, 6) == expected == berkala_stale_before(today)


def test_berkala_items_older_than_six_months_are_stale_around_the_boundary(ppid_section):
    today = datetime.date(2026, 12, 3)
    boundary = datetime.date(2026, 6, 3)
    on_boundary = make_item(category=InformationCategory.BERKALA, last_updated=boundary)
    day_before = make_item(category=InformationCategory.BERKALA, last_updated=boundary - datetime.timedelta(days=1))
    old_setiap_saat = make_item(category=InformationCategory.SETIAP_SAAT, last_updated=datetime.date(2020, 1, 1))
    assert not on_boundary.is_stale(today)
    assert day_before.is_stale(today)
    assert not old_setiap_saat.is_stale(today)
    assert list(InformationItem.objects.stale_berkala(today)) == [day_before]


@pytest.fixture
def petugas(django_user_model):
    """A least-privilege editor of the lists: the role the request service's "Petugas PPID" group gets."""
    group = Group.objects.create(name="Petugas PPID uji")
    catalogue.grant_catalogue_permissions(group)
    user = django_user_model.objects.create_user("petugas", "petugas@example.com", "x")
    user.groups.add(group)
    return user


def test_editors_see_stale_berkala_in_the_dashboard_list_and_badge(client, ppid_section, petugas):
    stale = make_item(
        title="Rencana kerja lama",
        category=InformationCategory.BERKALA,
        last_updated=months_before(berkala_stale_before(), 1),
    )
    make_item(title="Rencana kerja baru", category=InformationCategory.BERKALA)
    client.force_login(petugas)
    dashboard = soup(client.get("/admin/"))
    panel = dashboard.select_one("[data-panel=ppid-stale-berkala]")
    assert panel and stale.title in panel.get_text() and "Rencana kerja baru" not in panel.get_text()

    flagged = soup(client.get("/admin/ppid/daftar-informasi/?needs_update=true")).get_text()
    assert stale.title in flagged and "Rencana kerja baru" not in flagged
    listing = soup(client.get("/admin/ppid/daftar-informasi/"))
    rows = {row.get_text(" ", strip=True) for row in listing.select("tbody tr")}
    assert any(stale.title in r and "Perlu diperbarui" in r for r in rows)
    assert any("Rencana kerja baru" in r and "Perlu diperbarui" not in r for r in rows)


def test_dashboard_panel_is_hidden_from_those_who_cannot_edit_the_list(client, ppid_section, django_user_model):
    make_item(category=InformationCategory.BERKALA, last_updated=datetime.date(2020, 1, 1))
    user = django_user_model.objects.create_user("redaksi", "r@example.com", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert not soup(client.get("/admin/")).select_one("[data-panel=ppid-stale-berkala]")


# Validation and permissions -------------------------------------------------------------------------------------


def test_subcategory_must_belong_to_the_category(ppid_section):
    with pytest.raises(ValidationError) as error:
        make_item(category=InformationCategory.BERKALA, subcategory="serta_merta_bencana")
    assert "subcategory" in error.value.message_dict


def test_a_document_or_an_external_link_is_required(ppid_section):
    with pytest.raises(ValidationError) as error:
        make_item(external_url="")
    assert "document" in error.value.message_dict
    assert make_item(external_url="", document=make_document()).url.startswith("/documents/")


def test_petugas_may_create_items_through_the_admin(client, ppid_section, petugas):
    client.force_login(petugas)
    assert client.get("/admin/ppid/daftar-informasi/").status_code == 200
    assert client.get("/admin/documents/chooser/").status_code == 200, "may choose a document"
    assert client.get(f"/admin/pages/{ppid_section.pk}/edit/").status_code == 302, "but edits no page"
    response = client.post(
        "/admin/ppid/daftar-informasi/add/",
        {
            "title": "Renstra 2025–2029",
            "summary": "Rencana strategis lima tahun.",
            "category": "setiap_saat",
            "subcategory": "setiap_saat_kebijakan",
            "year": "2025",
            "last_updated": "2026-01-05",
            "holding_unit": "Sekretariat",
            "responsible_person": "Sekretaris Badan",
            "made_when_where": "Palangka Raya, 2025",
            "form": "both",
            "retention_period": "5 tahun",
            "external_url": "https://jdih.kaltengprov.go.id/renstra",
            "published": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert InformationItem.objects.filter(title="Renstra 2025–2029").exists()
    assert client.get("/admin/ppid/informasi-dikecualikan/").status_code == 200
    export = client.get("/admin/ppid/daftar-informasi/?export=csv")
    assert export.status_code == 200
    assert "Renstra" in b"".join(export.streaming_content).decode("utf-8-sig")


def test_without_the_permissions_the_lists_are_closed(client, ppid_section, django_user_model):
    item = make_item()
    user = django_user_model.objects.create_user("lain", "l@example.com", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in [
        "/admin/ppid/daftar-informasi/",
        "/admin/ppid/daftar-informasi/add/",
        f"/admin/ppid/daftar-informasi/edit/{item.pk}/",
        "/admin/ppid/informasi-dikecualikan/",
    ]:
        response = client.get(url)
        # Wagtail answers a signed-in user without the permission with a redirect to the dashboard.
        assert response.status_code == 302 and response["Location"] == "/admin/", url
    client.logout()
    assert client.get("/admin/ppid/daftar-informasi/")["Location"].startswith("/admin/login/")


# DIK ---------------------------------------------------------------------------------------------------------------


def test_exempt_list_shows_published_entries_with_their_test_sheet(client, ppid_section):
    sheet = make_document("Lembar uji konsekuensi", "uji-konsekuensi.pdf")
    ExemptInformation.objects.create(
        information="Data pribadi pengurus ormas",
        ground="h",
        legal_basis="UU 14/2008 Pasal 17 huruf h",
        consequence="Mengungkap rahasia pribadi.",
        exemption_period="5 tahun",
        consequence_test=sheet,
        decree_number="000/001/2026",
        decree_date=datetime.date(2026, 1, 15),
    )
    ExemptInformation.objects.create(
        information="Belum ditetapkan",
        ground="c",
        legal_basis="UU 14/2008 Pasal 17 huruf c",
        consequence="-",
        exemption_period="3 tahun",
        decree_number="-",
        decree_date=datetime.date(2026, 1, 15),
        published=False,
    )
    page = soup(client.get(DIK))
    table = page.select_one("table.dik-table")
    assert table.caption.get_text(strip=True) == "Daftar Informasi yang Dikecualikan"
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    text = table.get_text(" ", strip=True)
    assert "Data pribadi pengurus ormas" in text and "h. Mengungkap rahasia pribadi" in text
    assert "15 Januari 2026" in text
    assert "Belum ditetapkan" not in text
    assert table.select_one(f"a[href='{sheet.url}']")
