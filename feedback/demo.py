"""Demo content for Saran dan Pengaduan: teams, routed topics, the public page and ~20 items in every state.

Items are written directly (not through feedback_service) so seeding queues no mail. Each has a fixed submission
token, so a second run finds it and changes nothing. Dates are relative to today, so some items are always overdue.
"""

import datetime
import uuid

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from feedback.models import Feedback, FeedbackEvent, FeedbackPage, FeedbackSettings, FeedbackTopic
from home.seeding import rich, stream
from home.tracking import hash_secret

TEAM_PERMISSIONS = ["access_admin", "view_feedback", "change_feedback", "export_feedback"]
DEMO_NAMESPACE = uuid.UUID("6f1d2c8e-2b1c-4d59-9a3e-5d0c0b6f4a11")

TEAMS = {
    "ormas": "Tim Ormas dan SIOLA",
    "forum": "Tim Fasilitasi Forum",
    "waspada": "Tim Kewaspadaan Dini",
    "triage": "Tim Triase Pengaduan",
}

TOPICS = [
    # (name, description, team key or None, notification address, verify days, answer days)
    (
        "Pendaftaran ormas/SIOLA",
        "Pendaftaran, perubahan data, dan kendala SIOLA.",
        "ormas",
        "ormas@kesbangpol.kalteng.example",
        3,
        5,
    ),
    (
        "Kegiatan FGD dan forum",
        "Undangan, pendaftaran, dan pelaksanaan FGD atau forum.",
        "forum",
        "forum@kesbangpol.kalteng.example",
        3,
        5,
    ),
    (
        "Kamtibmas dan kewaspadaan dini",
        "Potensi konflik, gangguan keamanan, dan informasi kewaspadaan.",
        "waspada",
        "waspada@kesbangpol.kalteng.example",
        1,
        3,
    ),
    ("Layanan Kesbangpol lainnya", "Hal lain tentang layanan Badan Kesbangpol.", None, "", 3, 5),
]

