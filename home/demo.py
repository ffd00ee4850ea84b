"""Demo content of the site frame: settings, home page and the Profil pages.

The seed FGD story itself is a news article (news/demo.py); its text lives here because the home page's hero image
is the story's photo.
"""

import datetime

from home.models import HomePage, PrivacyNoticePage, SiteSettings, StandardPage
from home.personal_data import retention_days
from home.seeding import rich, stream

# The seed FGD story: a news article under Berita (news/demo.py), found again by this slug.
FGD_SLUG = "fgd-sinergitas-polri-dan-masyarakat-kamtibmas-kalteng"
FGD_IMAGE_TITLE = "Suasana FGD Kamtibmas di Palangka Raya"
SHARE_IMAGE_TITLE = "Gambar berbagi Kesbangpol Kalteng"
# The demo's office WhatsApp number: an example (contoh), not a real number; editors replace it in Settings.
EXAMPLE_WHATSAPP_NUMBER = "6281200000000"


def seed(seeder):
    _site_settings(seeder)
    home = seeder.home_page()
    hero = seeder.image(
        FGD_IMAGE_TITLE,
        "Sinergi Polri dan masyarakat\nuntuk Kalimantan Tengah yang kondusif",
        colours=("#0b3d63", "#2a7ab0"),
    )
    profil = seeder.page(
        home,
        StandardPage,
        "profil",
        title="Profil",
        show_in_menus=True,
        intro="Siapa kami, apa yang kami kerjakan, dan bagaimana menghubungi kami.",
        search_description="Profil Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Tengah.",
        body=stream(
            (
                "paragraph",
                rich(
                    "Badan Kesatuan Bangsa dan Politik (Kesbangpol) adalah perangkat daerah Provinsi Kalimantan "
                    "Tengah yang mengurus urusan kesatuan bangsa dan politik dalam negeri: pembinaan wawasan "
                    "kebangsaan, pemberdayaan dan pengawasan organisasi kemasyarakatan (ormas), pendidikan politik, "
                    "serta kewaspadaan dini dan penanganan konflik sosial.",
                    "Kami bekerja bersama kepolisian, TNI, tokoh masyarakat, lembaga adat Dayak, "
                    "organisasi kepemudaan, "
                    "dan lembaga kemahasiswaan di seluruh kabupaten dan kota di Kalimantan Tengah.",
                ),
            ),
        ),
    )
    seeder.page(
        profil,
        StandardPage,
        "visi-dan-misi",
        title="Visi dan Misi",
        intro="Arah kerja Badan Kesbangpol Provinsi Kalimantan Tengah.",
        body=stream(
            ("heading", {"text": "Visi", "level": "h2"}),
            (
                "quote",
                {
                    "quote": "Masyarakat Kalimantan Tengah yang bersatu, berwawasan kebangsaan, dan hidup rukun "
                    "dalam suasana yang aman dan demokratis.",
                    "attribution": "Rumusan visi (contoh konten demo)",
                },
            ),
            ("heading", {"text": "Misi", "level": "h2"}),
            (
                "paragraph",
                "<ol><li>Menguatkan wawasan kebangsaan dan nilai-nilai Pancasila di tengah masyarakat.</li>"
                "<li>Memberdayakan organisasi kemasyarakatan agar mandiri, tertib administrasi, dan berperan "
                "dalam pembangunan.</li><li>Meningkatkan pendidikan politik dan partisipasi warga dalam pemilu "
                "dan pilkada.</li><li>Mendeteksi dini dan mencegah konflik sosial bersama seluruh unsur "
                "masyarakat.</li></ol>",
            ),
        ),
    )
    seeder.page(
        profil,
        StandardPage,
        "tugas-dan-fungsi",
        title="Tugas dan Fungsi",
        intro="Bidang-bidang kerja Badan Kesbangpol dan layanan yang bisa Anda minta.",
        body=stream(
            (
                "paragraph",
                rich(
                    "Badan Kesbangpol membantu Gubernur melaksanakan urusan pemerintahan umum di bidang kesatuan "
                    "bangsa dan politik. Pekerjaan itu terbagi dalam beberapa bidang:"
                ),
            ),
            (
                "table",
                {
                    "data": [
                        ["Bidang", "Yang dikerjakan"],
                        [
                            "Ideologi dan Wawasan Kebangsaan",
                            "Pembinaan ideologi Pancasila, bela negara, dan pembauran kebangsaan.",
                        ],
                        [
                            "Ketahanan Ekonomi, Sosial, Budaya, Agama, dan Ormas",
                            "Pendaftaran, pemberdayaan, dan pengawasan ormas; kerukunan umat beragama.",
                        ],
                        [
                            "Politik Dalam Negeri",
                            "Pendidikan politik, fasilitasi pemilu dan pilkada, hubungan dengan partai politik.",
                        ],
                        [
                            "Kewaspadaan Nasional dan Penanganan Konflik",
                            "Deteksi dini, forum kewaspadaan dini masyarakat, dan penanganan konflik sosial.",
                        ],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": True,
                    "table_caption": "Bidang kerja Badan Kesbangpol",
                },
            ),
            (
                "faq",
                {
                    "title": "Pertanyaan yang sering diajukan",
                    "items": [
                        {
                            "question": "Apakah Kesbangpol menerbitkan SKT ormas?",
                            "answer": rich(
                                "Pendaftaran ormas dilakukan secara daring melalui SIOLA milik Kementerian Dalam "
                                "Negeri. Kesbangpol provinsi membantu ormas menyiapkan berkas dan mencatat "
                                "keberadaan ormas yang berkegiatan di Kalimantan Tengah."
                            ),
                        },
                        {
                            "question": "Bagaimana cara mengikuti FGD yang diadakan Kesbangpol?",
                            "answer": rich(
                                "Buka halaman Agenda Kegiatan, pilih kegiatan yang pendaftarannya dibuka, lalu isi "
                                "formulir pendaftaran. Kode pendaftaran dikirim lewat e-mail."
                            ),
                        },
                    ],
                },
            ),
        ),
    )
    kontak = seeder.page(
        home,
        StandardPage,
        "kontak",
        title="Kontak",
        show_in_menus=True,
        intro="Alamat kantor, jam layanan, dan cara menghubungi kami.",
        body=stream(
            (
                "paragraph",
                rich(
                    "Anda dapat datang langsung ke kantor pada jam layanan, menelepon, atau mengirim e-mail. "
                    "Untuk saran dan pengaduan, gunakan formulir Saran dan Pengaduan agar Anda mendapat kode "
                    "pelacakan dan jawaban tertulis."
                ),
            ),
        ),
    )
    if home.hero_image_id is None:
        home.hero_title = "Kesatuan bangsa dimulai dari kita"
        home.hero_text = rich(
            "Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Tengah mendampingi organisasi kemasyarakatan, "
            "menggelar forum dan diskusi bersama warga, dan menjaga suasana yang aman dan damai di Bumi Tambun Bungai."
        )
        home.hero_image = hero
        home.hero_image_alt = ""
        home.quick_links = stream(
            (
                "link",
                {
                    "title": "Daftar ormas lewat SIOLA",
                    "description": "Layanan daring Kementerian Dalam Negeri (situs luar).",
                    "page": None,
                    "external_url": SiteSettings.load().siola_url,
                },
            ),
            (
                "link",
                {
                    "title": "Profil Kesbangpol",
                    "description": "Tugas, fungsi, dan bidang kerja kami.",
                    "page": profil.pk,
                    "external_url": "",
                },
            ),
            (
                "link",
                {
                    "title": "Kontak dan jam layanan",
                    "description": "Alamat kantor, telepon, dan e-mail.",
                    "page": kontak.pk,
                    "external_url": "",
                },
            ),
        )
        home.search_description = (
            "Portal resmi Badan Kesbangpol Provinsi Kalimantan Tengah: berita, panduan ormas, agenda FGD, "
            "konsultasi publik, serta saran dan pengaduan."
        )
        home.save_revision().publish()
        seeder.log("  + home page content")

    _privacy_notice(seeder, home)


def fgd_story_blocks(image):
    """The seed article retold in our own words; reused by the news section."""
    return [
        (
            "paragraph",
            rich(
                "Palangka Raya — Kepala Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Tengah, Katma F. Dirun, "
                "hadir sebagai narasumber dalam focus group discussion (FGD) bertema “Membangun Sinergitas Polri dan "
                "Masyarakat Guna Mewujudkan Situasi Kamtibmas yang Kondusif di Wilayah Kalimantan Tengah”. Diskusi "
                "berlangsung pada Kamis, 16 Mei 2024, di Kahayan Ballroom Swiss-BelHotel, Jalan Tjilik Riwut Km 5, "
                "Kota Palangka Raya.",
                "Pesertanya beragam: tokoh masyarakat, organisasi masyarakat adat, organisasi kepemudaan (OKP), serta "
                "perwakilan BEM, SENAT, dan DEMA dari perguruan tinggi negeri dan swasta di Palangka Raya.",
            ),
        ),
        (
            "image",
            {
                "image": image.pk,
                "alt_text": "Ilustrasi suasana diskusi FGD Kamtibmas di Palangka Raya",
                "decorative": False,
                "caption": "Ilustrasi kegiatan FGD",
                "credit": "Humas Kesbangpol (gambar demo)",
            },
        ),
        ("heading", {"text": "Ormas sebagai mitra menjaga Kamtibmas", "level": "h2"}),
        (
            "paragraph",
            rich(
                "Dalam paparannya, Katma menekankan bahwa pembinaan dan pengawasan ormas perlu dikerjakan bersama "
                "agar keamanan dan ketertiban masyarakat (Kamtibmas) di Kalimantan Tengah tetap terjaga, terlebih "
                "menjelang Pilkada Serentak 2024.",
                "Ia menjelaskan bahwa Badan Kesbangpol telah memaksimalkan SIOLA (Sistem Informasi Online Layanan "
                "Administrasi) untuk pendaftaran ormas. Layanan ini juga dipakai untuk memperkuat kapasitas, "
                "ketahanan, dan kemandirian ormas, sekaligus memantau keberadaan dan kegiatan ormas di tingkat "
                "provinsi, kabupaten, dan kota.",
            ),
        ),
        ("heading", {"text": "Tim Terpadu Pengawasan Ormas", "level": "h2"}),
        (
            "paragraph",
            rich(
                "Badan Kesbangpol juga telah membentuk Tim Terpadu Pengawasan Organisasi Kemasyarakatan. Jumlah ormas "
                "terus bertambah dan kegiatannya makin beragam, sehingga tata kelolanya perlu lebih baik. Tim ini "
                "mengawasi kegiatan ormas yang menyimpang dari tujuan, fungsi, dan asasnya, serta melakukan deteksi "
                "dini dan langkah antisipasi terhadap pelanggaran sesuai aturan yang berlaku.",
            ),
        ),
        # Reported speech, not a quote block: we retell the source's story and do not put words in his mouth.
        (
            "paragraph",
            rich(
                "Menurut Katma, pemberdayaan ormas penting untuk mendukung Pemilu dan Pilkada Serentak 2024 yang aman "
                "dan adil bagi seluruh warga negara.",
            ),
        ),
    ]


def _privacy_notice(seeder, home):
    h = "heading"
    p = "paragraph"
    seeder.page(
        home,
        PrivacyNoticePage,
        "pemberitahuan-privasi",
        title="Pemberitahuan Privasi",
        version="2026-11",
        effective_date=datetime.date(2026, 11, 1),
        intro=(
            "Bagaimana Badan Kesbangpol Provinsi Kalimantan Tengah memproses data pribadi yang Anda berikan lewat "
            "situs ini, sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi."
        ),
        body=stream(
            (h, {"text": "Siapa pengendali data", "level": "h2"}),
            (
                p,
                rich(
                    "Pengendali data pribadi adalah Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Tengah. "
                    "Alamat dan kontak kami tercantum di bagian bawah setiap halaman."
                ),
            ),
            (h, {"text": "Dasar pemrosesan", "level": "h2"}),
            (
                p,
                rich(
                    "Kami memproses data pribadi atas dasar persetujuan yang Anda berikan secara tegas di "
                    "setiap formulir, dan untuk menjalankan tugas dan kewenangan kami sebagai perangkat daerah "
                    "di bidang kesatuan bangsa dan politik."
                ),
            ),
            (h, {"text": "Data apa dan untuk apa", "level": "h2"}),
            (
                p,
                "<ul><li>Pendaftaran kegiatan (FGD, forum, sosialisasi): nama, e-mail, nomor telepon/WhatsApp, "
                "instansi atau organisasi, dan kategori peserta — untuk mengatur kursi, mengirim konfirmasi, "
                "tautan kegiatan daring, pengingat, dan daftar hadir.</li>"
                "<li>Saran dan pengaduan: isi pesan, lampiran bila ada, serta nama dan kontak bila Anda "
                "memberikannya — untuk menindaklanjuti dan menjawab. Anda boleh mengirim secara anonim.</li>"
                "<li>Tanggapan konsultasi publik: jawaban Anda dan, bila Anda memberikannya, e-mail untuk tanda "
                "terima.</li>"
                "<li>Permohonan informasi publik dan keberatan (PPID): nama, NIK atau nomor SK badan hukum, "
                "alamat, pekerjaan, telepon/e-mail dan surat kuasa bila ada — untuk melayani permohonan sesuai "
                "UU 14/2008 tentang Keterbukaan Informasi Publik. Hanya petugas PPID yang melihatnya; halaman "
                "pelacakan tidak pernah menampilkannya.</li></ul>",
            ),
            (
                p,
                rich(
                    "Kami tidak menjual data pribadi, tidak memakainya untuk iklan, dan tidak memasang pelacak atau "
                    "analitik pihak ketiga di situs ini."
                ),
            ),
            (h, {"text": "Berapa lama disimpan", "level": "h2"}),
            (
                p,
                # The periods purge_personal_data applies (home/personal_data.py), so the notice keeps its word.
                rich(
                    f"Data peserta kegiatan dianonimkan {retention_days('event')} hari setelah kegiatan selesai, "
                    f"dan tanggapan konsultasi {retention_days('consultation')} hari setelah konsultasi ditutup. "
                    f"Nama, kontak dan lampiran saran atau pengaduan dihapus {retention_days('feedback')} hari "
                    "setelah laporan ditutup; kode, topik dan riwayat penanganannya tetap, tanpa data pribadi. "
                    f"Identitas, kontak dan surat kuasa pemohon informasi publik dihapus {retention_days('ppid')} "
                    "hari setelah permohonannya selesai; nomor, status dan alasan jawaban tetap untuk register PPID. "
                    "Yang tersisa hanya angka rekapitulasi tanpa nama."
                ),
            ),
            (h, {"text": "Hak Anda", "level": "h2"}),
            (
                p,
                rich(
                    "Anda berhak meminta informasi tentang data Anda, mendapat salinannya, memperbaiki data yang "
                    "keliru, meminta penghapusan, menarik persetujuan, dan mengajukan keberatan. Kirim permintaan "
                    "ke pejabat pelindungan data pribadi di bawah ini; kami menindaklanjutinya dalam jangka waktu "
                    "yang ditetapkan peraturan perundang-undangan."
                ),
            ),
            (h, {"text": "Pejabat pelindungan data pribadi", "level": "h2"}),
            (
                p,
                rich(
                    "Pejabat Pelindungan Data Pribadi Badan Kesbangpol Provinsi Kalimantan Tengah, e-mail "
                    "ppdp@kesbangpol.kalteng.example (alamat contoh pada konten demo)."
                ),
            ),
        ),
    )


# The office hours the footer shows. Friday until 16.00 is what the published outcome of the demo consultation
# "Jam dan Cara Layanan Kesbangpol" (consultations/demo.py) announces: that decision is the later fact, so the
# settings follow it. Sites seeded before, which still show the Friday hours it replaced, are brought up to date.
OFFICE_HOURS = "Senin–Jumat: 07.30–16.00 WIB"
FORMER_OFFICE_HOURS = "Senin–Kamis: 07.30–16.00 WIB\nJumat: 07.30–11.00 WIB"


def _site_settings(seeder):
    settings = SiteSettings.load()
    if settings.address:
        if settings.office_hours == FORMER_OFFICE_HOURS:
            settings.office_hours = OFFICE_HOURS
            settings.save()
            seeder.log("  + office hours as the consultation outcome announced")
        seeder.kept += 1
    else:
        settings.address = (
            "Kompleks Perkantoran Pemerintah Provinsi Kalimantan Tengah\nPalangka Raya, Kalimantan Tengah"
        )
        settings.phone = "(0536) 000-0000 (contoh)"
        settings.email = "kesbangpol@kalteng.example"
        settings.office_hours = OFFICE_HOURS
        settings.save()
        seeder.created += 1
        seeder.log("  + site settings")
    # Filled in on demo sites seeded before these settings existed too.
    changed = []
    if not settings.whatsapp_number:
        # An example (contoh), like the phone number above: all zeros, nobody's real number.
        settings.whatsapp_number = EXAMPLE_WHATSAPP_NUMBER
        changed.append("whatsapp_number")
    if settings.share_image_id is None:
        settings.share_image = seeder.image(
            SHARE_IMAGE_TITLE, "Badan Kesbangpol\nProvinsi Kalimantan Tengah", size=(1200, 630)
        )
        changed.append("share_image")
    if changed:
        settings.save(update_fields=changed)


# The order of the main menu once every app has added its section: what citizens look for first, contact last.
MENU_ORDER = [
    "profil",
    "berita",
    "agenda-kegiatan",
    "konsultasi-publik",
    "panduan-ormas",
    "data-ormas",
    "saran-dan-pengaduan",
    "ppid",
    "data-dan-statistik",
    "kontak",
]


def arrange_menu(seeder):
    """Put the home page's children in MENU_ORDER (others keep their place after them). Runs after every app's
    seed, and only moves pages when the order differs, so a second run changes nothing."""
    home = HomePage.objects.first()
    if home is None:
        return
    children = list(home.get_children())
    rank = {slug: i for i, slug in enumerate(MENU_ORDER)}
    wanted = sorted(children, key=lambda p: rank.get(p.slug, len(MENU_ORDER)))
    if [p.pk for p in wanted] == [p.pk for p in children]:
        seeder._result(False, "menu order")
        return
    for page in wanted:
        page.refresh_from_db()
        page.move(home, pos="last-child")
    seeder._result(True, "menu order")
