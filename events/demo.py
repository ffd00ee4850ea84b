"""Demo events: the agenda with an open FGD (quotas and a form), a forum whose registration opens later, a full
event with a waitlist, and the 16 May 2024 FGD at Kahayan Ballroom as a past event with its report. The open FGD is
announced by the site-wide banner and by a pinned news article, both ending when its registration closes. Each event
opens with the demo note (home/seeding.py): their details and figures are invented.

Dates of upcoming events are set relative to the first run; later runs find the pages and change nothing.
"""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from django.apps import apps
from django.utils import formats, timezone, translation
from wagtail.models import Page

from builtforms.models import BuiltForm, BuiltFormField, FieldKind
from events import seats
from events.models import (
    EventAttendanceCount,
    EventCategory,
    EventIndexPage,
    EventKind,
    EventPage,
    EventSpeaker,
    ParticipantCategory,
    Registration,
    Speaker,
    organisation_key,
)
from home.demo import FGD_SLUG
from home.seeding import DEMO_SOURCE, rich, stream, with_demo_note

KINDS = [
    ("Focus Group Discussion", "fgd", "FGD"),
    ("Forum", "forum", "FORUM"),
    ("Sosialisasi", "sosialisasi", "SOS"),
    ("Rapat Koordinasi", "rapat-koordinasi", "RAKOR"),
]
CATEGORIES = [
    "BEM / SENAT / DEMA",
    "Organisasi Kepemudaan (OKP)",
    "Ormas",
    "Ormas Adat",
    "Tokoh Masyarakat",
    "Masyarakat Umum",
]
DEMO_NAMES = [
    ("Andi Saputra", "BEM Universitas Palangka Raya", 0),
    ("Rina Wulandari", "DEMA IAIN Palangka Raya", 0),
    ("Yohanes Lambung", "Pemuda Katolik Komcab Palangka Raya", 1),
    ("Siti Nurhaliza", "KNPI Kota Palangka Raya", 1),
    ("Dedi Kurniawan", "Gerakan Pemuda Ansor Kalteng", 2),
    ("Maria Ulan", "Dewan Adat Dayak Kota Palangka Raya", 3),
    ("Hendra Gunawan", "Karang Taruna Kelurahan Menteng", 1),
    ("Fitri Handayani", "SENAT Universitas Muhammadiyah Palangkaraya", 0),
    ("Rudi Hartono", "Ormas Fordayak", 2),
    ("Agustina Ningsih", "Tokoh masyarakat Jekan Raya", 4),
    ("Bambang Sutrisno", "Forum Kerukunan Umat Beragama", 2),
    ("Lestari Dewi", "BEM Politeknik Kesehatan Palangka Raya", 0),
    ("Yusuf Ramadhan", "Pemuda Muhammadiyah Kalteng", 1),
]


