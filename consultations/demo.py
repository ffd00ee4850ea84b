"""Demo content for Konsultasi Publik: an open consultation on Polri–community synergy ahead of the elections, and a
closed one with "Apa yang kami dengar" and "Tanggapan dan hasil" both published.

Both open with the demo note (home/seeding.py): the responses, figures and quotes are invented. Dates are relative
to today so the open one stays open; responses are written directly (no mail is queued), and each
has a fixed reference so a second run changes nothing. Both consultations carry an editor-built question form (a
BuiltForm, as editors make under Snippets); the closed one's responses answer it, so "Apa yang kami dengar" shows
the counts per question from the stored form entries.
"""

import datetime
import uuid

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from forms_builder.forms.models import FieldEntry, FormEntry

from builtforms.models import BuiltForm, BuiltFormField, FieldKind
from consultations.models import ConsultationIndexPage, ConsultationPage, ConsultationResponse
from home.models import CodeCounter
from home.seeding import demo_note, rich, simple_pdf, stream, with_demo_note

TEAM_NAME = "Tim Politik Dalam Negeri"
DEMO_NAMESPACE = uuid.UUID("0c1b7a52-7d0e-4b8e-9f4e-2b5b8f3e6c21")
TEAM_PERMISSIONS = [
    "access_admin",
    "view_consultationresponse",
    "change_consultationresponse",
    "export_consultationresponse",
]

CLOSED_RESPONSES = [
    # (topics, response, approved anonymised quote or "")
    (["Jam layanan"], "Kantor sebaiknya buka sampai sore pada hari Jumat.", "Buka sampai sore pada hari Jumat."),
    (["Jam layanan", "Layanan daring"], "Layanan SKT bisa dilayani daring saja supaya tidak perlu antre.", ""),
    (
        ["Layanan daring"],
        "Unggahan berkas di SIOLA sering gagal, mohon ada pendampingan.",
        "Mohon ada pendampingan unggah berkas.",
    ),
    (["Jam layanan"], "Setuju dengan jadwal baru, asal diumumkan di media sosial.", ""),
    (["Layanan daring"], "Perlu nomor WhatsApp untuk bertanya tentang pendaftaran ormas.", ""),
    (["Informasi"], "Papan informasi di kantor sulit dibaca.", "Papan informasi perlu diperbarui."),
    (["Jam layanan", "Informasi"], "Jadwal istirahat petugas perlu ditempel di pintu.", ""),
]
# Answers of the closed consultation's responses to its question form, in the order of CLOSED_RESPONSES:
# (agreement with the proposed hours, services used).
CLOSED_ANSWERS = [
    ("Setuju", "Pendaftaran ormas (SIOLA)"),
    ("Setuju", "Pendaftaran ormas (SIOLA), Konsultasi langsung di kantor"),
    ("Setuju dengan catatan", "Pendaftaran ormas (SIOLA)"),
    ("Setuju", "Informasi dan pengumuman"),
    ("Tidak setuju", "Pendaftaran ormas (SIOLA), Informasi dan pengumuman"),
    ("Setuju dengan catatan", "Konsultasi langsung di kantor"),
    ("Setuju", ""),
]
OPEN_QUESTIONS = (
    "Kuesioner Sinergi Polri dan Masyarakat",
    "Tiga pertanyaan singkat sebelum tanggapan Anda; jawaban dihitung dan diterbitkan tanpa nama.",
    [
        (
            "Apa yang paling Anda khawatirkan menjelang pemilu di daerah Anda?",
            FieldKind.CHECKBOXES,
            "Hoaks dan ujaran kebencian, Politik uang, Bentrokan antarpendukung, Netralitas aparat, "
            "Keamanan tempat pemungutan suara",
            False,  # someone who worries about none of these need not tick one
        ),
        (
            "Seberapa setuju Anda dengan rancangan program ini?",
            FieldKind.RADIO,
            "Sangat setuju, Setuju, Ragu-ragu, Tidak setuju, Sangat tidak setuju",
            True,
        ),
        ("Kabupaten/kota tempat Anda tinggal", FieldKind.TEXT, "", False),
    ],
)
CLOSED_QUESTIONS = (
    "Kuesioner Jam dan Cara Layanan",
    "",
    [
        (
            "Apakah Anda setuju dengan jam layanan yang diusulkan?",
            FieldKind.RADIO,
            "Setuju, Setuju dengan catatan, Tidak setuju",
            True,
        ),
        (
            "Layanan Kesbangpol yang pernah Anda gunakan",
            FieldKind.CHECKBOXES,
            "Pendaftaran ormas (SIOLA), Konsultasi langsung di kantor, Informasi dan pengumuman",
            False,
        ),
    ],
)


