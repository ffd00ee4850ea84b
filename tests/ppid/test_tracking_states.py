"""What the requester reads on the tracking page in each state (UU 14/2008 Ps. 22(7): the notice's contents; Ps. 36
and 37: the objection and the Komisi Informasi), in Indonesian, and the state changes of objections in the audit."""

import pytest
from wagtail.models import ModelLogEntry

from ppid import service
from tests.ppid.conftest import make_request
from tests.ppid.test_public import assert_no_personal_data

pytestmark = pytest.mark.django_db


def tracking(client, page, item, secret):
    client.post(page.url + "lacak/", {"number": item.number, "secret": secret})
    response = client.get(page.url + f"lacak/{item.number}/")
    assert response.status_code == 200
    return response.content.decode()


def current_state(html):
    start = html.index("Status saat ini")
    return html[start : html.index("</dd>", start)]


@pytest.mark.parametrize(
    ("path", "fields", "label", "also"),
    [
        ([], {}, "Terdaftar", []),
        (["menunggu_kelengkapan"], {"text": "Lengkapi surat kuasa."}, "Menunggu kelengkapan", ["Lengkapi surat"]),
        (["diproses"], {}, "Diproses", []),
        (["diproses", "dikabulkan"], {"outcome_text": "Salinan PDF lewat e-mail."}, "Dikabulkan", ["Salinan PDF"]),
        (
            ["dikabulkan_sebagian"],
            {"outcome_text": "Daftar tanpa NIK.", "refusal_grounds": ["h"], "refusal_reason": "NIK dihitamkan."},
            "Dikabulkan sebagian",
            ["h. mengungkap rahasia pribadi", "NIK dihitamkan.", "Daftar tanpa NIK."],
        ),
        (
            ["ditolak"],
            {"refusal_grounds": ["i"], "refusal_reason": "Memo internal; membuka merugikan proses."},
            "Ditolak",
            ["Dikecualikan berdasarkan UU 14/2008 Pasal 17", "Memo internal; membuka merugikan proses.", "keberatan"],
        ),
        (
            ["tidak_dikuasai"],
            {"referral": "Dinas Kominfo Provinsi Kalimantan Tengah"},
            "Tidak dikuasai",
            ["Informasi tersebut dikuasai oleh", "Dinas Kominfo Provinsi Kalimantan Tengah"],
        ),
        (["belum_didokumentasikan"], {"text": "Notulen belum dibuat."}, "Belum didokumentasikan", ["Notulen belum"]),
        (
            ["dikabulkan", "disampaikan"],
            {"outcome_text": "Salinan PDF."},
            "Informasi telah disampaikan",
            ["Salinan PDF."],
        ),
        (["tidak_dikuasai", "selesai"], {"referral": "Tidak diketahui."}, "Selesai", []),
        (["ditarik"], {"text": "Ditarik lewat telepon."}, "Ditarik", ["Ditarik lewat telepon."]),
    ],
)
def test_each_state_reads_in_indonesian_with_what_the_law_makes_the_notice_say(
    client, ppid_page, path, fields, label, also
):
    item, secret = make_request()
    for state in path:
        item = service.change_state(item, None, state, **fields)
    html = tracking(client, ppid_page, item, secret)
    assert f">{label}<" in current_state(html)
    for text in also:
        assert text in html
    assert_no_personal_data(html)


def test_the_extended_state_shows_the_new_date_and_the_reason(client, ppid_page):
    item, secret = make_request()
    item = service.extend(item, None, "Dokumen tersebar di tiga bidang.")
    html = tracking(client, ppid_page, item, secret)
    assert ">Diperpanjang<" in current_state(html)
    assert "Dokumen tersebar di tiga bidang." in html and "7 hari kerja" in html


def test_an_objection_taken_up_by_the_atasan_is_audited_and_shown(client, ppid_page, staff):
    item, secret = make_request()
    item = service.change_state(item, None, "ditolak", refusal_grounds=["h"], refusal_reason="Data pribadi.")
    objection, _ = service.file_objection(item, grounds=["a"], case="Saya keberatan.")
    service.decide_objection(objection, staff["atasan"], "diproses", "")
    entry = ModelLogEntry.objects.get(action=service.OBJECTION_STATE_ACTION)
    assert entry.user == staff["atasan"]
    assert entry.data == {"number": objection.number, "from": "teregistrasi", "to": "diproses"}
    html = tracking(client, ppid_page, item, secret)
    assert "Sedang dipertimbangkan Atasan PPID" in html
    assert "Komisi Informasi" not in html  # no route to the KI before the decision or its lapse