def seed(seeder):
    home = seeder.home_page()
    kinds = {
        slug: seeder.get_or_create(EventKind, {"name": name, "code": code, "sort_order": i}, slug=slug)
        for i, (name, slug, code) in enumerate(KINDS)
    }
    categories = [
        seeder.get_or_create(ParticipantCategory, {"sort_order": i}, name=name) for i, name in enumerate(CATEGORIES)
    ]
    katma = seeder.get_or_create(
        Speaker,
        {"position": "Kepala Badan", "organisation": "Badan Kesbangpol Provinsi Kalimantan Tengah"},
        name="Katma F. Dirun",
    )
    binmas = seeder.get_or_create(
        Speaker,
        {"position": "Narasumber", "organisation": "Direktorat Pembinaan Masyarakat Polda Kalimantan Tengah"},
        name="Perwakilan Ditbinmas Polda Kalteng",
    )
    adat = seeder.get_or_create(
        Speaker,
        {"position": "Narasumber", "organisation": "Dewan Adat Dayak Provinsi Kalimantan Tengah"},
        name="Perwakilan Dewan Adat Dayak Kalteng",
    )
    form = _registration_form(seeder)

    index = seeder.page(
        home,
        EventIndexPage,
        "agenda-kegiatan",
        title="Agenda Kegiatan",
        show_in_menus=True,
        intro="Forum, FGD, sosialisasi, dan rapat koordinasi Badan Kesbangpol Kalimantan Tengah. Daftar langsung "
        "di halaman kegiatan yang pendaftarannya dibuka.",
    )
    today = timezone.localdate()
    now = timezone.now()
    category = {c.name: c for c in categories}

    open_fgd = seeder.page(
        index,
        EventPage,
        "fgd-wawasan-kebangsaan-generasi-muda",
        title="FGD Wawasan Kebangsaan bagi Generasi Muda Kalimantan Tengah",
        kind=kinds["fgd"],
        theme="Merawat Persatuan di Bumi Tambun Bungai: Peran Mahasiswa, OKP, dan Ormas",
        summary="Diskusi terarah bersama BEM, SENAT, DEMA, OKP, ormas, dan tokoh masyarakat tentang cara menjaga "
        "persatuan dan mencegah konflik sosial di Kalimantan Tengah.",
        body=with_demo_note(
            stream(
                (
                    "paragraph",
                    rich(
                        "Badan Kesbangpol Provinsi Kalimantan Tengah mengundang perwakilan lembaga kemahasiswaan, "
                        "organisasi kepemudaan, ormas, dan tokoh masyarakat untuk berdiskusi tentang wawasan "
                        "kebangsaan.",
                        "Kursi dibagi per kategori peserta agar semua unsur terwakili. Bila kuota kategori Anda penuh, "
                        "Anda masuk daftar tunggu dan kami kabari lewat e-mail begitu ada kursi.",
                    ),
                ),
            )
        ),
        start_date=weekday(today + dt.timedelta(days=21)),
        start_time=dt.time(9, 0),
        end_time=dt.time(12, 30),
        timezone="Asia/Jakarta",
        attendance_mode=EventPage.AttendanceMode.MIXED,
        venue_name="Aula Badan Kesbangpol Provinsi Kalimantan Tengah",
        venue_address="Jalan Tjilik Riwut Km 1, Palangka Raya",
        online_url="https://meet.example/fgd-kebangsaan",
        target_participants="Perwakilan BEM/SENAT/DEMA perguruan tinggi, OKP, ormas, dan tokoh masyarakat se-Kota "
        "Palangka Raya.",
        agenda=stream(
            ("item", {"start": "08:30", "end": "09:00", "activity": "Registrasi peserta", "person": "Panitia"}),
            ("item", {"start": "09:00", "end": "09:30", "activity": "Pembukaan", "person": "Kepala Badan Kesbangpol"}),
            ("item", {"start": "09:30", "end": "11:30", "activity": "Diskusi kelompok terarah", "person": "Moderator"}),
            ("item", {"start": "11:30", "end": "12:30", "activity": "Rumusan dan penutupan", "person": "Panitia"}),
        ),
        registration_enabled=True,
        registration_opens_at=now - dt.timedelta(days=1),
        capacity=60,
        max_per_organisation=3,
        waitlist_enabled=True,
        registration_form=form,
        next_steps="Datang 30 menit sebelum acara dan bawa kartu identitas. Peserta daring menerima tautan rapat "
        "lewat e-mail konfirmasi.",
        categories=[
            EventCategory(category=category["BEM / SENAT / DEMA"], quota=20),
            EventCategory(category=category["Organisasi Kepemudaan (OKP)"], quota=15),
            EventCategory(category=category["Ormas"], quota=20),
            EventCategory(category=category["Tokoh Masyarakat"], quota=5),
        ],
        speakers=[EventSpeaker(speaker=katma, topic="Pembicara kunci")],
    )

    seeder.page(
        index,
        EventPage,
        "forum-kewaspadaan-dini-masyarakat",
        title="Forum Kewaspadaan Dini Masyarakat se-Kalimantan Tengah",
        kind=kinds["forum"],
        theme="Deteksi Dini dan Pencegahan Konflik Sosial Menjelang Tahun Politik",
        summary="Forum tahunan FKDM kabupaten dan kota se-Kalimantan Tengah. Pendaftaran dibuka dua minggu lagi.",
        body=with_demo_note(stream()),
        start_date=weekday(today + dt.timedelta(days=44), last=3),
        start_time=dt.time(8, 30),
        end_date=weekday(today + dt.timedelta(days=44), last=3) + dt.timedelta(days=1),
        end_time=dt.time(15, 0),
        timezone="Asia/Jakarta",
        venue_name="Hotel Aquarius Boutique",
        venue_address="Jalan Imam Bonjol No. 5, Palangka Raya",
        target_participants="Anggota FKDM kabupaten/kota, camat, dan perwakilan ormas.",
        registration_enabled=True,
        # At the start of a working day, as an editor would set it (not "01.19 WIB", the moment of seeding).
        registration_opens_at=at_wib(weekday(today + dt.timedelta(days=14)), dt.time(8, 0)),
        capacity=120,
        categories=[
            EventCategory(category=category["Ormas"]),
            EventCategory(category=category["Tokoh Masyarakat"]),
            EventCategory(category=category["Masyarakat Umum"]),
        ],
        speakers=[EventSpeaker(speaker=katma, topic="Arahan"), EventSpeaker(speaker=binmas, topic="Narasumber")],
    )

    full = seeder.page(
        index,
        EventPage,
        "sosialisasi-pendaftaran-ormas-siola",
        title="Sosialisasi Pendaftaran Ormas melalui SIOLA",
        kind=kinds["sosialisasi"],
        theme="Tertib Administrasi Ormas: Langkah demi Langkah Mendaftar di SIOLA",
        summary="Pendampingan praktis bagi pengurus ormas yang akan mendaftar atau memperbarui data di SIOLA. "
        "Kursi sudah penuh; daftar tunggu masih dibuka.",
        body=with_demo_note(stream()),
        start_date=weekday(today + dt.timedelta(days=10)),
        start_time=dt.time(13, 30),
        end_time=dt.time(16, 0),
        timezone="Asia/Jakarta",
        venue_name="Ruang Rapat Bidang Ormas, Badan Kesbangpol Kalteng",
        venue_address="Jalan Tjilik Riwut Km 1, Palangka Raya",
        target_participants="Pengurus ormas yang berkegiatan di Kalimantan Tengah (satu atau dua orang per ormas).",
        registration_enabled=True,
        registration_opens_at=now - dt.timedelta(days=7),
        capacity=10,
        max_per_organisation=2,
        waitlist_enabled=True,
        categories=[EventCategory(category=category["Ormas"]), EventCategory(category=category["Ormas Adat"])],
        speakers=[EventSpeaker(speaker=adat, topic="Pengalaman ormas adat")],
    )
    _demo_registrations(seeder, full, categories)
    _banner(seeder, open_fgd)
    _registration_news(seeder, open_fgd)

    seeder.page(
        index,
        EventPage,
        "fgd-sinergitas-polri-dan-masyarakat-2024",
        title="FGD Sinergitas Polri dan Masyarakat untuk Kamtibmas Kalimantan Tengah",
        kind=kinds["fgd"],
        theme="Membangun Sinergitas Polri dan Masyarakat Guna Mewujudkan Situasi Kamtibmas yang Kondusif di "
        "Wilayah Kalimantan Tengah",
        summary="FGD bersama tokoh masyarakat, ormas adat, OKP, dan BEM/SENAT/DEMA menjelang Pilkada Serentak 2024, "
        "dengan Kepala Badan Kesbangpol sebagai narasumber.",
        # The FGD took place (news/demo.py retells it); the attendance figures below are invented.
        body=with_demo_note(
            stream(
                (
                    "paragraph",
                    rich(
                        "Diskusi membahas peran ormas dan seluruh unsur masyarakat dalam menjaga keamanan dan "
                        "ketertiban menjelang Pilkada Serentak 2024, termasuk pemanfaatan SIOLA dan kerja Tim Terpadu "
                        "Pengawasan Ormas."
                    ),
                ),
            )
        ),
        start_date=dt.date(2024, 5, 16),
        start_time=dt.time(9, 0),
        end_time=dt.time(13, 0),
        timezone="Asia/Jakarta",
        venue_name="Kahayan Ballroom, Swiss-BelHotel Danum",
        venue_address="Jalan Tjilik Riwut Km 5, Palangka Raya",
        latitude="-2.183600",
        longitude="113.885300",
        target_participants="Tokoh masyarakat, organisasi masyarakat adat, OKP, serta BEM, SENAT, dan DEMA perguruan "
        "tinggi negeri dan swasta di Palangka Raya.",
        speakers=[EventSpeaker(speaker=katma, topic="Narasumber"), EventSpeaker(speaker=binmas, topic="Narasumber")],
        report_summary=_report_summary(),
        attendance_counts=[
            EventAttendanceCount(category=category["Tokoh Masyarakat"], count=14),
            EventAttendanceCount(category=category["Ormas Adat"], count=11),
            EventAttendanceCount(category=category["Organisasi Kepemudaan (OKP)"], count=17),
            EventAttendanceCount(category=category["BEM / SENAT / DEMA"], count=23),
        ],
    )


