"""Nothing private leaves the register: not in the HTML, the downloads, the sitemap or the search index.

Officers' names are shown only with consent; a secretariat address only when it is an office; personal phones and
NIK-like numbers never (they cannot even be stored)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from ormas.models import Ormas
from tests.ormas.conftest import URL, make_ormas

pytestmark = pytest.mark.django_db
NIK_LIKE = re.compile(rb"(?<!\d)\d{16}(?!\d)")
SECRET_NAMES = ["Bambang Rahasia", "Siti Tersembunyi", "Yohanes Diam"]
HOME_ADDRESS = "Jl. Rumah Ketua No. 7"


@pytest.fixture
def outputs(client, index_page):
    hidden = make_ormas(
        name="Perkumpulan Tanpa Persetujuan",
        chair_name=SECRET_NAMES[0],
        secretary_name=SECRET_NAMES[1],
        treasurer_name=SECRET_NAMES[2],
        officers_consent=False,
        address=HOME_ADDRESS,
        address_is_office=False,
        district="Pahandut",
    )
    shown = make_ormas(
        name="Perkumpulan Dengan Persetujuan",
        chair_name="Dewi Terbuka",
        officers_consent=True,
        address="Jl. Kantor Sekretariat No. 1",
        address_is_office=True,
    )
    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    pages = {
        "list": client.get(URL).content,
        "hidden": client.get(f"{URL}{hidden.slug}/").content,
        "shown": client.get(f"{URL}{shown.slug}/").content,
        "csv": client.get(URL + "unduh/csv/").content,
        "json": client.get(URL + "unduh/json/").content,
        "sitemap": client.get("/sitemap.xml").content,
        "search": client.get("/cari/", {"q": "Bambang"}).content,
    }
    return pages


def test_no_private_field_in_any_output(outputs):
    for where, content in outputs.items():
        for secret in [*SECRET_NAMES, HOME_ADDRESS]:
            assert secret.encode() not in content, (where, secret)
        assert not NIK_LIKE.search(content), where


def test_consented_names_and_office_addresses_are_public(outputs):
    for where in ("shown", "csv", "json"):
        assert b"Dewi Terbuka" in outputs[where], where
        assert b"Jl. Kantor Sekretariat No. 1" in outputs[where], where
    assert b"Nama pengurus ditampilkan dengan persetujuan ormas" in outputs["shown"]
    assert b"Pahandut" in outputs["hidden"], "without an office the district is shown"


def test_nik_like_numbers_and_personal_phones_cannot_be_stored():
    for field, value in (("contact_phone", "6271 0112 0390 0001"), ("district", "6271011203900001")):
        with pytest.raises(ValidationError):
            make_ormas(**{field: value})
    assert Ormas.objects.count() == 0


def test_the_search_index_holds_no_ormas_rows(outputs):
    from wagtail.search.models import IndexEntry

    indexed = " ".join(str(e.title) + " " + str(e.body) for e in IndexEntry.objects.all())
    for secret in SECRET_NAMES:
        assert secret not in indexed
