"""The PPID desk: who sees what (anonymous, Redaksi, Petugas PPID, Atasan PPID), every state change with its
history, audit entry and mail, the extension, the logged file, walk-in entry, objections and the written notice."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from home.models import OutboxMessage
from home.seeding import simple_pdf
from ppid import service
from ppid.models import PPIDEvent, PPIDObjection, PPIDRequest
from tests.ppid.conftest import make_request

pytestmark = pytest.mark.django_db


def urls(item):
    return [
        reverse("ppid_admin:index"),
        reverse("ppid_admin:detail", args=[item.pk]),
        reverse("ppid_admin:new"),
    ]


def test_anonymous_is_sent_to_the_login(client):
    item, _ = make_request()
    for url in urls(item):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_redaksi_sees_nothing(client, staff):
    item, _ = make_request()
    client.force_login(staff["redaksi"])
    for url in [*urls(item), reverse("ppid_admin:notice", args=[item.pk])]:
        assert client.get(url).status_code == 403
    post = client.post(reverse("ppid_admin:detail", args=[item.pk]), {"action": "note", "note-text": "x"})
    assert post.status_code == 403
    assert not PPIDEvent.objects.filter(kind="note").exists()
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("ppid_admin:index") not in menu


def test_petugas_sees_the_inbox_sorted_by_due_date_with_overdue_flagged(client, staff):
    late, _ = make_request(datetime.date(2026, 1, 5))
    fresh, _ = make_request()
    client.force_login(staff["petugas"])
    assert reverse("ppid_admin:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.get(reverse("ppid_admin:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(late.number) < html.index(fresh.number)
    assert "Terlambat" in html
    filtered = client.get(reverse("ppid_admin:index"), {"state": "ditolak"}).content.decode()
    assert late.number not in filtered
    detail = client.get(reverse("ppid_admin:detail", args=[late.pk])).content.decode()
    assert late.nik in detail and "Ubah status" in detail


def test_petugas_changes_state_with_history_audit_and_mail(client, staff):
    item, _ = make_request()
    client.force_login(staff["petugas"])
    url = reverse("ppid_admin:detail", args=[item.pk])
    response = client.post(url, {"action": "state", "state-state": "diproses"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == "diproses"
    event = item.events.get(kind="state")
    assert event.user == staff["petugas"] and event.public and event.from_state == "terdaftar"
    log = ModelLogEntry.objects.get(action=service.STATE_ACTION)
    assert log.data == {"number": item.number, "from": "terdaftar", "to": "diproses"}
    assert "Rina" not in str(log.data)
    mail = OutboxMessage.objects.get(key=f"ppid:{item.number}:state:{event.pk}")
    assert mail.to == ["rina@contoh.id"] and "Diproses" in mail.body_text


def test_refusal_needs_pasal_17_grounds_and_a_consequence_test(client, staff):
    item, _ = make_request()
    client.force_login(staff["petugas"])
    url = reverse("ppid_admin:detail", args=[item.pk])
    refused = client.post(url, {"action": "state", "state-state": "ditolak"})
    assert refused.status_code == 400
    item.refresh_from_db()
    assert item.state == "terdaftar"
    ok = client.post(
        url,
        {
            "action": "state",
            "state-state": "ditolak",
            "state-refusal_grounds": ["h"],
            "state-refusal_reason": "Memuat NIK dan alamat anggota ormas.",
        },
    )
    assert ok.status_code == 302
    item.refresh_from_db()
    assert item.state == "ditolak" and item.refusal_grounds == ["h"] and item.notice_at


@pytest.mark.parametrize(
    ("path", "fields", "final"),
    [
        (
            ["diproses", "dikabulkan", "disampaikan", "selesai"],
            {"outcome_text": "Salinan PDF lewat e-mail."},
            "selesai",
        ),
        (
            ["dikabulkan_sebagian", "selesai"],
            {"outcome_text": "Daftar tanpa NIK.", "refusal_grounds": ["h"], "refusal_reason": "NIK dihitamkan."},
            "selesai",
        ),
        (["tidak_dikuasai", "selesai"], {"referral": "Dinas Kominfo Provinsi Kalimantan Tengah"}, "selesai"),
        (["menunggu_kelengkapan", "diproses", "belum_didokumentasikan"], {"text": "Lengkapi KTP."}, None),
        (["ditarik"], {"text": "Ditarik oleh pemohon lewat telepon."}, "ditarik"),
    ],
)
def test_every_state_path(staff, path, fields, final):
    item, _ = make_request()
    for state in path:
        item = service.change_state(item, staff["petugas"], state, **fields)
        assert item.state == state
    assert item.events.filter(kind="state").count() == len(path)
    if final:
        assert item.closed_at is not None and not item.allowed_transitions()


def test_forbidden_transitions_are_refused(staff):
    item, _ = make_request()
    item = service.change_state(item, staff["petugas"], "ditarik", text="Ditarik.")
    with pytest.raises(service.WorkflowError):
        service.change_state(item, staff["petugas"], "diproses")


def test_extension_from_the_desk_once(client, staff):
    item, _ = make_request()
    client.force_login(staff["petugas"])
    url = reverse("ppid_admin:detail", args=[item.pk])
    assert client.post(url, {"action": "extend", "extend-reason": ""}).status_code == 400
    assert client.post(url, {"action": "extend", "extend-reason": "Data di tiga bidang."}).status_code == 302
    item.refresh_from_db()
    assert item.is_extended and item.state == "diperpanjang" and item.due_date > item.first_due
    assert client.post(url, {"action": "extend", "extend-reason": "Lagi."}).status_code == 400
    assert ModelLogEntry.objects.filter(action=service.EXTEND_ACTION).count() == 1


def test_notes_and_unit_stay_internal(client, staff, ppid_page):
    item, secret = make_request()
    client.force_login(staff["petugas"])
    url = reverse("ppid_admin:detail", args=[item.pk])
    client.post(url, {"action": "note", "note-text": "Pemohon menelepon, minta dipercepat."})
    client.post(url, {"action": "unit", "unit-unit": "Bidang Ormas"})
    item.refresh_from_db()
    assert item.unit == "Bidang Ormas"
    client.logout()
    client.post(ppid_page.url + "lacak/", {"number": item.number, "secret": secret})
    html = client.get(ppid_page.url + f"lacak/{item.number}/").content.decode()
    assert "menelepon" not in html and "Bidang Ormas" not in html


def test_atasan_decides_objections_but_cannot_change_requests(client, staff):
    item, _ = make_request()
    objection, _ = service.file_objection(item, grounds=["c"], case="Tidak ada tanggapan.")
    client.force_login(staff["atasan"])
    url = reverse("ppid_admin:detail", args=[item.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "state", "state-state": "diproses"}).status_code == 403
    assert client.get(reverse("ppid_admin:new")).status_code == 403
    no_reason = client.post(url, {"action": "decide", "decide-objection": objection.pk, "decide-decision": "ditolak"})
    assert no_reason.status_code == 400
    response = client.post(
        url,
        {
            "action": "decide",
            "decide-objection": objection.pk,
            "decide-decision": "dikabulkan",
            "decide-reason": "PPID wajib memberi tanggapan dalam 5 hari kerja.",
        },
    )
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.state == "dikabulkan" and objection.decided_at and objection.decided_by_name == "atasan"
    assert OutboxMessage.objects.filter(key__startswith=f"ppid:{objection.number}:decided").exists()
    assert ModelLogEntry.objects.filter(action=service.DECISION_ACTION).exists()


def test_petugas_cannot_decide_objections(client, staff):
    item, _ = make_request()
    objection, _ = service.file_objection(item, grounds=["c"], case="Tidak ada tanggapan.")
    client.force_login(staff["petugas"])
    data = {"action": "decide", "decide-objection": objection.pk, "decide-decision": "dikabulkan", "decide-reason": "x"}
    assert client.post(reverse("ppid_admin:detail", args=[item.pk]), data).status_code == 403
    assert PPIDObjection.objects.get().state == "teregistrasi"


def test_every_opening_of_the_proxy_letter_is_logged(client, staff):
    upload = SimpleUploadedFile(
        "kuasa.pdf", simple_pdf("Surat kuasa", ["Contoh surat kuasa."]), content_type="application/pdf"
    )
    from home.attachments import validate_attachment

    kind = validate_attachment(upload)
    item, _secret, _ = service.submit(
        data={
            "requester_type": "perorangan",
            "name": "Budi",
            "nik": "6271015203900007",
            "address": "Palangka Raya",
            "email": "budi@contoh.id",
            "on_behalf": True,
            "information": "x",
            "purpose": "y",
            "obtain": "hardcopy",
            "delivery": "pos",
        },
        upload=upload,
        upload_kind=kind,
    )
    url = reverse("ppid_admin:proxy_letter", args=[item.pk])
    client.force_login(staff["redaksi"])
    assert client.get(url).status_code == 403
    client.force_login(staff["petugas"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    assert ModelLogEntry.objects.filter(action=service.FILE_ACTION).count() == 1
    assert item.events.filter(kind="file", public=False).count() == 1


def test_walk_in_request_entered_by_staff(client, staff):
    client.force_login(staff["petugas"])
    response = client.post(
        reverse("ppid_admin:new"),
        {
            "channel": "langsung",
            "received_on": "2026-03-11",
            "requester_type": "badan_hukum",
            "name": "Yayasan Cahaya Borneo",
            "legal_entity_sk": "AHU-0012345.AH.01.04.Tahun 2020",
            "address": "Jl. G. Obos No. 3, Palangka Raya",
            "phone": "0536 322 1234",
            "information": "SK pendaftaran ormas 2025",
            "purpose": "Arsip yayasan",
            "obtain": "hardcopy",
            "delivery": "ambil",
        },
    )
    assert response.status_code == 302
    item = PPIDRequest.objects.get()
    assert item.channel == "langsung" and item.received_on == datetime.date(2026, 3, 11)
    assert item.due_date == datetime.date(2026, 4, 1)
    assert item.events.get(kind="created").user == staff["petugas"]


def test_the_written_notice_as_page_and_pdf(client, staff, settings):
    item, _ = make_request()
    item = service.change_state(
        item,
        staff["petugas"],
        "dikabulkan_sebagian",
        outcome_text="Daftar ormas tanpa NIK pengurus.",
        refusal_grounds=["h"],
        refusal_reason="NIK pengurus adalah rahasia pribadi.",
    )
    from ppid.models import PPIDSettings

    ppid_settings = PPIDSettings.load()
    ppid_settings.atasan_name = "Drs. Contoh Pejabat, M.Si."
    ppid_settings.save()
    client.force_login(staff["petugas"])
    html = client.get(reverse("ppid_admin:notice", args=[item.pk])).content.decode()
    assert item.number in html and "Pasal 17" in html and "Drs. Contoh Pejabat, M.Si." in html
    assert "30 hari kerja" in html and "rahasia pribadi" in html
    pdf = client.get(reverse("ppid_admin:notice_pdf", args=[item.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