# (key, kind, topic index, days ago, status, identity, name, email, message, answer / forward / reason)
ITEMS = [
    (
        "siola-login",
        "pertanyaan",
        0,
        1,
        "baru",
        "confidential",
        "Rudi Hartono",
        "rudi@contoh.id",
        "Akun SIOLA ormas kami tidak bisa masuk sejak minggu lalu. Ke mana kami harus melapor?",
        None,
    ),
    (
        "skt-syarat",
        "pertanyaan",
        0,
        9,
        "baru",
        "confidential",
        "Maria Ulfah",
        "",
        "Apa saja syarat pendaftaran ormas berbadan hukum perkumpulan di tingkat provinsi?",
        None,
    ),
    (
        "ormas-tanpa-izin",
        "pengaduan",
        0,
        12,
        "diverifikasi",
        "anonymous",
        "",
        "",
        "Ada kelompok yang memungut iuran warga atas nama ormas yang tidak terdaftar di Kelurahan Langkai.",
        None,
    ),
    (
        "siola-dokumen",
        "saran",
        0,
        20,
        "selesai",
        "confidential",
        "Yohanes Dambung",
        "yohanes@contoh.id",
        "Mohon daftar dokumen SIOLA dibuat dalam satu halaman yang bisa diunduh.",
        "Terima kasih. Daftar dokumen pendaftaran ormas kini tersedia di halaman Panduan Ormas.",
    ),
    (
        "ormas-pengurus",
        "pertanyaan",
        0,
        6,
        "ditindaklanjuti",
        "confidential",
        "Siti Aminah",
        "siti.a@contoh.id",
        "Bagaimana cara memperbarui susunan pengurus ormas yang sudah terdaftar?",
        None,
    ),
    (
        "fgd-undangan",
        "pertanyaan",
        1,
        2,
        "baru",
        "confidential",
        "Dewi Lestari",
        "dewi@kampus.example",
        "Apakah mahasiswa dari luar Palangka Raya boleh ikut FGD bulan depan?",
        None,
    ),
    (
        "fgd-sertifikat",
        "pengaduan",
        1,
        15,
        "ditindaklanjuti",
        "confidential",
        "Agus Salim",
        "agus@contoh.id",
        "Sertifikat peserta FGD Kamtibmas bulan lalu belum kami terima.",
        None,
    ),
    (
        "fgd-lokasi",
        "saran",
        1,
        25,
        "selesai",
        "anonymous",
        "",
        "",
        "FGD sebaiknya juga diadakan di Sampit dan Pangkalan Bun agar warga kabupaten bisa hadir.",
        "Usulan Anda kami masukkan dalam rencana kegiatan tahun depan, termasuk FGD di Kotawaringin Timur.",
    ),
    (
        "forum-pemuda",
        "aspirasi",
        1,
        4,
        "diverifikasi",
        "confidential",
        "Bambang Irawan",
        "",
        "Kami mengusulkan forum rutin antara OKP dan Kesbangpol setiap triwulan.",
        None,
    ),
    (
        "forum-akses",
        "saran",
        1,
        30,
        "ditolak",
        "confidential",
        "Lina Marlina",
        "lina@contoh.id",
        "Tolong siarkan FGD secara langsung di media sosial.",
        ("reason", "FGD membahas hal yang sensitif; ringkasan hasil diterbitkan di situs ini setelah acara."),
    ),
    (
        "waspada-spanduk",
        "pengaduan",
        2,
        5,
        "baru",
        "anonymous",
        "",
        "",
        "Ada spanduk bernada provokatif menjelang pilkada di simpang Jalan Tjilik Riwut Km 8.",
        None,
    ),
    (
        "waspada-bentrok",
        "pengaduan",
        2,
        8,
        "diteruskan",
        "confidential",
        "Hendra Gunawan",
        "hendra@contoh.id",
        "Ketegangan antarkelompok pemuda di Kecamatan Pahandut setelah pertandingan sepak bola.",
        ("forward", "Polresta Palangka Raya", ""),
    ),
    (
        "waspada-hoaks",
        "aspirasi",
        2,
        3,
        "diverifikasi",
        "confidential",
        "Nur Aini",
        "",
        "Perlu sosialisasi tentang hoaks pemilu di desa-desa sepanjang Sungai Kahayan.",
        None,
    ),
    (
        "waspada-lapor",
        "pengaduan",
        2,
        18,
        "diteruskan",
        "anonymous",
        "",
        "",
        "Dugaan penyalahgunaan bantuan sosial untuk kampanye di salah satu desa.",
        ("forward", "LAPOR!", "LPR-2026-118342"),
    ),
    (
        "waspada-selesai",
        "saran",
        2,
        40,
        "selesai",
        "confidential",
        "Teguh Prasetyo",
        "teguh@contoh.id",
        "Nomor pengaduan kamtibmas sebaiknya dicantumkan di setiap kantor kelurahan.",
        "Nomor layanan sudah kami sampaikan ke seluruh kelurahan di Palangka Raya melalui surat edaran.",
    ),
    (
        "umum-jam",
        "pertanyaan",
        3,
        2,
        "baru",
        "confidential",
        "Fitri Handayani",
        "fitri@contoh.id",
        "Apakah kantor Kesbangpol buka pada hari Sabtu?",
        None,
    ),
    (
        "umum-parkir",
        "saran",
        3,
        10,
        "baru",
        "anonymous",
        "",
        "",
        "Tempat parkir tamu di kantor sering penuh; mohon disediakan tempat khusus untuk tamu.",
        None,
    ),
    (
        "umum-situs",
        "saran",
        3,
        7,
        "ditindaklanjuti",
        "confidential",
        "Andreas Luhan",
        "",
        "Situs web mudah dibaca di ponsel, tapi tolong tambahkan agenda kegiatan bulan depan.",
        None,
    ),
    (
        "umum-surat",
        "pengaduan",
        3,
        35,
        "selesai",
        "confidential",
        "Ratna Sari",
        "ratna@contoh.id",
        "Surat permohonan audiensi kami belum dibalas sejak bulan lalu.",
        "Mohon maaf atas keterlambatannya. Audiensi dijadwalkan ulang dan undangan sudah kami kirim.",
    ),
    (
        "umum-spam",
        "aspirasi",
        3,
        14,
        "ditolak",
        "anonymous",
        "",
        "",
        "Promosi jasa pembuatan situs web murah, hubungi kami.",
        ("reason", "Pesan ini promosi, bukan saran atau pengaduan tentang layanan Kesbangpol."),
    ),
]