def _report_summary():
    summary = rich(
        "FGD berlangsung lancar. Peserta sepakat memperkuat komunikasi antara kepolisian, ormas, dan lembaga "
        "kemahasiswaan untuk mencegah gesekan menjelang Pilkada Serentak 2024.",
        "Badan Kesbangpol menegaskan pemanfaatan SIOLA untuk pendaftaran ormas dan pembentukan Tim Terpadu "
        "Pengawasan Ormas sebagai langkah deteksi dini.",
    )
    story_id = Page.objects.filter(slug=FGD_SLUG).values_list("pk", flat=True).first()
    if story_id:
        summary += f'<p>Berita lengkapnya: <a linktype="page" id="{story_id}">Sinergi Polri dan Masyarakat Jaga '
        summary += "Kamtibmas Kalteng</a>.</p>"
    return summary


def weekday(day, last=4):
    """The same day, or the Monday after when it falls after weekday `last` (4: Friday): events of a government
    office are held on working days. A two-day event passes last=3, so that it ends by Friday."""
    return day + dt.timedelta(days=7 - day.weekday()) if day.weekday() > last else day


def at_wib(day, time):
    return dt.datetime.combine(day, time, tzinfo=ZoneInfo("Asia/Jakarta"))


def _banner(seeder, event):
    """The site-wide banner a visitor sees first leads to the FGD whose registration is open, until it starts.

    The banner is news' model (news.Announcement); it is looked up by name so the events app does not import news."""
    seeder.get_or_create(
        apps.get_model("news", "Announcement"),
        defaults={
            "link_page": event,
            "link_anchor": "pendaftaran",  # the registration part (seats, Daftar link; event_page.html), not the top
            "link_text": "Daftar sekarang",
            "starts_at": timezone.now(),
            "ends_at": event.starts_at,
        },
        text=f"Pendaftaran {event.title} dibuka.",
    )


