"""Demo content of the PPID service.

The catalogue: the PPID page, its profile, service charter, procedures and channels, and a few entries of the Daftar
Informasi Publik and the Daftar Informasi yang Dikecualikan. Every page opens with the demo note (home/seeding.py)
and every list entry's text says "Contoh konten demo": the decree numbers, names and documents are invented. The
deadlines stated are the law's (UU 14/2008 Pasal 22, 35–38). One berkala entry is dated eight months back, so the
admin's "needs an update" flag shows in the demo.

The request service: the public request page, the settings, and a few example requests. The requests are written
directly (not through ppid.service) so seeding queues no mail. Each has a fixed submission token, so a second run
finds it and changes nothing. The requester is "Contoh Pemohon (demo)" and each request's text says so. Dates are
relative to today, so one is always late.
"""

import datetime
import uuid

from django.utils import timezone

from home.models import StandardPage
from home.seeding import demo_note, rich, simple_pdf, stream, with_demo_note
from home.tracking import hash_secret
from home.workdays import due_date
from ppid.models import (
    ExemptInformation,
    InformationCategory,
    InformationItem,
    PPIDEvent,
    PPIDObjection,
    PPIDPage,
    PPIDRequest,
    PPIDRequestPage,
    PPIDSettings,
    months_before,
)


def seed(seeder):
    seed_catalogue(seeder)
    seed_requests(seeder)


DEMO = "Contoh konten demo."


def seed_catalogue(seeder):
    home = seeder.home_page()
    ppid = seeder.page(
        home,
        PPIDPage,
        "ppid",
        title="PPID",
        show_in_menus=True,
        intro="Pejabat Pengelola Informasi dan Dokumentasi: cara memperoleh informasi publik dari Badan Kesbangpol.",
        search_description="Layanan informasi publik Badan Kesbangpol Provinsi Kalimantan Tengah (UU 14/2008).",
        body=with_demo_note(
            stream(
                (
                    "paragraph",
                    rich(
                        "Setiap orang berhak memperoleh informasi publik (Undang-Undang Nomor 14 Tahun 2008 tentang "
                        "Keterbukaan Informasi Publik). PPID Badan Kesbangpol mengumumkan informasi berkala, "
                        "menyampaikan informasi serta merta, dan melayani permohonan informasi setiap saat.",
                        "Lihat dulu Daftar Informasi Publik: banyak informasi dapat langsung diunduh tanpa permohonan. "
                        "Layanan informasi tidak dipungut biaya.",
                    ),
                ),
            )
        ),
    )
    _sections(seeder, ppid)
    _items(seeder)
    _exempt(seeder)