def seed(seeder):
    team = _team(seeder)
    home = seeder.home_page()
    index = seeder.page(
        home,
        ConsultationIndexPage,
        "konsultasi-publik",
        title="Konsultasi Publik",
        show_in_menus=True,
        intro=rich(
            "Sebelum mengambil keputusan yang menyangkut warga, Badan Kesbangpol meminta pendapat Anda. Baca "
            "rancangannya, kirim tanggapan selama konsultasi dibuka, lalu lihat apa yang kami dengar dan apa "
            "keputusannya."
        ),
        search_description="Konsultasi publik Badan Kesbangpol Kalimantan Tengah: tanggapi rancangan kebijakan.",
    )
    today = timezone.localdate()
    draft = seeder.document(
        "Rancangan Program Sinergi Polri dan Masyarakat Menjelang Pemilu",
        "rancangan-program-sinergi-polri-masyarakat.pdf",
        simple_pdf(
            "Rancangan Program Sinergi Polri dan Masyarakat",
            [
                "1. Patroli dialogis bersama ormas, OKP, dan tokoh adat di kecamatan rawan.",
                "2. Forum kewaspadaan dini masyarakat di setiap kabupaten/kota.",
                "3. Kanal pengaduan terpadu selama masa kampanye dan pemungutan suara.",
                "Dokumen contoh untuk konten demo.",
            ],
        ),
    )
    tor = seeder.document(
        "Kerangka Acuan Konsultasi Sinergi Polri dan Masyarakat",
        "kerangka-acuan-konsultasi.pdf",
        simple_pdf("Kerangka Acuan (TOR)", ["Tujuan, sasaran, jadwal, dan cara menanggapi.", "Konten demo."]),
    )
    open_questions = _question_form(seeder, *OPEN_QUESTIONS)
    open_one = seeder.page(
        index,
        ConsultationPage,
        "sinergi-polri-dan-masyarakat-menjelang-pemilu",
        title="Penguatan Sinergi Polri dan Masyarakat Menjelang Pemilu",
        summary=(
            "Badan Kesbangpol menyusun program bersama Polda Kalimantan Tengah untuk menjaga kamtibmas menjelang "
            "pemilu. Kami ingin tahu pendapat ormas, OKP, mahasiswa, tokoh adat, dan warga tentang rancangannya."
        ),
        opens_at=_at(today - datetime.timedelta(days=7), 8),
        # After the FGD in the agenda (three weeks from today, or the Monday after) where one can also respond.
        closes_at=_at(today + datetime.timedelta(days=28), 16),
        team=team,
        notify_emails="poldagri@kesbangpol.kalteng.example",
        background=with_demo_note(
            stream(
                (
                    "paragraph",
                    rich(
                        "Pada FGD bersama Polri dan masyarakat, peserta meminta agar ormas, OKP, dan lembaga "
                        "kemahasiswaan dilibatkan sejak perencanaan pengamanan pemilu. Rancangan program ini "
                        "menjawab permintaan itu.",
                        "Tanggapan Anda akan kami baca seluruhnya, kami rangkum dalam bagian “Apa yang kami dengar”, "
                        "dan kami jawab dalam “Tanggapan dan hasil” setelah konsultasi ditutup.",
                    ),
                ),
            )
        ),
        documents=stream(
            ("document", {"document": draft.pk, "title": "Rancangan program (PDF)"}),
            ("document", {"document": tor.pk, "title": "Kerangka acuan konsultasi (PDF)"}),
        ),
        response_prompt="Apa tanggapan, saran, atau keberatan Anda terhadap rancangan program ini?",
        response_topics="Patroli dialogis\nForum kewaspadaan dini\nKanal pengaduan selama pemilu\nLainnya",
        question_form=open_questions,
        other_ways=rich(
            # The FGD is in the demo agenda (events/demo.py) and held before this consultation closes.
            "Kirim surat ke kantor Badan Kesbangpol Provinsi Kalimantan Tengah, atau sampaikan langsung dalam FGD "
            "Wawasan Kebangsaan bagi Generasi Muda Kalimantan Tengah yang diumumkan di Agenda Kegiatan. Tanggapan "
            "lewat surat kami terima sampai tanggal penutupan."
        ),
    )
    _attach_questions(open_one, open_questions)
    closed_questions = _question_form(seeder, *CLOSED_QUESTIONS)
    closed = seeder.page(
        index,
        ConsultationPage,
        "jam-dan-cara-layanan-kesbangpol",
        title="Jam dan Cara Layanan Kesbangpol",
        summary="Kami meminta pendapat tentang jam layanan baru dan layanan daring untuk pendaftaran ormas.",
        opens_at=_at(today - datetime.timedelta(days=75), 8),
        closes_at=_at(today - datetime.timedelta(days=45), 16),
        team=team,
        notify_emails="poldagri@kesbangpol.kalteng.example",
        response_prompt="Bagaimana pendapat Anda tentang jam dan cara layanan yang diusulkan?",
        response_topics="Jam layanan\nLayanan daring\nInformasi",
        question_form=closed_questions,
        heard_summary=rich(
            "Sebagian besar responden menyetujui jam layanan baru. Banyak yang meminta pendampingan untuk layanan "
            "daring SIOLA dan informasi yang lebih jelas di kantor."
        ),
        heard_published=True,
        # The footer's office hours (home/demo.py, OFFICE_HOURS) are the ones this outcome announces.
        outcome=demo_note()
        + rich(
            "Kantor kini melayani sampai pukul 16.00 WIB pada hari Jumat, sama seperti Senin sampai Kamis; jam "
            "layanan di bagian bawah setiap halaman sudah kami perbarui. Kami membuka layanan pendampingan SIOLA "
            "setiap Selasa dan Kamis, dan memperbarui papan informasi di lobi.",
            "Usulan layanan SKT sepenuhnya daring tidak dapat kami jalankan karena pendaftaran ormas diatur "
            "oleh Kementerian Dalam Negeri; kami meneruskan usulan itu ke sana.",
        ),
        outcome_published=True,
    )
    _attach_questions(closed, closed_questions)
    fields = list(closed_questions.builder_fields.order_by("sort_order"))
    for number, ((topics, text, quote), answers) in enumerate(zip(CLOSED_RESPONSES, CLOSED_ANSWERS, strict=True)):
        response = _response(seeder, closed, number, topics, text, quote)
        if response.entry_id is None:
            # Also fills in the answers of responses seeded before consultations had question forms.
            response.entry = _entry(closed_questions, fields, answers, response.submitted_at)
            response.save(update_fields=["entry"])