def _registration_news(seeder, event):
    """The news article that announces the open registration: dated the day it opened, pinned on top of Berita
    until it closes, and linked to the event. Seeded here, after the event, for the same reason as the banner; a
    later run finds it by its slug and changes nothing."""
    berita = Page.objects.child_of(seeder.home_page()).filter(slug="berita").first()
    if berita is None:
        return
    slug = "pendaftaran-fgd-wawasan-kebangsaan-dibuka"
    if Page.objects.child_of(berita).filter(slug=slug).exists():
        seeder.kept += 1
        return
    NewsPage = apps.get_model("news", "NewsPage")
    opens, closes = event.registration_window()
    with translation.override("id"):
        when = formats.date_format(event.start_date, "l, j F Y")
    page = NewsPage(
        slug=slug,
        title="Pendaftaran FGD Wawasan Kebangsaan bagi Generasi Muda Dibuka",
        date=opens,
        pinned_until=closes,
        category=apps.get_model("news", "NewsCategory").objects.filter(slug="pengumuman").first(),
        summary="Badan Kesbangpol mengundang perwakilan BEM/SENAT/DEMA, OKP, ormas, dan tokoh masyarakat mengikuti FGD "
        "Wawasan Kebangsaan. Daftar di halaman kegiatan selama kursi masih ada.",
        source=DEMO_SOURCE,
        body=with_demo_note(
            stream(
                (
                    "paragraph",
                    rich(
                        f"{event.title} digelar pada {when} di {event.venue_name}, dan dapat diikuti secara daring.",
                        "Kursi dibagi per kategori peserta. Bila kuota kategori Anda penuh, Anda masuk daftar tunggu "
                        "dan kami kabari lewat e-mail begitu ada kursi.",
                    ),
                ),
                (
                    "call_to_action",
                    {
                        "title": event.title,
                        "text": "Pendaftaran dibuka sampai kegiatan dimulai.",
                        "page": event.pk,
                        "external_url": "",
                        "link_text": "Daftar sekarang",
                    },
                ),
            )
        ),
    )
    page.tags.add("FGD", "wawasan kebangsaan", "OKP")
    berita.add_child(instance=page)
    page.save_revision().publish()
    seeder.created += 1
    seeder.log(f"  + news page: {page.title}")