def seed(seeder):
    teams = _teams(seeder)
    topics = _topics(seeder, teams)
    _settings(teams["triage"])
    home = seeder.home_page()
    seeder.page(
        home,
        FeedbackPage,
        "saran-dan-pengaduan",
        title="Saran dan Pengaduan",
        show_in_menus=True,
        intro=rich(
            "Sampaikan saran, pengaduan, pertanyaan, atau aspirasi Anda tentang layanan Badan Kesbangpol "
            "Kalimantan Tengah. Setiap pesan mendapat kode pelacakan, diperiksa paling lambat tiga hari kerja, "
            "dan dijawab secara tertulis."
        ),
        search_description="Kirim saran, pengaduan, pertanyaan, atau aspirasi kepada Badan Kesbangpol Kalteng.",
        body=stream(
            (
                "paragraph",
                rich(
                    "Anda juga dapat datang ke kantor pada jam layanan, mengirim surat ke alamat kantor, atau "
                    "menyampaikan pengaduan lewat LAPOR! (SP4N-LAPOR!), layanan pengaduan nasional. Untuk keadaan "
                    "darurat keamanan, hubungi polisi di nomor 110."
                ),
            ),
        ),
    )
    for row in ITEMS:
        _item(seeder, topics, *row)


def _teams(seeder):
    permissions = list(
        Permission.objects.filter(
            codename__in=TEAM_PERMISSIONS, content_type__app_label__in=["wagtailadmin", "feedback"]
        )
    )
    teams = {}
    for key, name in TEAMS.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.set(permissions)
        seeder._result(created, f"group: {name}")
        teams[key] = group
    return teams


def _topics(seeder, teams):
    topics = []
    for order, (name, description, team_key, email, verify, answer) in enumerate(TOPICS, start=1):
        topic = seeder.get_or_create(
            FeedbackTopic,
            defaults={
                "description": description,
                "team": teams[team_key] if team_key else None,
                "notify_emails": email,
                "verify_days": verify,
                "answer_days": answer,
                "sort_order": order,
            },
            name=name,
        )
        topics.append(topic)
    return topics


def _settings(triage):
    settings = FeedbackSettings.load()
    if settings.triage_group_id is None:
        settings.triage_group = triage
        settings.triage_emails = "triase@kesbangpol.kalteng.example"
        settings.save()


def _item(seeder, topics, key, kind, topic_index, days_ago, status, identity, name, email, message, outcome):
    from home.models import CodeCounter

    token = uuid.uuid5(DEMO_NAMESPACE, key)
    if Feedback.objects.filter(submission_token=token).exists():
        seeder.kept += 1
        return
    topic = topics[topic_index]
    submitted = timezone.now() - datetime.timedelta(days=days_ago, hours=3)
    item = Feedback(
        submission_token=token,
        kind=kind,
        topic=topic,
        team=topic.team,
        message=message,
        identity=identity,
        name=name,
        email=email,
        submitted_at=submitted,
        consent_version="demo",
        consented_at=submitted,
    )
    item.secret_hash = hash_secret(f"DEMO-{key}")
    item.tracking_code = CodeCounter.next_code(Feedback.TRACKING_PREFIX, timezone.localdate(submitted).year)
    item.set_due_dates()
    item.save()
    events = [FeedbackEvent(feedback=item, kind=FeedbackEvent.Kind.CREATED, to_status="baru", created_at=submitted)]
    path = _path_to(status)
    when = submitted
    for previous, current in zip(path, path[1:], strict=False):
        when += datetime.timedelta(days=1)
        text = ""
        if current == "diteruskan" and isinstance(outcome, tuple):
            item.forwarded_to, item.lapor_reference = outcome[1], outcome[2]
            text = item.forwarded_to + (f" ({item.lapor_reference})" if item.lapor_reference else "")
        if current == "ditolak":
            item.rejection_reason = outcome[1]
            text = item.rejection_reason
        if current == "diverifikasi":
            item.verified_at = when
        if current == "selesai":
            item.public_answer, item.answered_at = outcome, when
            events.append(FeedbackEvent(feedback=item, kind=FeedbackEvent.Kind.ANSWER, text=outcome, created_at=when))
        if current in Feedback.FINAL_STATUSES:
            item.closed_at = when
        events.append(
            FeedbackEvent(
                feedback=item,
                kind=FeedbackEvent.Kind.STATUS,
                from_status=previous,
                to_status=current,
                text=text,
                created_at=when,
            )
        )
    item.status = status
    item.save()
    FeedbackEvent.objects.bulk_create(events)
    seeder._result(True, f"feedback: {item.tracking_code} ({item.get_status_display()})")


def _path_to(status):
    paths = {
        "baru": ["baru"],
        "diverifikasi": ["baru", "diverifikasi"],
        "diteruskan": ["baru", "diverifikasi", "diteruskan"],
        "ditindaklanjuti": ["baru", "diverifikasi", "ditindaklanjuti"],
        "selesai": ["baru", "diverifikasi", "ditindaklanjuti", "selesai"],
        "ditolak": ["baru", "ditolak"],
    }
    return paths[status]
