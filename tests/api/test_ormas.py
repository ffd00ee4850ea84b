"""/api/v2/ormas/: the download's columns and nothing else, the public list's filters and counts, pagination."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ormas.models import PUBLIC_COLUMNS
from tests.api.conftest import get_json, leaked
from tests.ormas.conftest import URL, make_ormas

pytestmark = pytest.mark.django_db
API = "/api/v2/ormas/"


def by_name(payload):
    return {item["nama"]: item for item in payload["items"]}


def test_rows_are_the_download_records_with_consent_and_office_rules(client, ormas_rows):
    payload = get_json(client, API)
    download = get_json(client, URL + "unduh/json/")
    assert payload["meta"]["total_count"] == download["jumlah"] == 5
    assert payload["meta"]["lisensi"] == "CC BY 4.0" and payload["meta"]["data_per"]
    for item, record in zip(payload["items"], download["data"], strict=True):
        assert {k: v for k, v in item.items() if k not in ("id", "meta")} == record
    rows = by_name(payload)
    assert rows["Pemuda Dayak Bersatu"]["ketua"] == "Ketua Setuju Terbit"
    assert rows["Pemuda Dayak Bersatu"]["alamat_kantor"] == "Jl. Kantor Sekretariat No. 1"
    assert rows["Dewan Adat Katingan"]["ketua"] == "" and rows["Dewan Adat Katingan"]["alamat_kantor"] == ""
    assert rows["Pemuda Dayak Bersatu"]["meta"]["html_url"].endswith(URL + ormas_rows["consenting"].slug + "/")
    assert not leaked(payload)

    detail = get_json(client, f"{API}{ormas_rows['private'].pk}/")
    assert detail["nama"] == "Dewan Adat Katingan" and detail["kecamatan"] == ""
    assert set(detail) - {"id", "meta"} == set(PUBLIC_COLUMNS)
    assert not leaked(detail)


def test_fields_outside_the_download_columns_are_refused(client, ormas_rows):
    for query in ("?fields=chair_name", "?fields=address", "?fields=officers_consent", "?fields=nama(x)", "?x=1"):
        assert "message" in get_json(client, API + query, status=400), query
    assert set(get_json(client, API + "?fields=_,nama,status")["items"][0]) == {"id", "nama", "status"}
    everything = get_json(client, API + "?fields=*")["items"][0]
    assert set(everything) - {"id", "meta"} == set(PUBLIC_COLUMNS)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "kab=62.71",
        "bentuk=perkumpulan_bh",
        "status=kedaluwarsa",
        "status=perlu_perpanjangan",
        "bidang=kepemudaan",
        "lingkup=kabupaten_kota",
        "q=pemuda",
        "kab=62.71&bidang=kepemudaan&urut=-nama",
    ],
)
def test_filters_agree_with_the_public_list(client, ormas_rows, query):
    """The list's own query string gives the same rows, in the same order, as the list's download."""
    api = get_json(client, f"{API}?{query}")
    download = get_json(client, f"{URL}unduh/json/?{query}")
    assert api["meta"]["total_count"] == download["jumlah"]
    assert [item["nama"] for item in api["items"]] == [row["nama"] for row in download["data"]]
    assert api["meta"]["total_count"] < 5 or not query


def test_search_is_the_lists_q_and_bad_filter_values_are_refused(client, ormas_rows):
    assert set(by_name(get_json(client, API + "?search=pemuda"))) == {"Pemuda Dayak Bersatu", "Pemuda Kota Cantik"}
    for query in ("?kab=99.99", "?status=hilang", "?search=a&q=b", "?order=nama"):
        get_json(client, API + query, status=400)


def test_pagination_has_a_maximum(client, ormas_rows):
    first = get_json(client, API + "?limit=2")
    rest = get_json(client, API + "?limit=100&offset=2")
    assert len(first["items"]) == 2 and len(rest["items"]) == 3 and first["meta"]["total_count"] == 5
    get_json(client, API + "?limit=101", status=400)


def test_no_register_page_no_register(client, ormas_rows, register_page):
    register_page.unpublish()
    get_json(client, API, status=404)
    get_json(client, f"{API}{ormas_rows['old'].pk}/", status=404)


def test_listing_runs_the_same_queries_for_three_or_twelve_rows(client, register_page):
    def count():
        get_json(client, API + "?limit=100")  # the site's kept data read once (home/visibility.py)
        with CaptureQueriesContext(connection) as queries:
            get_json(client, API + "?limit=100")
        return len(queries)

    for n in range(3):
        make_ormas(officers_consent=True, chair_name=f"Ketua {n}", code="62.0" + str(n + 1))
    few = count()
    for _ in range(9):
        make_ormas(code="62.71")
    assert count() == few