def _registration_form(seeder):
    existing = BuiltForm.objects.filter(title="Formulir FGD Kebangsaan").first()
    if existing is not None:
        seeder.kept += 1
        return existing
    form = BuiltForm(
        title="Formulir FGD Kebangsaan",
        intro="Jawaban Anda membantu panitia menyiapkan diskusi.",
        builder_fields=[
            BuiltFormField(label="Jabatan di organisasi", kind=FieldKind.TEXT, required=False, sort_order=0),
            BuiltFormField(
                label="Pernah mengikuti FGD Kesbangpol sebelumnya?",
                kind=FieldKind.RADIO,
                choices="Ya, Belum pernah",
                required=True,
                sort_order=1,
            ),
            BuiltFormField(
                label="Topik yang ingin Anda bahas",
                kind=FieldKind.TEXTAREA,
                required=False,
                help_text="Satu atau dua kalimat.",
                sort_order=2,
            ),
            BuiltFormField(
                label="Kebutuhan khusus",
                kind=FieldKind.CHECKBOXES,
                choices="Akses kursi roda, Juru bahasa isyarat, Materi cetak huruf besar",
                required=False,
                sort_order=3,
            ),
        ],
    )
    form.save()
    seeder.created += 1
    seeder.log("  + registration form: Formulir FGD Kebangsaan")
    return form


def _demo_registrations(seeder, event, categories):
    """Ten confirmed people and three on the waitlist, with made-up names and reserved example addresses."""
    if event.registrations.exists():
        seeder.kept += 1
        return
    now = timezone.now()
    ormas = [c for c in categories if c.name in ("Ormas", "Ormas Adat")]
    for i, (name, organisation, _category_index) in enumerate(DEMO_NAMES):
        status = Registration.Status.CONFIRMED if i < event.capacity else Registration.Status.WAITLISTED
        Registration.objects.create(
            event=event,
            code=seats.issue_code(event),
            status=status,
            full_name=name,
            email=f"peserta{i + 1:02d}@contoh.example",
            phone=f"+62812000000{i:02d}",
            organisation=organisation,
            organisation_key=organisation_key(organisation),
            category=ormas[i % 2],
            consent_version="2026-11",
            consented_at=now,
            submission_token=uuid.uuid4(),
            created_at=now - dt.timedelta(days=5, minutes=len(DEMO_NAMES) - i),
            confirmed_at=now if status == Registration.Status.CONFIRMED else None,
        )
    seats.sync_seat_pools(event)
    seeder.created += 1
    seeder.log(f"  + {len(DEMO_NAMES)} demo registrations for {event.title}")
