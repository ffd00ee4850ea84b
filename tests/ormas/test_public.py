"""The public register: list, filters, search, summary counts, downloads, the page per ormas, and query counts."""

import csv
import datetime as dt
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ormas.models import LegalForm, Ormas
from tests.ormas.conftest import URL, make_ormas

pytestmark = pytest.mark.django_db
# Whole requests, the site frame included (menu, settings, announcements); the register itself adds 9 to the list
# (regencies, totals, three groupings, the count for pagination, the page, "data as of" twice) and 4 to the download.


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@pytest.fixture
def world(index_page):
    today = timezone.localdate()
    rows = {
        "pemuda": make_ormas(name="Pemuda Dayak Bersatu", abbreviation="PDB", activity="kepemudaan", code="62.71"),
        "adat": make_ormas(
            name="Dewan Adat Katingan",
            legal_form=LegalForm.ASSOCIATION,
            activity="adat_budaya",
            code="62.06",
            scope="kabupaten_kota",
        ),
        "soon": make_ormas(
            name="Forum Lingkungan Sampit",
            activity="lingkungan",
            code="62.02",
            skt_valid_until=today + dt.timedelta(days=30),
        ),
        "old": make_ormas(
            name="Yayasan Peduli Kapuas",
            activity="sosial",
            code="62.03",
            skt_valid_until=today - dt.timedelta(days=1),
        ),
    }
    return rows


def test_the_list_shows_every_ormas_with_its_status_and_the_count(client, world):
    soup = soup_of(client.get(URL))
    assert "4 ormas" in soup.find(id="ormas-count").get_text()
    names = [a.get_text() for a in soup.select(".ormas-list h2 a")]
    assert names == sorted(names) and len(names) == 4
    statuses = {s.get_text(strip=True) for s in soup.select(".ormas-status")}
    assert {"Aktif", "Perlu perpanjangan", "Kedaluwarsa"} <= statuses
    assert "Data per" in soup.find(id="ormas-as-of").get_text()


def test_the_filter_form_works_without_javascript(client, world):
    soup = soup_of(client.get(URL))
    form = soup.find("form", class_="ormas-filter")
    assert form["method"] == "get"
    for name in ("q", "kab", "bidang", "bentuk", "status", "lingkup", "urut"):
        field = form.find(attrs={"name": name})
        assert soup.find("label", attrs={"for": field["id"]}), name
    assert len(form.find("select", attrs={"name": "kab"}).find_all("option")) == 15


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kab": "62.06"}, ["Dewan Adat Katingan"]),
        ({"bidang": "kepemudaan"}, ["Pemuda Dayak Bersatu"]),
        ({"bentuk": "perkumpulan_bh"}, ["Dewan Adat Katingan"]),
        ({"status": "perlu_perpanjangan"}, ["Forum Lingkungan Sampit"]),
        ({"status": "kedaluwarsa"}, ["Yayasan Peduli Kapuas"]),
        ({"lingkup": "kabupaten_kota"}, ["Dewan Adat Katingan"]),
        ({"q": "pemuda"}, ["Pemuda Dayak Bersatu"]),
        ({"q": "PDB"}, ["Pemuda Dayak Bersatu"]),
        ({"q": "dayak bersatu"}, ["Pemuda Dayak Bersatu"]),
        ({"kab": "99.99", "status": "nonsense"}, None),  # values not offered are ignored
    ],
)
def test_filters_and_search(client, world, query, expected):
    soup = soup_of(client.get(URL, query))
    names = [a.get_text() for a in soup.select(".ormas-list h2 a")]
    if expected is None:
        assert len(names) == 4
    else:
        assert names == expected
        rows = read_csv(client.get(URL + "unduh/csv/", query))
        assert [row["nama"] for row in rows] == expected, "the download follows the same filters"


@pytest.mark.parametrize("typed", ["kepedulian", "Lingkungannya"])
def test_on_postgresql_the_search_finds_a_name_from_another_form_of_its_words(client, world, typed):
    """Indonesian words take affixes: someone typing "kepedulian" looks for "Peduli". PostgreSQL's Indonesian
    stemmer finds it; SQLite has no stemmer and matches substrings only."""
    names = [a.get_text() for a in soup_of(client.get(URL, {"q": typed})).select(".ormas-list h2 a")]
    if connection.vendor != "postgresql":
        assert names == []
        return
    expected = {"kepedulian": ["Yayasan Peduli Kapuas"], "Lingkungannya": ["Forum Lingkungan Sampit"]}[typed]
    assert names == expected
    rows = read_csv(client.get(URL + "unduh/csv/", {"q": typed}))
    assert [row["nama"] for row in rows] == expected, "the download follows the same search"


