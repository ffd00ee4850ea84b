"""The spreadsheet import in the Wagtail admin: preview, confirm, re-import, bad files, personal columns, audit."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook
from wagtail.models import ModelLogEntry

from ormas.importing import HEADERS
from ormas.models import Ormas
from tests.ormas.conftest import make_ormas

pytestmark = pytest.mark.django_db
URL = "/admin/ormas/impor/"

ROWS = [
    {
        "Nomor Register Kesbangpol": "220/0101/KBP",
        "Nama Ormas": "Perkumpulan Pemuda Sungai Kahayan",
        "Bentuk": "Terdaftar dengan SKT",
        "Nomor SKT": "01-00-00/0101/XII/2025",
        "SKT Berlaku Sampai": "15/12/2030",
        "Penerbit SKT": "Kementerian Dalam Negeri",
        "Lingkup": "Provinsi",
        "Bidang Kegiatan": "Kepemudaan",
        "Kode Wilayah": "62.71",
        "Kecamatan": "Pahandut",
        "Nama Ketua": "Andreas Uji",
        "Persetujuan Publikasi Nama Pengurus": "Tidak",
    },
    {
        "Nomor Register Kesbangpol": "220/0102/KBP",
        "Nama Ormas": "Yayasan Peduli Katingan",
        "Bentuk": "Yayasan berbadan hukum",
        "Nomor SK AHU": "AHU-0012345.AH.01.04.TAHUN 2020",
        "Lingkup": "Kabupaten/kota",
        "Bidang Kegiatan": "sosial",
        "Kode Wilayah": "Katingan",
    },
]


def csv_file(rows, headers=None, name="ormas.csv", extra=None):
    headers = headers or [*HEADERS, *(extra or {}).keys()]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, **(extra or {})})
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


@pytest.fixture
def team_client(client, django_user_model):
    user = django_user_model.objects.create_user("ormas_editor", "ormas@kesbangpol.example", "x-" * 8)
    user.groups.add(Group.objects.get(name="Tim Ormas"))
    client.force_login(user)
    return client


def preview(client, upload):
    response = client.post(URL, {"file": upload})
    return response, BeautifulSoup(response.content, "html.parser")


def confirm(client, soup):
    payload = soup.find("input", attrs={"name": "payload"})
    assert payload is not None, soup.get_text(" ", strip=True)[:2000]
    return client.post(URL, {"payload": payload["value"]})


def test_tim_ormas_has_exactly_its_permissions():
    codenames = set(Group.objects.get(name="Tim Ormas").permissions.values_list("codename", flat=True))
    assert codenames == {"access_admin", "view_ormas", "add_ormas", "change_ormas", "import_ormas"}


def test_preview_then_confirm_then_reimport_changes_nothing(team_client):
    response, soup = preview(team_client, csv_file(ROWS))
    assert response.status_code == 200
    assert Ormas.objects.count() == 0, "the preview saves nothing"
    assert "2 baru, 0 berubah, 0 tidak berubah, 0 ditolak" in soup.find(id="import-counts").get_text(), soup.find(
        id="import-preview"
    ).get_text(" ", strip=True)

    response = confirm(team_client, soup)
    assert response.status_code == 302
    assert Ormas.objects.count() == 2
    katingan = Ormas.objects.get(register_number="220/0102/KBP")
    assert (
        katingan.regency.code == "62.06" and katingan.legal_form == "yayasan_bh" and katingan.scope == "kabupaten_kota"
    )
    entry = ModelLogEntry.objects.get(action="ormas.import")
    assert entry.data["new"] == 2 and entry.data["refused"] == 0 and "Andreas" not in str(entry.data)

    before = list(Ormas.objects.values_list("pk", "updated_at"))
    response, soup = preview(team_client, csv_file(ROWS))
    assert "0 baru, 0 berubah, 2 tidak berubah, 0 ditolak" in soup.find(id="import-counts").get_text()
    confirm(team_client, soup)
    assert list(Ormas.objects.values_list("pk", "updated_at")) == before

    changed = [{**ROWS[0], "Kecamatan": "Jekan Raya"}, ROWS[1]]
    response, soup = preview(team_client, csv_file(changed))
    assert "0 baru, 1 berubah, 1 tidak berubah, 0 ditolak" in soup.find(id="import-counts").get_text()
    confirm(team_client, soup)
    assert Ormas.objects.get(register_number="220/0101/KBP").district == "Jekan Raya"


def test_a_row_is_found_again_by_its_skt_number_without_a_register_number(team_client):
    existing = make_ormas(register_number="", skt_number="01-00-00/0101/XII/2025", name="Nama Lama")
    row = {**ROWS[0], "Nomor Register Kesbangpol": ""}
    response, soup = preview(team_client, csv_file([row]))
    confirm(team_client, soup)
    existing.refresh_from_db()
    assert existing.name == "Perkumpulan Pemuda Sungai Kahayan" and Ormas.objects.count() == 1


def test_a_file_with_a_refused_row_changes_nothing_and_says_why_in_indonesian(team_client):
    bad = {**ROWS[1], "Nomor SK AHU": "", "Kode Wilayah": "63.71"}
    response, soup = preview(team_client, csv_file([ROWS[0], bad]))
    text = soup.find(id="import-preview").get_text(" ", strip=True)
    assert "1 baru, 0 berubah, 0 tidak berubah, 1 ditolak" in text
    assert "Kode Wilayah" in text and "bukan kabupaten/kota di Kalimantan Tengah" in text
    assert soup.find("input", attrs={"name": "payload"}) is None, "no confirm button"
    assert Ormas.objects.count() == 0


def test_a_file_that_is_not_a_spreadsheet_changes_nothing(team_client):
    response, soup = preview(team_client, SimpleUploadedFile("ormas.xlsx", b"not a workbook"))
    assert "tidak dapat dibaca" in soup.find(id="import-preview").get_text()
    response, soup = preview(team_client, csv_file(ROWS, headers=["Nama Ormas", "Singkatan"]))
    assert "Kolom tidak ada" in soup.find(id="import-preview").get_text()
    assert Ormas.objects.count() == 0


def test_personal_columns_are_ignored_and_named_in_the_preview(team_client):
    extra = {"NIK Ketua": "6271011203900001", "Tanggal Lahir Ketua": "12/03/1990", "No HP Ketua": "081234567890"}
    response, soup = preview(team_client, csv_file(ROWS, extra=extra))
    ignored = soup.find(id="ignored-personal").get_text()
    for header in extra:
        assert header in ignored
    confirm(team_client, soup)
    dump = str(list(Ormas.objects.values()))
    assert "6271011203900001" not in dump and "1990" not in dump and "081234567890" not in dump


def test_a_nik_in_a_kept_column_refuses_the_row(team_client):
    row = {**ROWS[0], "Nama Ketua": "Andreas 6271011203900001"}
    response, soup = preview(team_client, csv_file([row]))
    assert "NIK" in soup.find(id="import-preview").get_text()
    assert soup.find("input", attrs={"name": "payload"}) is None


def test_xlsx_and_the_template(team_client):
    response = team_client.get(URL + "templat/")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.active[1]] == HEADERS

    book = Workbook()
    book.active.append(HEADERS)
    for row in ROWS:
        book.active.append([row.get(h, "") for h in HEADERS])
    out = io.BytesIO()
    book.save(out)
    response, soup = preview(team_client, SimpleUploadedFile("ormas.xlsx", out.getvalue()))
    assert "2 baru" in soup.find(id="import-counts").get_text()


def test_others_cannot_import(client, django_user_model):
    user = django_user_model.objects.create_user("redaksi", "r@kesbangpol.example", "x-" * 8)
    user.groups.add(Group.objects.get(name="Redaksi"))
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)
    assert client.get(URL + "templat/").status_code in (302, 403)


def test_the_team_edits_and_exports_records_in_the_viewset(team_client):
    ormas = make_ormas(name="Forum Uji")
    assert team_client.get("/admin/ormas/data/").status_code == 200
    assert team_client.get(f"/admin/ormas/data/edit/{ormas.pk}/").status_code == 200
    export = team_client.get("/admin/ormas/data/?export=csv")
    assert export.status_code == 200 and b"Forum Uji" in b"".join(export.streaming_content)