def _question_form(seeder, title, intro, questions):
    existing = BuiltForm.objects.filter(title=title).first()
    if existing is not None:
        seeder.kept += 1
        return existing
    form = BuiltForm(
        title=title,
        intro=intro,
        builder_fields=[
            BuiltFormField(label=label, kind=kind, choices=choices, required=required, sort_order=order)
            for order, (label, kind, choices, required) in enumerate(questions)
        ],
    )
    form.save()
    seeder._result(True, f"question form: {title}")
    return form


def _attach_questions(page, form):
    """Give a consultation seeded before question forms existed its form (once; later runs find it set)."""
    if page.question_form_id is None:
        page.question_form = form
        page.save_revision().publish()


def _entry(form, fields, answers, submitted):
    entry = FormEntry.objects.create(form_id=form.pk, entry_time=submitted)
    FieldEntry.objects.bulk_create(
        FieldEntry(entry=entry, field_id=field.pk, value=value) for field, value in zip(fields, answers, strict=True)
    )
    return entry


def _team(seeder):
    group, created = Group.objects.get_or_create(name=TEAM_NAME)
    if created:
        group.permissions.add(
            *Permission.objects.filter(
                codename__in=TEAM_PERMISSIONS, content_type__app_label__in=["wagtailadmin", "consultations"]
            )
        )
    seeder._result(created, f"group: {TEAM_NAME}")
    return group


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _response(seeder, page, number, topics, text, quote):
    token = uuid.uuid5(DEMO_NAMESPACE, f"{page.slug}-{number}")
    existing = ConsultationResponse.objects.filter(submission_token=token).first()
    if existing is not None:
        seeder.kept += 1
        return existing
    submitted = page.opens_at + datetime.timedelta(days=number + 1, hours=2)
    response = ConsultationResponse.objects.create(
        page=page,
        reference_code=CodeCounter.next_code(ConsultationResponse.REFERENCE_PREFIX, timezone.localdate(submitted).year),
        submitted_at=submitted,
        response=text,
        topics=topics,
        submission_token=token,
        quote=quote,
        quote_approved=bool(quote),
        consent_version="demo",
        consented_at=submitted,
    )
    seeder._result(True, f"consultation response {number + 1} to {page.title}")
    return response