def _sections(seeder, ppid):
    seeder.page(
        ppid,
        StandardPage,
        "profil-ppid",
        title="Profil PPID",
        intro="Dasar hukum, surat keputusan, dan struktur PPID Badan Kesbangpol.",
        body=with_demo_note(
            stream(
                ("heading", {"text": "Dasar hukum", "level": "h2"}),
                (
                    "paragraph",
                    "<ul><li>Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik</li>"
                    "<li>Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan UU 14/2008</li>"
                    "<li>Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik</li>"
                    "<li>Peraturan Daerah Provinsi Kalimantan Tengah Nomor 5 Tahun 2013</li></ul>",
                ),
                ("heading", {"text": "Surat keputusan", "level": "h2"}),
                (
                    "paragraph",
                    rich(
                        "PPID Pelaksana Badan Kesbangpol ditetapkan dengan Keputusan Kepala Badan Nomor "
                        "000/000/KESBANGPOL/2026 (nomor contoh). Salinan keputusan diunggah editor setelah ditetapkan."
                    ),
                ),
                ("heading", {"text": "Struktur", "level": "h2"}),
                (
                    "table",
                    {
                        "data": [
                            ["Jabatan dalam PPID", "Dijabat oleh"],
                            ["Atasan PPID", "Kepala Badan Kesbangpol Provinsi Kalimantan Tengah"],
                            ["PPID Pelaksana", "Sekretaris Badan Kesbangpol"],
                            ["Petugas layanan informasi", "Subbagian Umum dan Kepegawaian"],
                        ],
                        "first_row_is_table_header": True,
                        "first_col_is_header": True,
                        "table_caption": "Struktur PPID Badan Kesbangpol (contoh)",
                    },
                ),
                (
                    "paragraph",
                    rich(
                        "Keberatan atas layanan informasi diajukan kepada Atasan PPID (UU 14/2008 Pasal 36). "
                        "Di atas PPID Pelaksana ini berdiri PPID Utama Pemerintah Provinsi Kalimantan Tengah."
                    ),
                ),
            )
        ),
    )
    seeder.page(
        ppid,
        StandardPage,
        "maklumat-pelayanan",
        title="Maklumat Pelayanan Informasi Publik",
        intro="Janji layanan kami: waktu, biaya, dan jaminan layanan informasi publik.",
        body=with_demo_note(
            stream(
                (
                    "quote",
                    {
                        "quote": "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan informasi publik "
                        "sesuai standar pelayanan yang telah ditetapkan, dan apabila tidak menepati janji ini kami "
                        "siap menerima sanksi sesuai peraturan perundang-undangan yang berlaku.",
                        "attribution": "Kepala Badan Kesbangpol Provinsi Kalimantan Tengah (rumusan contoh)",
                    },
                ),
                (
                    "paragraph",
                    "<ul><li>Dasar hukum: UU 14/2008 dan Peraturan Komisi Informasi Nomor 1 Tahun 2021.</li>"
                    "<li>Waktu penyelesaian: pemberitahuan tertulis paling lambat 10 hari kerja sejak permohonan "
                    "diterima, dapat diperpanjang 7 hari kerja dengan alasan tertulis.</li>"
                    "<li>Biaya: gratis. Salinan cetak atau kiriman pos, bila diminta, dibayar sesuai biaya nyata.</li>"
                    "<li>Evaluasi kinerja: laporan layanan informasi publik setiap tahun.</li></ul>",
                ),
            )
        ),
    )
    seeder.page(
        ppid,
        StandardPage,
        "prosedur-layanan",
        title="Prosedur Permohonan, Keberatan, dan Sengketa",
        intro="Langkah dan batas waktu permohonan informasi, keberatan, dan penyelesaian sengketa.",
        body=with_demo_note(
            stream(
                ("heading", {"text": "Permohonan informasi", "level": "h2"}),
                (
                    "paragraph",
                    "<ol><li>Ajukan permohonan secara daring, lewat e-mail, atau datang ke kantor, dengan identitas "
                    "(KTP, atau akta badan hukum).</li><li>Anda menerima nomor pendaftaran permohonan.</li>"
                    "<li>Paling lambat 10 hari kerja, PPID memberi pemberitahuan tertulis; dapat diperpanjang "
                    "7 hari kerja dengan alasan tertulis (UU 14/2008 Pasal 22).</li></ol>",
                ),
                ("heading", {"text": "Keberatan", "level": "h2"}),
                (
                    "paragraph",
                    "<ol><li>Jika permohonan ditolak, tidak ditanggapi, atau tidak dipenuhi sebagaimana mestinya "
                    "(Pasal 35), ajukan keberatan kepada Atasan PPID paling lambat 30 hari kerja.</li>"
                    "<li>Atasan PPID menanggapi secara tertulis paling lambat 30 hari kerja (Pasal 36).</li></ol>",
                ),
                ("heading", {"text": "Sengketa informasi", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Jika tidak puas dengan tanggapan Atasan PPID, ajukan penyelesaian sengketa kepada Komisi "
                    "Informasi Provinsi Kalimantan Tengah paling lambat 14 hari kerja sejak tanggapan diterima "
                    "(Pasal 37).</p>",
                ),
            )
        ),
    )
    seeder.page(
        ppid,
        StandardPage,
        "saluran-dan-biaya-layanan",
        title="Saluran, Jam, dan Biaya Layanan",
        intro="Cara menghubungi PPID, jam layanan, dan biaya.",
        body=with_demo_note(
            stream(
                (
                    "table",
                    {
                        "data": [
                            ["Saluran", "Keterangan"],
                            ["Datang langsung", "Meja layanan informasi, kantor Badan Kesbangpol, Palangka Raya"],
                            ["E-mail", "ppid@contoh.kaltengprov.go.id (alamat contoh)"],
                            ["Formulir daring", "Menu PPID › Ajukan permohonan informasi"],
                        ],
                        "first_row_is_table_header": True,
                        "first_col_is_header": True,
                        "table_caption": "Saluran layanan informasi",
                    },
                ),
                (
                    "paragraph",
                    rich(
                        "Jam layanan: Senin–Kamis 08.00–15.00 WIB, Jumat 08.00–11.00 WIB, kecuali hari libur "
                        "nasional dan cuti bersama.",
                        "Biaya: layanan informasi tidak dipungut biaya. Jika Anda meminta salinan cetak atau "
                        "kiriman pos, biaya penggandaan dan pengiriman dibayar sesuai biaya nyata.",
                    ),
                ),
            )
        ),
    )


def _pdf(seeder, title):
    return seeder.document(
        title,
        "".join(c if c.isalnum() else "-" for c in title.lower()) + ".pdf",
        simple_pdf(title, ["Contoh konten demo Portal Kesbangpol Kalteng.", "Dokumen ini bukan dokumen resmi."]),
    )


def _items(seeder):
    today = timezone.localdate()
    year = today.year
    entries = [
        (
            "Profil Badan Kesbangpol Provinsi Kalimantan Tengah",
            "Kedudukan, tugas, fungsi, struktur organisasi, dan profil singkat pejabat struktural.",
            InformationCategory.BERKALA,
            "berkala_profil",
            "Sekretariat",
            year,
            today,
        ),
        (
            "Rencana Kerja Badan Kesbangpol",
            "Program dan kegiatan tahun berjalan beserta indikator dan anggarannya.",
            InformationCategory.BERKALA,
            "berkala_program",
            "Subbagian Program dan Keuangan",
            year,
            months_before(today, 8),
        ),
        (
            "Ringkasan Laporan Keuangan",
            "Ringkasan realisasi anggaran tahun lalu.",
            InformationCategory.BERKALA,
            "berkala_keuangan",
            "Subbagian Program dan Keuangan",
            year - 1,
            months_before(today, 2),
        ),
        (
            "Prosedur peringatan dini dan evakuasi keadaan darurat kantor",
            "Jalur evakuasi, titik kumpul, dan petugas keadaan darurat di kantor Badan Kesbangpol.",
            InformationCategory.BERKALA,
            "berkala_darurat",
            "Subbagian Umum dan Kepegawaian",
            year,
            today,
        ),
        (
            "Imbauan kewaspadaan menghadapi cuaca ekstrem",
            "Imbauan kepada ormas dan masyarakat tentang kesiapsiagaan bencana banjir dan kebakaran hutan.",
            InformationCategory.SERTA_MERTA,
            "serta_merta_bencana",
            "Bidang Kewaspadaan Nasional dan Penanganan Konflik",
            year,
            today,
        ),
        (
            "Keputusan pembentukan Forum Kewaspadaan Dini Masyarakat",
            "Keputusan Gubernur tentang susunan FKDM provinsi beserta pertimbangannya.",
            InformationCategory.SETIAP_SAAT,
            "setiap_saat_keputusan",
            "Bidang Kewaspadaan Nasional dan Penanganan Konflik",
            year - 1,
            months_before(today, 10),
        ),
        (
            "Perjanjian kerja sama penyelenggaraan pendidikan politik",
            "Naskah perjanjian dengan perguruan tinggi mitra untuk pendidikan politik pemilih pemula.",
            InformationCategory.SETIAP_SAAT,
            "setiap_saat_perjanjian",
            "Bidang Politik Dalam Negeri",
            year,
            today,
        ),
    ]
    for title, summary, category, subcategory, unit, item_year, updated in entries:
        seeder.get_or_create(
            InformationItem,
            title=title,
            defaults={
                "summary": f"{DEMO} {summary}",
                "category": category,
                "subcategory": subcategory,
                "holding_unit": unit,
                "responsible_person": f"Kepala {unit}",
                "made_when_where": f"Palangka Raya, {item_year}",
                "form": InformationItem.Form.BOTH,
                "retention_period": "5 tahun (contoh)",
                "year": item_year,
                "document": _pdf(seeder, f"{title} (contoh)"),
                "last_updated": updated,
            },
        )


def _exempt(seeder):
    seeder.get_or_create(
        ExemptInformation,
        information="Data pribadi pengurus ormas dalam berkas pendaftaran (NIK, alamat rumah, nomor telepon)",
        defaults={
            "ground": ExemptInformation.Ground.H,
            "legal_basis": "UU 14/2008 Pasal 17 huruf h; UU 27/2022 tentang Pelindungan Data Pribadi",
            "consequence": f"{DEMO} Membuka data ini dapat mengungkap rahasia pribadi pengurus dan disalahgunakan.",
            "exemption_period": "Selama pengurus tidak memberi persetujuan tertulis",
            "consequence_test": _pdf(seeder, "Lembar uji konsekuensi data pribadi pengurus ormas (contoh)"),
            "decree_number": "000/001/KESBANGPOL/2026 (contoh)",
            "decree_date": datetime.date(2026, 1, 15),
        },
    )
    seeder.get_or_create(
        ExemptInformation,
        information="Laporan hasil deteksi dini potensi konflik sosial yang masih ditindaklanjuti",
        defaults={
            "ground": ExemptInformation.Ground.C,
            "legal_basis": "UU 14/2008 Pasal 17 huruf c; UU 7/2012 tentang Penanganan Konflik Sosial",
            "consequence": f"{DEMO} Membuka laporan sebelum penanganan selesai dapat memicu konflik dan "
            "membahayakan keamanan.",
            "exemption_period": "3 tahun sejak laporan dibuat",
            "consequence_test": _pdf(seeder, "Lembar uji konsekuensi laporan deteksi dini (contoh)"),
            "decree_number": "000/002/KESBANGPOL/2026 (contoh)",
            "decree_date": datetime.date(2026, 1, 15),
        },
    )


DEMO_NAMESPACE = uuid.UUID("0b8f6a52-53c4-4f7e-9d1d-7c1f3a9e2b64")
EXAMPLE = "[Contoh konten demo] "

# (key, days ago, state, information, extra fields). Every one gets a public summary, so the register of requests
# and the statistics pages (ppid/public_reports.py) show rows for this year; "tahun-lalu" fills last year's
# annual report.
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
    (
        "tahun-lalu",
        380,
        "dikabulkan",
        "Jumlah ormas terdaftar per kabupaten/kota.",
        {"outcome_text": "Tabel rekapitulasi dikirim lewat e-mail.", "fee": ""},
    ),
]


def seed_requests(seeder):
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
        public_summary=EXAMPLE + information,
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
