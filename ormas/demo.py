"""Demo content of the ormas register: the Data Ormas page and 30 example organisations.

Every row is invented for the demo and marked `is_example` (shown as "data contoh"); register numbers end in
"-CONTOH" and no name belongs to a real organisation or person. SKT dates are set relative to the day of the seed,
so the demo shows every status (aktif, perlu perpanjangan, kedaluwarsa) and a sanction with its decree.
"""

import datetime as dt

from django.utils import timezone
from wagtail.models import Page

from home.seeding import DEMO_NOTE
from ormas.models import Activity, LegalForm, Ormas, OrmasIndexPage, Regency, Scope

SIOLA_GUIDE_SLUG = "mendaftarkan-ormas-lewat-siola"  # news/demo.py

# (name, abbreviation, legal form, bidang, Kemendagri code, scope, kecamatan, SKT days left or None, consent)
ORGANISATIONS = [
    (
        "Perkumpulan Pemuda Peduli Kahayan",
        "P3K",
        LegalForm.SKT,
        Activity.YOUTH,
        "62.71",
        Scope.PROVINCE,
        "Jekan Raya",
        900,
        True,
    ),
    (
        "Forum Komunikasi Adat Dayak Katingan",
        "FKADK",
        LegalForm.ASSOCIATION,
        Activity.CUSTOM,
        "62.06",
        Scope.REGENCY,
        "Katingan Hilir",
        None,
        False,
    ),
    (
        "Yayasan Cahaya Pendidikan Sampit",
        "YCPS",
        LegalForm.FOUNDATION,
        Activity.EDUCATION,
        "62.02",
        Scope.REGENCY,
        "Mentawa Baru Ketapang",
        None,
        True,
    ),
    (
        "Ikatan Nelayan Pesisir Seruyan",
        "INPS",
        LegalForm.SKT,
        Activity.ECONOMY,
        "62.07",
        Scope.REGENCY,
        "Seruyan Hilir",
        45,
        False,
    ),
    (
        "Lembaga Peduli Lingkungan Barito",
        "LPLB",
        LegalForm.SKT,
        Activity.ENVIRONMENT,
        "62.05",
        Scope.REGENCY,
        "Teweh Tengah",
        1200,
        True,
    ),
    (
        "Perkumpulan Perempuan Mandiri Kapuas",
        "PPMK",
        LegalForm.ASSOCIATION,
        Activity.WOMEN,
        "62.03",
        Scope.REGENCY,
        "Selat",
        None,
        True,
    ),
    (
        "Persatuan Guru Ngaji Palangka Raya",
        "PGNP",
        LegalForm.SKT,
        Activity.RELIGION,
        "62.71",
        Scope.REGENCY,
        "Pahandut",
        80,
        False,
    ),
    (
        "Komunitas Relawan Sosial Pulang Pisau",
        "KRSPP",
        LegalForm.REPORTED,
        Activity.SOCIAL,
        "62.11",
        Scope.REGENCY,
        "Kahayan Hilir",
        None,
        False,
    ),
    (
        "Gerakan Pemuda Wawasan Kebangsaan Kalteng",
        "GPWK",
        LegalForm.SKT,
        Activity.NATIONHOOD,
        "62.71",
        Scope.PROVINCE,
        "Jekan Raya",
        -20,
        False,
    ),
    (
        "Himpunan Petani Karet Gunung Mas",
        "HPKGM",
        LegalForm.SKT,
        Activity.ECONOMY,
        "62.10",
        Scope.REGENCY,
        "Kurun",
        600,
        True,
    ),
    (
        "Yayasan Kasih Sehat Murung Raya",
        "YKSMR",
        LegalForm.FOUNDATION,
        Activity.HEALTH,
        "62.12",
        Scope.REGENCY,
        "Murung",
        None,
        False,
    ),
    (
        "Ikatan Keluarga Besar Lamandau",
        "IKBL",
        LegalForm.SKT,
        Activity.SOCIAL,
        "62.09",
        Scope.REGENCY,
        "Bulik",
        10,
        True,
    ),
    (
        "Perkumpulan Penyuluh Hukum Sukamara",
        "PPHS",
        LegalForm.ASSOCIATION,
        Activity.LAW,
        "62.08",
        Scope.REGENCY,
        "Sukamara",
        None,
        False,
    ),
    (
        "Forum Pemuda Lintas Iman Barito Timur",
        "FPLIBT",
        LegalForm.SKT,
        Activity.RELIGION,
        "62.13",
        Scope.REGENCY,
        "Dusun Timur",
        1500,
        True,
    ),
    (
        "Lembaga Adat Pangkalan Bun",
        "LAPB",
        LegalForm.REPORTED,
        Activity.CUSTOM,
        "62.01",
        Scope.DISTRICT,
        "Arut Selatan",
        None,
        False,
    ),
    (
        "Asosiasi Pengrajin Rotan Kalteng",
        "APRK",
        LegalForm.ASSOCIATION,
        Activity.ECONOMY,
        "62.71",
        Scope.PROVINCE,
        "Sebangau",
        None,
        True,
    ),
    (
        "Persatuan Bidan Desa Barito Selatan",
        "PBDBS",
        LegalForm.SKT,
        Activity.PROFESSION,
        "62.04",
        Scope.REGENCY,
        "Dusun Selatan",
        300,
        False,
    ),
    (
        "Karang Taruna Peduli Sungai Katingan",
        "KTPSK",
        LegalForm.SKT,
        Activity.YOUTH,
        "62.06",
        Scope.DISTRICT,
        "Tasik Payawan",
        70,
        False,
    ),
    (
        "Yayasan Rumah Baca Kotawaringin",
        "YRBK",
        LegalForm.FOUNDATION,
        Activity.EDUCATION,
        "62.01",
        Scope.REGENCY,
        "Kumai",
        None,
        True,
    ),
    (
        "Perkumpulan Pencinta Alam Bukit Raya",
        "PPABR",
        LegalForm.SKT,
        Activity.ENVIRONMENT,
        "62.02",
        Scope.PROVINCE,
        "Baamang",
        1000,
        False,
    ),
    (
        "Forum Kewaspadaan Warga Kapuas",
        "FKWK",
        LegalForm.SKT,
        Activity.NATIONHOOD,
        "62.03",
        Scope.REGENCY,
        "Kapuas Hilir",
        -200,
        False,
    ),
    (
        "Ikatan Alumni Sekolah Adat Seruyan",
        "IASAS",
        LegalForm.REPORTED,
        Activity.CUSTOM,
        "62.07",
        Scope.DISTRICT,
        "Danau Sembuluh",
        None,
        False,
    ),
    (
        "Gabungan Kelompok Tani Hutan Gunung Mas",
        "GKTHGM",
        LegalForm.ASSOCIATION,
        Activity.ENVIRONMENT,
        "62.10",
        Scope.REGENCY,
        "Tewah",
        None,
        False,
    ),
    (
        "Perkumpulan Penyandang Disabilitas Kalteng",
        "PPDK",
        LegalForm.ASSOCIATION,
        Activity.SOCIAL,
        "62.71",
        Scope.PROVINCE,
        "Jekan Raya",
        None,
        True,
    ),
    (
        "Majelis Taklim Nurul Iman Muara Teweh",
        "MTNI",
        LegalForm.SKT,
        Activity.RELIGION,
        "62.05",
        Scope.DISTRICT,
        "Teweh Tengah",
        500,
        False,
    ),
    (
        "Lembaga Bantuan Warga Pulang Pisau",
        "LBWPP",
        LegalForm.SKT,
        Activity.LAW,
        "62.11",
        Scope.REGENCY,
        "Maliku",
        85,
        True,
    ),
    (
        "Persatuan Olahraga Tradisional Dayak",
        "POTD",
        LegalForm.SKT,
        Activity.CUSTOM,
        "62.71",
        Scope.PROVINCE,
        "Pahandut",
        1300,
        False,
    ),
    (
        "Yayasan Gizi Anak Sukamara",
        "YGAS",
        LegalForm.FOUNDATION,
        Activity.WOMEN,
        "62.08",
        Scope.REGENCY,
        "Jelai",
        None,
        False,
    ),
    (
        "Komunitas Literasi Tamiang Layang",
        "KLTL",
        LegalForm.REPORTED,
        Activity.EDUCATION,
        "62.13",
        Scope.DISTRICT,
        "Dusun Timur",
        None,
        False,
    ),
    (
        "Ikatan Pekerja Sosial Lamandau",
        "IPSL",
        LegalForm.SKT,
        Activity.PROFESSION,
        "62.09",
        Scope.REGENCY,
        "Bulik",
        700,
        False,
    ),
]
OFFICERS = [("Andreas Liu", "Maria Ngabe", "Yusuf Tingang"), ("Dewi Sartika Lambung", "Rahmat Hidayat", "Lina Arun")]