def test_summary_counts_agree_with_the_csv(client, world):
    make_ormas(name="Ikatan Profesi Palangka", activity="profesi", code="62.71")
    soup = soup_of(client.get(URL))
    rows = read_csv(client.get(URL + "unduh/csv/"))
    assert len(rows) == 5
    per_code = {td["data-code"]: int(td.get_text()) for td in soup.select("#table-regency td[data-code]")}
    assert len(per_code) == 14
    for code, count in per_code.items():
        assert count == sum(1 for row in rows if row["kode_wilayah_kemendagri"] == code), code
    per_form = {tr.th.get_text(): int(tr.td.get_text()) for tr in soup.select("#table-legal-form tr")}
    for label, count in per_form.items():
        assert count == sum(1 for row in rows if row["bentuk"] == label), label
    per_activity = {tr.th.get_text(): int(tr.td.get_text()) for tr in soup.select("#table-activity tr")}
    for label, count in per_activity.items():
        assert count == sum(1 for row in rows if row["bidang_kegiatan"] == label), label
    assert "SKT yang berakhir dalam 90 hari: 1" in soup.find(id="ormas-expiring").get_text()
    province = sum(1 for row in rows if row["lingkup"] == "Provinsi")
    assert (
        f"Seluruhnya 5 ormas, {province} di antaranya berlingkup provinsi" in soup.find(id="ormas-province").get_text()
    )
    tiles = soup.select("svg.ormas-tiles rect")
    assert len(tiles) == 14


def test_downloads_carry_the_licence_and_the_date(client, world):
    csv_response = client.get(URL + "unduh/csv/")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "attachment" in csv_response["Content-Disposition"]
    head = csv_response.content.decode("utf-8-sig").splitlines()[:2]
    assert "CC BY 4.0" in head[0] and "Data per" in head[1]
    data = json.loads(client.get(URL + "unduh/json/").content)
    assert data["lisensi"] == "CC BY 4.0" and data["data_per"] and data["jumlah"] == 4
    assert {row["nama"] for row in data["data"]} == {o.name for o in world.values()}


def test_the_page_per_ormas(client, world):
    ormas = world["adat"]
    soup = soup_of(client.get(f"{URL}{ormas.slug}/"))
    assert soup.h1.get_text().startswith("Dewan Adat Katingan")
    assert soup.find(id="ormas-status").get_text() == "Aktif"
    assert soup.find("a", href="https://ahu.go.id/")
    assert "tidak berarti ilegal" in soup.get_text(), "the note on ormas missing from the list"
    skt = world["soon"]
    soup = soup_of(client.get(f"{URL}{skt.slug}/"))
    assert soup.find(id="ormas-status").get_text() == "Perlu perpanjangan"
    assert "SIOLA" in soup.get_text()
    by_id = client.get(f"{URL}{skt.pk}/")
    assert by_id.status_code == 301 and by_id["Location"] == f"{URL}{skt.slug}/"
    assert client.get(f"{URL}tidak-ada/").status_code == 404


def queries_of(client, url, params):
    """Queries of one render from empty caches (site data, routes and the page cache all cold)."""
    client.get(url, params)  # warm Wagtail's site and route lookups, as any visit before this one would
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_rows(client, index_page):
    """The list (sorted, summary panels included) and the CSV cost the same for 5 ormas as for 50."""
    counts = {}
    for total in (5, 50):
        while Ormas.objects.count() < total:
            make_ormas()
        counts[total] = (
            queries_of(client, URL, {"urut": "laporan"}),
            queries_of(client, URL + "unduh/csv/", {"bentuk": "skt"}),
        )
    assert counts[5] == counts[50], counts


@pytest.mark.parametrize(
    "query", [{"q": "a\x00b"}, {"q": "x" * 500}, {"kab": "<script>"}, {"page": "-1"}, {"urut": "?"}]
)
def test_odd_input_is_ignored_never_an_error(client, world, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert "4 ormas" in soup_of(response).find(id="ormas-count").get_text()
    assert b"<script>" not in response.content.split(b"<main")[1]


def test_odd_addresses_of_an_ormas_are_404(client, world):
    for key in ("%00", "a%20b", "x" * 300, "%E2%80%8F"):
        assert client.get(f"{URL}{key}/").status_code == 404, key
