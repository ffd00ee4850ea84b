"""Personal data of PPID requests: retention through purge_personal_data, export and erasure on request."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from home import personal_data
from home.models import PrivacyNoticePage
from ppid import service
from ppid.models import PPIDObjection, PPIDRequest
from tests.factories import make_page
from tests.ppid.conftest import make_request

pytestmark = pytest.mark.django_db


def test_ppid_models_are_in_the_registry():
    labels = personal_data.registered_labels()
    assert {"ppid.PPIDRequest", "ppid.PPIDObjection", "ppid.PPIDSettings"} <= labels


def test_purge_removes_identity_two_years_after_closing_and_keeps_the_register(settings):
    old, _ = make_request()
    recent, _ = make_request()
    disputed, _ = make_request()
    for item in (old, recent, disputed):
        service.change_state(item, None, "ditarik", text="Ditarik oleh pemohon.")
    long_ago = timezone.now() - datetime.timedelta(days=731)
    PPIDRequest.objects.filter(pk__in=[old.pk, disputed.pk]).update(closed_at=long_ago)
    service.file_objection(disputed, grounds=["e"], case="Belum dipenuhi.")
    call_command("purge_personal_data", "--only", "ppid.PPIDRequest", stdout=io.StringIO())
    old.refresh_from_db()
    recent.refresh_from_db()
    disputed.refresh_from_db()
    assert old.name == old.nik == old.email == old.address == old.phone == ""
    assert old.number and old.information and old.state == "ditarik"
    assert old.events.filter(kind="note", text__contains="730 hari").exists()
    assert recent.name == "Rina Kartikasari"
    assert disputed.name == "Rina Kartikasari"  # an objection is still open


def test_export_and_erase_cover_requests_and_objections():
    item, _ = make_request()
    service.file_objection(item, grounds=["c"], case="Saya, Rina, belum menerima jawaban.")
    exported = personal_data.export_person("RINA@contoh.id")
    request_rows = exported["Permohonan informasi publik (PPID)"]
    assert request_rows[0]["nik"] == "6271015203900007" and request_rows[0]["number"] == item.number
    assert exported["Keberatan informasi publik (PPID)"][0]["case"].startswith("Saya, Rina")
    counts = personal_data.erase_person("rina@contoh.id")
    assert counts["ppid.PPIDRequest"] == 1
    item.refresh_from_db()
    assert item.name == item.nik == item.email == ""
    assert PPIDObjection.objects.get().case == personal_data.ERASED_TEXT


def test_the_request_form_says_how_long_identity_is_kept_and_links_the_privacy_notice(client, ppid_page, settings):
    settings.PERSONAL_DATA_RETENTION = {"ppid": 900}
    notice = make_page(
        ppid_page.get_parent(),
        PrivacyNoticePage,
        title="Pemberitahuan Privasi",
        version="2026-11",
        effective_date=datetime.date(2026, 11, 1),
        slug="pemberitahuan-privasi",
    )
    html = client.get(ppid_page.url).content.decode()
    assert "dihapus 900 hari setelah permohonan Anda ditutup" in html
    assert f'href="{notice.url}" data-privacy-notice' in html
