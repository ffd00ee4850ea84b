"""Demo content of the news app: Berita with eight articles (the seed FGD story among them), the Panduan Ormas
guides with their templates, the SIOLA readiness self-check.

The guides are written from public facts: UU 17/2013 on ormas as amended by UU 16/2017, and Permendagri 57/2017
on ormas registration. They cite no article numbers; where the rules are detailed or change, they send the reader
to SIOLA and to our office. Stories other than the FGD one are invented for the demo and say so in their source.
"""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from wagtail.models import Page

from home.demo import FGD_IMAGE_TITLE, FGD_SLUG, fgd_story_blocks
from home.seeding import DEMO_SOURCE, rich, simple_pdf, stream, with_demo_note

from .models import (
    GuidanceIndexPage,
    GuidancePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageRelatedLink,
    ReadinessCheckPage,
)

WIB = ZoneInfo("Asia/Jakarta")

UU_ORMAS = {
    "name": "Undang-Undang Nomor 17 Tahun 2013 tentang Organisasi Kemasyarakatan",
    "note": "sebagaimana telah diubah dengan Undang-Undang Nomor 16 Tahun 2017",
    "url": "",
    "document": None,
}
PERMENDAGRI_57 = {
    "name": "Peraturan Menteri Dalam Negeri Nomor 57 Tahun 2017 tentang Pendaftaran dan Pengelolaan Sistem "
    "Informasi Organisasi Kemasyarakatan",
    "note": "",
    "url": "",
    "document": None,
}