def seed(seeder):
    home = seeder.home_page()
    guide = Page.objects.filter(slug=SIOLA_GUIDE_SLUG).live().first()
    seeder.page(
        home,
        OrmasIndexPage,
        "data-ormas",
        title="Data Ormas",
        show_in_menus=True,
        intro=(
            "Daftar organisasi kemasyarakatan yang terdaftar dan melapor ke Badan Kesbangpol Provinsi Kalimantan "
            "Tengah. " + DEMO_NOTE
        ),
        search_description="Cari ormas di Kalimantan Tengah: bentuk, status SKT, bidang kegiatan, dan wilayah.",
        guidance_page=guide,
    )
    regencies = {r.code: r for r in Regency.objects.all()}
    today = timezone.localdate()
    for n, row in enumerate(ORGANISATIONS, start=1):
        name, abbreviation, form, activity, code, scope, district, days_left, consent = row
        register_number = f"220/{n:04d}/KBP-CONTOH"
        if Ormas.objects.filter(register_number=register_number).exists():
            seeder._result(False, name)
            continue
        ormas = Ormas(
            name=name,
            abbreviation=abbreviation,
            legal_form=form,
            activity=activity,
            regency=regencies[code],
            scope=scope,
            district=district,
            register_number=register_number,
            is_example=True,
            board_term_start=dt.date(2023 + n % 3, 1 + n % 12, 1),
            board_term_end=dt.date(2028 + n % 3, 1 + n % 12, 1),
            latest_report_date=dt.date(2025, 1 + n % 12, 10) if n % 4 else None,
            contact_email=f"sekretariat@{abbreviation.lower()}.contoh.id" if n % 3 else "",
            contact_phone=f"(0536) 32{n:02d}{n % 10}0" if n % 5 == 0 else "",
            address=f"Jl. Contoh Nomor {n}, {district}",
            address_is_office=n % 2 == 0,
            officers_consent=consent,
        )
        ormas.chair_name, ormas.secretary_name, ormas.treasurer_name = OFFICERS[n % 2]
        if form in (LegalForm.ASSOCIATION, LegalForm.FOUNDATION):
            kind = "07" if form == LegalForm.ASSOCIATION else "04"
            ormas.ahu_number = f"AHU-{n:07d}.AH.01.{kind}.TAHUN 2021 (CONTOH)"
            ormas.ahu_date = dt.date(2021, 1 + n % 12, 15)
        elif form == LegalForm.SKT:
            ormas.skt_valid_until = today + dt.timedelta(days=days_left)
            ormas.skt_date = ormas.skt_valid_until - dt.timedelta(days=5 * 365)
            ormas.skt_number = f"01-00-00/{n:04d}/{ormas.skt_date.year} (CONTOH)"
            ormas.skt_issuer = "Kementerian Dalam Negeri"
        if n == 21:
            ormas.sanction = "dibekukan"
            ormas.sanction_decree_number = "100.3.4/000/2026 (CONTOH)"
            ormas.sanction_date = today - dt.timedelta(days=30)
        ormas.full_clean()
        ormas.save()
        seeder._result(True, f"ormas: {name}")
