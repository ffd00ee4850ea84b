"""Demo content for the PPID request service: the public page, the settings, and a few example requests.

The requests are written directly (not through ppid.service) so seeding queues no mail. Each has a fixed submission
token, so a second run finds it and changes nothing. They are example content: the requester is "Contoh Pemohon
(demo)" and each request's text says so. Dates are relative to today, so one is always late.
"""

import datetime
import uuid

from django.utils import timezone

from home.seeding import demo_note, rich
from home.tracking import hash_secret
from home.workdays import due_date
from ppid.models import PPIDEvent, PPIDObjection, PPIDRequest, PPIDRequestPage, PPIDSettings

DEMO_NAMESPACE = uuid.UUID("0b8f6a52-53c4-4f7e-9d1d-7c1f3a9e2b64")
EXAMPLE = "[Contoh konten demo] "

# (key, days ago, state, information, extra fields)
REQUESTS = [
    ("baru", 1, "terdaftar", "Daftar ormas yang terdaftar di Badan Kesbangpol Kalteng tahun 2025.", {}),
    (
        "terlambat",
        25,
        "diproses",
        "Laporan kegiatan Forum Kerukunan Umat Beragama tahun 2025.",
        {"unit": "Bidang Ideologi dan Wawasan Kebangsaan"},
    ),
    (
        "diperpanjang",
        12,
        "diperpanjang",
        "Rekapitulasi dana hibah kepada ormas tahun anggaran 2025.",
        {"extension_reason": "Data tersebar di tiga bidang dan sedang dihimpun."},
    ),
    (
        "dikabulkan",
        20,
        "dikabulkan",
        "Standar pelayanan pendaftaran ormas.",
        {"outcome_text": "Salinan PDF standar pelayanan dikirim lewat e-mail.", "fee": ""},
    ),
    (
        "ditolak",
        40,
        "ditolak",
        "Alamat rumah dan NIK pengurus sebuah ormas.",
        {
            "refusal_grounds": ["h"],
            "refusal_reason": "Alamat dan NIK pengurus adalah rahasia pribadi; membukanya merugikan pemiliknya.",
        },
    ),
]


def seed(seeder):
    settings = PPIDSettings.load()
    if not settings.atasan_name:
        settings.atasan_name = "Kepala Badan Kesbangpol Provinsi Kalimantan Tengah (contoh)"
        settings.save()
    home = seeder.home_page()
    seeder.page(
        home,
        PPIDRequestPage,
        "permohonan-informasi",
        title="Permohonan Informasi Publik",
        intro=demo_note()
        + rich(
            "Setiap warga negara Indonesia atau badan hukum Indonesia berhak meminta informasi publik kepada "
            "Badan Kesbangpol Provinsi Kalimantan Tengah (UU 14/2008). Anda mendapat nomor pendaftaran seketika "
            "dan pemberitahuan tertulis paling lambat 10 hari kerja; bila tidak puas, Anda dapat mengajukan keberatan."
        ),
        search_description="Ajukan permohonan informasi publik dan keberatan kepada PPID Badan Kesbangpol Kalteng.",
    )
    for key, days_ago, state, information, extra in REQUESTS:
        _request(seeder, key, days_ago, state, information, extra)


def _request(seeder, key, days_ago, state, information, extra):
    token = uuid.uuid5(DEMO_NAMESPACE, key)
    if PPIDRequest.objects.filter(submission_token=token).exists():
        seeder._result(False, key)
        return
    received_at = timezone.now() - datetime.timedelta(days=days_ago)
    item = PPIDRequest(
        submission_token=token,
        received_at=received_at,
        requester_type=PPIDRequest.RequesterType.PERSON,
        name="Contoh Pemohon (demo)",
        nik="6271010101900001",
        address="Jl. Contoh No. 1, Palangka Raya",
        email=f"pemohon.{key}@contoh.example",
        information=EXAMPLE + information,
        purpose=EXAMPLE + "Bahan kajian.",
        obtain=PPIDRequest.Obtain.SOFTCOPY,
        delivery=PPIDRequest.Delivery.EMAIL,
        secret_hash=hash_secret(f"demo-{key}"),
        state=state,
        unit=extra.get("unit", ""),
        outcome_text=extra.get("outcome_text", ""),
        fee=extra.get("fee", ""),
        refusal_grounds=extra.get("refusal_grounds", []),
        refusal_reason=extra.get("refusal_reason", ""),
        extension_reason=extra.get("extension_reason", ""),
    )
    if item.extension_reason:
        item.extended_at = received_at + datetime.timedelta(days=7)
    from home.models import CodeCounter

    item.number = CodeCounter.next_code(PPIDRequest.NUMBER_PREFIX, item.received_on.year)
    item.set_due_dates()
    if state in PPIDRequest.NOTICE_STATES:
        item.notice_at = received_at + datetime.timedelta(days=8)
    item.save()
    PPIDEvent.objects.create(request=item, kind=PPIDEvent.Kind.CREATED, public=True, to_state="terdaftar")
    if state != "terdaftar":
        PPIDEvent.objects.create(
            request=item, kind=PPIDEvent.Kind.STATE, public=True, from_state="terdaftar", to_state=state
        )
    if state == "ditolak":
        objection = PPIDObjection(
            request=item,
            number=CodeCounter.next_code(PPIDObjection.NUMBER_PREFIX, timezone.localdate().year),
            grounds=["a"],
            case=EXAMPLE + "Saya meminta data agregat, bukan data pribadi.",
            received_at=timezone.now() - datetime.timedelta(days=20),
        )
        objection.response_due = due_date(timezone.localdate(objection.received_at), 30)
        objection.save()
    seeder._result(True, f"permohonan informasi {item.number}")