def wib(year, month, day, hour=9, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


def seed(seeder):
    home = seeder.home_page()
    categories = _categories(seeder)
    berita = _section(
        seeder,
        home,
        NewsIndexPage,
        "berita",
        title="Berita",
        show_in_menus=True,
        intro="Kabar kegiatan, pengumuman, dan siaran pers Badan Kesbangpol Provinsi Kalimantan Tengah.",
        search_description="Berita, pengumuman, dan siaran pers Badan Kesbangpol Provinsi Kalimantan Tengah.",
    )
    panduan = _section(
        seeder,
        home,
        GuidanceIndexPage,
        "panduan-ormas",
        title="Panduan Ormas",
        show_in_menus=True,
        intro=(
            "Langkah demi langkah mendaftarkan organisasi kemasyarakatan, menyiapkan berkas SKT, dan menjalankan "
            "kewajiban tahunan ormas."
        ),
    )
    documents = _documents(seeder)
    guides = _guidance(seeder, panduan, documents)
    # The site-wide banner is seeded with the events (events/demo.py): it leads to the FGD whose
    # registration is open, which a visitor can really register for.
    _news(seeder, berita, categories, guides)
    _retire_stale_announcement(seeder, berita)


# Seeded by earlier versions of this file: a June 2024 article saying registration is open for an FGD that is in
# no agenda, pinned for 60 days from the day of seeding. A site seeded then stops publishing it.
STALE_ANNOUNCEMENT_SLUG = "pendaftaran-fgd-pilkada-damai-dibuka"


def _retire_stale_announcement(seeder, berita):
    stale = Page.objects.child_of(berita).live().filter(slug=STALE_ANNOUNCEMENT_SLUG).first()
    if stale is not None:
        stale.specific.unpublish()
        seeder.log(f"  - unpublished: {stale.title}")


def _section(seeder, home, model, slug, **fields):
    """A section index under the home page; a new one goes before Kontak, so the menu ends with Kontak."""
    is_new = not Page.objects.child_of(home).filter(slug=slug).exists()
    page = seeder.page(home, model, slug, **fields)
    kontak = Page.objects.child_of(home).filter(slug="kontak").first()
    if is_new and kontak is not None:
        page.move(kontak, pos="left")
        page = model.objects.get(pk=page.pk)
    return page


def _categories(seeder):
    """The migration creates these; the seed makes sure they exist even if an editor removed one."""
    wanted = [("berita", "Berita", 10), ("pengumuman", "Pengumuman", 20), ("siaran-pers", "Siaran Pers", 30)]
    return {
        slug: seeder.get_or_create(NewsCategory, defaults={"name": name, "sort_order": order}, slug=slug)
        for slug, name, order in wanted
    }


def _documents(seeder):
    def pdf(title, filename, lines):
        return seeder.document(title, filename, simple_pdf(title, lines))

    return {
        "sengketa": pdf(
            "Contoh Surat Pernyataan Tidak Dalam Sengketa Kepengurusan",
            "contoh-pernyataan-tidak-dalam-sengketa.pdf",
            [
                "Yang bertanda tangan di bawah ini, ketua dan sekretaris organisasi:",
                "Nama organisasi : ....................................................",
                "Alamat sekretariat : ..................................................",
                "menyatakan bahwa organisasi kami tidak sedang dalam sengketa kepengurusan",
                "dan tidak sedang dalam perkara di pengadilan.",
                "",
                "Palangka Raya, ........................",
                "Ketua (tanda tangan dan nama)          Sekretaris (tanda tangan dan nama)",
                "",
                "Contoh dari portal Kesbangpol Kalteng. Sesuaikan dengan format terbaru di SIOLA.",
            ],
        ),
        "kesanggupan": pdf(
            "Contoh Surat Pernyataan Kesanggupan Melaporkan Kegiatan",
            "contoh-pernyataan-kesanggupan-melapor.pdf",
            [
                "Yang bertanda tangan di bawah ini, ketua dan sekretaris organisasi:",
                "Nama organisasi : ....................................................",
                "menyatakan sanggup melaporkan kegiatan organisasi secara berkala",
                "kepada pemerintah sesuai ketentuan peraturan perundang-undangan.",
                "",
                "Palangka Raya, ........................",
                "Ketua (tanda tangan dan nama)          Sekretaris (tanda tangan dan nama)",
                "",
                "Contoh dari portal Kesbangpol Kalteng. Sesuaikan dengan format terbaru di SIOLA.",
            ],
        ),
        "laporan": pdf(
            "Format Laporan Kegiatan Tahunan Ormas",
            "format-laporan-kegiatan-tahunan-ormas.pdf",
            [
                "1. Identitas organisasi: nama, nomor SKT atau badan hukum, alamat, kontak.",
                "2. Susunan pengurus yang menjabat dan perubahan selama tahun berjalan.",
                "3. Kegiatan yang dilaksanakan: nama, waktu, tempat, jumlah peserta, hasil.",
                "4. Sumber dan penggunaan dana kegiatan secara ringkas.",
                "5. Kerja sama dengan pemerintah atau pihak lain.",
                "6. Rencana kegiatan tahun berikutnya.",
                "7. Lampiran: foto kegiatan, daftar hadir, salinan surat penting.",
                "",
                "Ditandatangani ketua dan sekretaris, dibubuhi cap organisasi.",
            ],
        ),
        "daftar_periksa": pdf(
            "Daftar Periksa Berkas Pendaftaran Ormas",
            "daftar-periksa-berkas-ormas.pdf",
            [
                "[ ] Akta pendirian dari notaris yang memuat AD atau AD dan ART",
                "[ ] Program kerja",
                "[ ] Susunan pengurus",
                "[ ] Surat keterangan domisili sekretariat",
                "[ ] NPWP atas nama organisasi",
                "[ ] Surat pernyataan tidak dalam sengketa kepengurusan atau perkara di pengadilan",
                "[ ] Surat pernyataan kesanggupan melaporkan kegiatan",
                "",
                "Periksa daftar lengkap dan format terbaru di SIOLA sebelum mengunggah berkas.",
            ],
        ),
    }


def _legal_basis():
    return ("legal_basis", {"title": "Dasar hukum", "references": [UU_ORMAS, PERMENDAGRI_57]})


def _siola_block(description):
    # An empty url means "the SIOLA address from the site settings".
    return (
        "external_service",
        {"service_name": "SIOLA", "description": description, "url": "", "link_text": "Buka SIOLA"},
    )


def _guidance(seeder, panduan, documents):
    check = seeder.page(
        panduan,
        ReadinessCheckPage,
        "cek-kesiapan-siola",
        title="Cek Kesiapan Mendaftar di SIOLA",
        intro=(
            "Centang berkas yang sudah dimiliki organisasi Anda. Hasilnya menunjukkan apa yang masih kurang "
            "sebelum Anda mendaftar di SIOLA."
        ),
        last_reviewed=wib(2024, 6, 10).date(),
        items=json.dumps([{"type": "item", "id": item_id, "value": value} for item_id, value in _readiness_items()]),
        ready_text=rich(
            "Berkas pokok Anda tampak lengkap. Pindai setiap dokumen dengan jelas (PDF), lalu daftarkan "
            "organisasi Anda di SIOLA. Simpan nomor pendaftaran yang Anda terima."
        ),
    )
    siola = seeder.page(
        panduan,
        GuidancePage,
        "mendaftarkan-ormas-lewat-siola",
        title="Mendaftarkan Ormas melalui SIOLA",
        intro=(
            "Untuk pengurus organisasi kemasyarakatan yang belum berbadan hukum dan ingin memperoleh Surat "
            "Keterangan Terdaftar (SKT) secara daring."
        ),
        last_reviewed=wib(2024, 6, 10).date(),
        body=stream(
            (
                "paragraph",
                rich(
                    "Organisasi kemasyarakatan (ormas) dapat berbentuk badan hukum, yaitu perkumpulan atau yayasan "
                    "yang disahkan oleh kementerian yang membidangi hukum, atau tidak berbadan hukum. Ormas yang "
                    "tidak berbadan hukum mendaftar secara daring melalui SIOLA, layanan Kementerian Dalam Negeri, "
                    "dan menerima Surat Keterangan Terdaftar (SKT).",
                    "Badan Kesbangpol Provinsi Kalimantan Tengah membantu Anda menyiapkan berkas dan menjawab "
                    "pertanyaan selama proses pendaftaran. Layanan pendampingan ini tidak dipungut biaya.",
                ),
            ),
            (
                "steps",
                {
                    "title": "Langkah pendaftaran",
                    "steps": [
                        {
                            "title": "Periksa kesiapan berkas",
                            "text": rich(
                                "Gunakan halaman Cek Kesiapan Mendaftar di SIOLA untuk melihat berkas yang masih "
                                "kurang."
                            ),
                        },
                        {
                            "title": "Pindai semua dokumen",
                            "text": rich(
                                "Pindai dokumen asli yang sudah ditandatangani menjadi berkas PDF yang jelas dan "
                                "mudah dibaca. Beri nama berkas sesuai isinya."
                            ),
                        },
                        {
                            "title": "Buat akun dan isi formulir di SIOLA",
                            "text": rich(
                                "Gunakan alamat e-mail dan nomor telepon organisasi yang aktif, karena "
                                "pemberitahuan dikirim ke sana."
                            ),
                        },
                        {
                            "title": "Unggah berkas dan kirim permohonan",
                            "text": rich("Periksa kembali data yang Anda isi sebelum mengirim permohonan."),
                        },
                        {
                            "title": "Pantau status permohonan",
                            "text": rich(
                                "Jika petugas meminta perbaikan, lengkapi berkas sesuai catatan lalu kirim ulang. "
                                "Hubungi kami bila catatan perbaikan kurang jelas."
                            ),
                        },
                    ],
                },
            ),
            (
                "call_to_action",
                {
                    "title": "Belum yakin berkas Anda lengkap?",
                    "text": "Jawab beberapa pertanyaan singkat; jawaban Anda tidak disimpan.",
                    "page": check.pk,
                    "external_url": "",
                    "link_text": "Cek kesiapan",
                },
            ),
            _siola_block("Buat akun, isi data organisasi, dan unggah berkas pendaftaran ormas Anda."),
            (
                "faq",
                {
                    "title": "Pertanyaan yang sering diajukan",
                    "items": [
                        {
                            "question": "Apakah ormas berbadan hukum juga perlu SKT?",
                            "answer": rich(
                                "Ormas berbadan hukum dinyatakan terdaftar setelah memperoleh pengesahan badan "
                                "hukum, sehingga tidak memerlukan SKT. Kami tetap menganjurkan ormas berbadan "
                                "hukum memberitahukan kepengurusan dan alamatnya kepada Badan Kesbangpol agar "
                                "dapat diundang dalam kegiatan pemberdayaan."
                            ),
                        },
                        {
                            "question": "Berapa biaya pendaftaran?",
                            "answer": rich(
                                "Pendampingan di Badan Kesbangpol tidak dipungut biaya. Jika ada pihak yang "
                                "meminta bayaran atas nama kami, laporkan melalui halaman Kontak."
                            ),
                        },
                        {
                            "question": "Bagaimana jika nama ormas kami mirip dengan organisasi lain?",
                            "answer": rich(
                                "Nama dan lambang ormas tidak boleh sama dengan milik lembaga negara, organisasi "
                                "terlarang, atau organisasi lain yang sudah terdaftar. Periksa lebih dahulu, dan "
                                "siapkan nama pengganti."
                            ),
                        },
                    ],
                },
            ),
            _legal_basis(),
        ),
    )
    skt = seeder.page(
        panduan,
        GuidancePage,
        "persyaratan-dokumen-skt",
        title="Persyaratan Dokumen SKT",
        intro=(
            "Daftar berkas yang perlu disiapkan ormas tidak berbadan hukum sebelum mengajukan Surat Keterangan "
            "Terdaftar (SKT), lengkap dengan contoh surat pernyataan."
        ),
        last_reviewed=wib(2024, 6, 10).date(),
        body=stream(
            (
                "paragraph",
                rich(
                    "Siapkan berkas berikut dalam bentuk asli dan hasil pindaian. Daftar ini merangkum persyaratan "
                    "pokok dalam Undang-Undang Organisasi Kemasyarakatan. SIOLA dapat meminta berkas pendukung "
                    "lain; periksa daftar dan format terbaru di SIOLA sebelum mengunggah."
                ),
            ),
            (
                "checklist",
                {
                    "title": "Berkas yang disiapkan",
                    "items": [
                        {
                            "text": "Akta pendirian dari notaris",
                            "note": "Memuat anggaran dasar (AD), atau anggaran dasar dan anggaran rumah tangga "
                            "(AD/ART) organisasi.",
                            "template_document": None,
                        },
                        {
                            "text": "Program kerja",
                            "note": "Kegiatan yang akan dijalankan, sesuai tujuan dalam anggaran dasar.",
                            "template_document": None,
                        },
                        {
                            "text": "Susunan pengurus",
                            "note": "Biasanya memuat ketua, sekretaris, dan bendahara beserta masa baktinya.",
                            "template_document": None,
                        },
                        {
                            "text": "Surat keterangan domisili",
                            "note": "Menerangkan alamat sekretariat organisasi; biasanya dari kelurahan atau desa.",
                            "template_document": None,
                        },
                        {
                            "text": "NPWP atas nama organisasi",
                            "note": "Nomor pokok wajib pajak organisasi, bukan milik pribadi pengurus.",
                            "template_document": None,
                        },
                        {
                            "text": "Surat pernyataan tidak dalam sengketa kepengurusan atau perkara di pengadilan",
                            "note": "Ditandatangani ketua dan sekretaris.",
                            "template_document": documents["sengketa"].pk,
                        },
                        {
                            "text": "Surat pernyataan kesanggupan melaporkan kegiatan",
                            "note": "Ditandatangani ketua dan sekretaris.",
                            "template_document": documents["kesanggupan"].pk,
                        },
                    ],
                },
            ),
            ("document", {"document": documents["daftar_periksa"].pk, "title": "Daftar periksa untuk dicetak"}),
            (
                "faq",
                {
                    "title": "Pertanyaan yang sering diajukan",
                    "items": [
                        {
                            "question": "Apakah dokumen harus dilegalisasi?",
                            "answer": rich(
                                "Ikuti petunjuk yang berlaku di SIOLA saat Anda mendaftar. Jika ragu, bawa "
                                "dokumen asli ke kantor kami untuk diperiksa bersama petugas."
                            ),
                        },
                        {
                            "question": "Pengurus kami berganti setelah SKT terbit. Apa yang harus dilakukan?",
                            "answer": rich(
                                "Laporkan perubahan susunan pengurus beserta berita acara pergantiannya, agar data "
                                "organisasi Anda tetap sesuai dengan keadaan sebenarnya."
                            ),
                        },
                    ],
                },
            ),
            _siola_block("Unggah berkas yang sudah lengkap pada formulir pendaftaran ormas."),
            _legal_basis(),
        ),
    )
    kewajiban = seeder.page(
        panduan,
        GuidancePage,
        "kewajiban-tahunan-ormas",
        title="Kewajiban Tahunan Ormas: Laporan Kegiatan",
        intro=(
            "Apa yang perlu dilakukan ormas setiap tahun setelah terdaftar, terutama menyusun dan menyampaikan "
            "laporan kegiatan."
        ),
        last_reviewed=wib(2024, 6, 10).date(),
        body=stream(
            (
                "paragraph",
                rich(
                    "Saat mendaftar, pengurus menyatakan sanggup melaporkan kegiatan organisasi. Laporan ini "
                    "membantu pemerintah daerah mengenal ormas yang aktif, mengundangnya dalam program pemberdayaan, "
                    "dan menjadi bukti bahwa organisasi berjalan sesuai tujuannya.",
                    "Undang-undang juga mewajibkan ormas mengelola keuangan secara transparan dan akuntabel, serta "
                    "menjaga ketertiban umum dan persatuan bangsa dalam setiap kegiatannya.",
                ),
            ),
            (
                "steps",
                {
                    "title": "Setiap tahun",
                    "steps": [
                        {
                            "title": "Catat setiap kegiatan sepanjang tahun",
                            "text": rich("Simpan daftar hadir, foto, dan catatan hasil kegiatan sejak awal tahun."),
                        },
                        {
                            "title": "Susun laporan kegiatan tahunan",
                            "text": rich("Gunakan format laporan di bawah ini agar tidak ada bagian yang terlewat."),
                        },
                        {
                            "title": "Tanda tangani dan sampaikan laporan",
                            "text": rich(
                                "Laporan ditandatangani ketua dan sekretaris, lalu disampaikan kepada Badan "
                                "Kesbangpol, langsung ke kantor atau melalui e-mail resmi kami."
                            ),
                        },
                        {
                            "title": "Perbarui data bila ada perubahan",
                            "text": rich(
                                "Laporkan pergantian pengurus, perubahan AD/ART, atau pindah alamat sekretariat."
                            ),
                        },
                        {
                            "title": "Perhatikan masa berlaku SKT",
                            "text": rich(
                                "SKT berlaku untuk jangka waktu tertentu yang tertulis pada SKT. Catat tanggalnya "
                                "dan ajukan perpanjangan melalui SIOLA sebelum masa berlakunya habis."
                            ),
                        },
                    ],
                },
            ),
            (
                "checklist",
                {
                    "title": "Isi laporan kegiatan",
                    "items": [
                        {
                            "text": "Identitas organisasi dan susunan pengurus",
                            "note": "",
                            "template_document": documents["laporan"].pk,
                        },
                        {
                            "text": "Kegiatan yang dilaksanakan",
                            "note": "Nama kegiatan, waktu, tempat, jumlah peserta, dan hasilnya.",
                            "template_document": None,
                        },
                        {
                            "text": "Sumber dan penggunaan dana",
                            "note": "Ringkas; sertakan laporan pertanggungjawaban bila menerima hibah.",
                            "template_document": None,
                        },
                        {
                            "text": "Rencana kegiatan tahun berikutnya",
                            "note": "",
                            "template_document": None,
                        },
                    ],
                },
            ),
            (
                "faq",
                {
                    "title": "Pertanyaan yang sering diajukan",
                    "items": [
                        {
                            "question": "Organisasi kami tidak berkegiatan tahun ini. Apakah tetap melapor?",
                            "answer": rich(
                                "Ya. Sampaikan laporan singkat yang menjelaskan keadaan organisasi dan rencananya, "
                                "agar data organisasi tetap terbarui."
                            ),
                        },
                        {
                            "question": "Ke mana laporan dikirim?",
                            "answer": rich(
                                "Ke Badan Kesbangpol Provinsi Kalimantan Tengah bila wilayah kegiatan Anda "
                                "mencakup lebih dari satu kabupaten atau kota; ormas yang berkegiatan di satu "
                                "kabupaten atau kota dapat menyampaikannya ke Kesbangpol setempat. Alamat kami ada "
                                "di halaman Kontak."
                            ),
                        },
                    ],
                },
            ),
            _legal_basis(),
        ),
    )
    return {"check": check, "siola": siola, "skt": skt, "kewajiban": kewajiban}


def _readiness_items():
    return [
        (
            "akta-pendirian",
            {
                "label": "Akta pendirian dari notaris yang memuat AD atau AD/ART",
                "help_text": "Anggaran dasar (AD) dan anggaran rumah tangga (ART) organisasi.",
                "if_missing": rich("Rumuskan AD/ART bersama para pendiri, lalu buat akta pendirian di kantor notaris."),
            },
        ),
        (
            "program-kerja",
            {
                "label": "Program kerja organisasi",
                "help_text": "",
                "if_missing": rich("Tuliskan kegiatan yang akan dijalankan, sesuai tujuan dalam anggaran dasar."),
            },
        ),
        (
            "susunan-pengurus",
            {
                "label": "Susunan pengurus",
                "help_text": "Biasanya memuat ketua, sekretaris, dan bendahara.",
                "if_missing": rich("Tetapkan pengurus dalam rapat anggota dan catat hasilnya dalam berita acara."),
            },
        ),
        (
            "domisili",
            {
                "label": "Surat keterangan domisili sekretariat",
                "help_text": "",
                "if_missing": rich("Mintalah surat keterangan domisili di kelurahan atau desa tempat sekretariat."),
            },
        ),
        (
            "npwp",
            {
                "label": "NPWP atas nama organisasi",
                "help_text": "Bukan NPWP pribadi pengurus.",
                "if_missing": rich("Daftarkan organisasi untuk memperoleh NPWP di kantor pelayanan pajak."),
            },
        ),
        (
            "pernyataan",
            {
                "label": "Surat pernyataan tidak dalam sengketa dan kesanggupan melaporkan kegiatan",
                "help_text": "Ditandatangani ketua dan sekretaris.",
                "if_missing": rich(
                    "Unduh contoh surat pernyataan di halaman Persyaratan Dokumen SKT, sesuaikan, lalu tanda tangani."
                ),
            },
        ),
    ]


def _article(seeder, index, slug, *, tags, related=(), **fields):
    """A published article found again by its slug; tags and related pages are set when it is created. A story
    invented for the demo (source DEMO_SOURCE) opens with the demo note (home/seeding.py)."""
    existing = Page.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        seeder.kept += 1
        return existing.specific
    if fields.get("source") == DEMO_SOURCE:
        fields["body"] = with_demo_note(fields.get("body"))
    page = NewsPage(slug=slug, related_links=[NewsPageRelatedLink(linked_page=p) for p in related], **fields)
    page.tags.add(*tags)
    index.add_child(instance=page)
    page.save_revision().publish()
    seeder.created += 1
    seeder.log(f"  + news page: {page.title}")
    return page


def _news(seeder, berita, categories, guides):
    """Eight articles over the three categories, all dated in the past. The announcement that registration is open
    for an upcoming FGD is seeded with the events (events/demo.py), dated from the day of seeding: an article
    here, dated 2024, would say registration is open for an event that is not in the agenda."""
    fgd_image = seeder.image(FGD_IMAGE_TITLE, "Sinergi Polri dan masyarakat\nuntuk Kalimantan Tengah yang kondusif")
    siola_image = seeder.image(
        "Pendampingan pengisian data SIOLA", "Pendampingan SIOLA\nbagi pengurus ormas", colours=("#1b4d3e", "#2f7d5d")
    )
    pilkada_image = seeder.image(
        "Imbauan Pilkada damai", "Pilkada Serentak 2024\naman dan damai", colours=("#5a2a27", "#a0522d")
    )
    forum_image = seeder.image(
        "Forum pengurus ormas Kalteng", "Forum pengurus ormas\nKalimantan Tengah", colours=("#2d2a5a", "#4a5fa8")
    )

    _article(
        seeder,
        berita,
        FGD_SLUG,
        title="Sinergi Polri dan Masyarakat Jaga Kamtibmas Kalteng Menjelang Pilkada 2024",
        date=wib(2024, 5, 16, 10, 0),
        category=categories["berita"],
        summary=(
            "Kepala Badan Kesbangpol Kalimantan Tengah menjadi narasumber FGD bersama tokoh masyarakat, ormas adat, "
            "OKP, dan mahasiswa di Palangka Raya, Kamis 16 Mei 2024."
        ),
        hero_image=fgd_image,
        hero_alt="Ilustrasi suasana diskusi FGD Kamtibmas di Palangka Raya",
        hero_caption="FGD sinergitas Polri dan masyarakat di Palangka Raya",
        hero_credit="Humas Kesbangpol (gambar demo)",
        # The photo is the article's main image already; the story's own image block would repeat it.
        body=stream(*(block for block in fgd_story_blocks(fgd_image) if block[0] != "image")),
        source="mmc.kalteng",
        tags=["FGD", "Kamtibmas", "Pilkada 2024", "ormas"],
        related=[guides["siola"], guides["check"]],
    )
    _article(
        seeder,
        berita,
        "pendampingan-pengisian-data-siola",
        title="Kesbangpol Dampingi Pengurus Ormas Mengisi Data di SIOLA",
        date=wib(2024, 5, 28, 13, 30),
        category=categories["berita"],
        summary=(
            "Pengurus ormas dari Palangka Raya dan Pulang Pisau belajar mendaftarkan organisasinya secara daring "
            "bersama petugas Badan Kesbangpol."
        ),
        hero_image=siola_image,
        hero_alt="Tulisan pendampingan SIOLA bagi pengurus ormas di atas latar hijau",
        body=stream(
            (
                "paragraph",
                rich(
                    "Dalam pendampingan ini petugas menjelaskan berkas yang perlu dipindai, cara membuat akun, dan "
                    "kesalahan yang paling sering membuat permohonan dikembalikan, seperti dokumen yang buram atau "
                    "susunan pengurus yang belum ditandatangani.",
                    "Peserta juga mencoba halaman Cek Kesiapan di portal ini untuk memeriksa berkas masing-masing "
                    "sebelum mendaftar.",
                ),
            ),
        ),
        source=DEMO_SOURCE,
        tags=["SIOLA", "ormas", "pendampingan"],
        related=[guides["siola"], guides["skt"]],
    )
    _article(
        seeder,
        berita,
        "ajakan-menjaga-suasana-damai-pilkada-2024",
        title="Kesbangpol Ajak Ormas Jaga Suasana Damai Menjelang Pilkada Serentak 2024",
        date=wib(2024, 6, 12, 15, 0),
        category=categories["siaran-pers"],
        summary=(
            "Badan Kesbangpol mengajak seluruh ormas di Kalimantan Tengah menolak ujaran kebencian dan politik uang "
            "serta ikut menjaga ketertiban selama tahapan Pilkada."
        ),
        hero_image=pilkada_image,
        hero_alt="Tulisan Pilkada Serentak 2024 aman dan damai di atas latar merah bata",
        body=stream(
            (
                "paragraph",
                rich(
                    "Menjelang Pilkada Serentak 2024, Badan Kesbangpol Provinsi Kalimantan Tengah mengajak ormas, "
                    "OKP, dan tokoh masyarakat menjadi penyejuk di lingkungannya masing-masing.",
                    "Ormas diharapkan tidak terpancing berita bohong, memeriksa kebenaran informasi sebelum "
                    "membagikannya, dan melaporkan potensi gangguan ketertiban kepada aparat setempat.",
                ),
            ),
        ),
        source=DEMO_SOURCE,
        tags=["Pilkada 2024", "Kamtibmas", "ormas"],
    )
    _article(
        seeder,
        berita,
        "jadwal-layanan-konsultasi-ormas-juni-2024",
        title="Jadwal Layanan Konsultasi Pendaftaran Ormas Bulan Juni 2024",
        date=wib(2024, 5, 31, 9, 0),
        category=categories["pengumuman"],
        summary=(
            "Konsultasi berkas pendaftaran ormas dilayani di kantor Badan Kesbangpol setiap Selasa dan Kamis pada "
            "jam kerja."
        ),
        body=stream(
            (
                "paragraph",
                rich(
                    "Bawa dokumen asli dan salinannya agar petugas dapat memeriksa kelengkapan berkas bersama Anda. "
                    "Layanan ini tidak dipungut biaya.",
                ),
            ),
        ),
        source=DEMO_SOURCE,
        tags=["ormas", "SIOLA", "layanan"],
        related=[guides["skt"]],
    )
    _article(
        seeder,
        berita,
        "fkdm-bahas-pencegahan-konflik-sosial",
        title="Forum Kewaspadaan Dini Masyarakat Bahas Pencegahan Konflik Sosial",
        date=wib(2024, 4, 24, 9, 30),
        category=categories["berita"],
        summary=(
            "Anggota FKDM dari kabupaten dan kota berbagi pengalaman mengenali tanda awal konflik sosial dan cara "
            "meredamnya bersama tokoh adat."
        ),
        hero_image=forum_image,
        hero_alt="Tulisan forum pengurus ormas Kalimantan Tengah di atas latar biru",
        body=stream(
            (
                "paragraph",
                rich(
                    "Pertemuan ini menekankan pentingnya laporan cepat dari desa dan kelurahan, serta peran lembaga "
                    "adat Dayak sebagai penengah ketika perselisihan mulai muncul.",
                ),
            ),
        ),
        source=DEMO_SOURCE,
        tags=["FKDM", "konflik sosial", "kewaspadaan dini"],
    )
    _article(
        seeder,
        berita,
        "penyampaian-laporan-kegiatan-ormas-2024",
        title="Pengingat: Sampaikan Laporan Kegiatan Tahunan Ormas",
        date=wib(2024, 7, 1, 8, 0),
        category=categories["pengumuman"],
        summary=(
            "Ormas yang terdaftar diingatkan menyampaikan laporan kegiatan tahunannya. Format laporan tersedia di "
            "halaman Panduan Ormas."
        ),
        body=stream(
            (
                "paragraph",
                rich(
                    "Laporan memuat identitas organisasi, kegiatan yang telah dilaksanakan, sumber dan penggunaan "
                    "dana, serta rencana kegiatan berikutnya.",
                ),
            ),
        ),
        source=DEMO_SOURCE,
        tags=["ormas", "laporan kegiatan"],
        related=[guides["kewajiban"]],
    )
    _article(
        seeder,
        berita,
        "pendidikan-politik-pemilih-pemula",
        title="Pendidikan Politik bagi Pemilih Pemula di Palangka Raya",
        date=wib(2024, 3, 20, 9, 0),
        category=categories["siaran-pers"],
        summary=(
            "Pelajar SMA dan mahasiswa tingkat awal mengikuti pendidikan politik tentang hak pilih, cara memeriksa "
            "daftar pemilih, dan menolak politik uang."
        ),
        body=stream(
            (
                "paragraph",
                rich(
                    "Peserta diajak memeriksa namanya di daftar pemilih, mengenali informasi palsu seputar pemilu, "
                    "dan memahami bahwa suara mereka tidak untuk diperjualbelikan.",
                ),
            ),
        ),
        source=DEMO_SOURCE,
        tags=["pendidikan politik", "pemilih pemula", "Pilkada 2024"],
    )
    _article(
        seeder,
        berita,
        "wawasan-kebangsaan-untuk-okp",
        title="Sosialisasi Wawasan Kebangsaan untuk Organisasi Kepemudaan",
        date=wib(2024, 2, 15, 9, 0),
        category=categories["berita"],
        summary=(
            "Pengurus organisasi kepemudaan (OKP) se-Kalimantan Tengah berdiskusi tentang Pancasila, keberagaman, "
            "dan peran pemuda menjaga persatuan."
        ),
        body=stream(
            (
                "paragraph",
                rich(
                    "Sosialisasi diisi diskusi kelompok tentang cara OKP merangkul anggota dari berbagai latar "
                    "belakang suku dan agama dalam kegiatannya.",
                ),
            ),
        ),
        source=DEMO_SOURCE,
        tags=["wawasan kebangsaan", "OKP"],
    )
