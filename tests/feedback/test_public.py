"""Saran dan Pengaduan from the citizen's side: the form, the tracking code, attachments, the status page, abuse."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone

from feedback.models import Feedback, FeedbackEvent
from home.models import OutboxMessage
from home.outbox import send_due
from home.tracking import normalise_code
from tests.feedback.helpers import (
    form_data,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
    upload,
)
from tests.support.bad_files import HTML_BEHIND_A_PDF_HEADER, HTML_NAMED_PDF, pixel_bomb_png

YEAR = timezone.localdate().year
URL = "/saran-dan-pengaduan/"


def submit(client, topic_obj, *, files=None, **overrides):
    data = form_data(topic_obj, **overrides)
    if files:
        data.update(files)
    return client.post(URL, data)


def private_files():
    return sorted(p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file())


def field_error(response, field):
    soup = BeautifulSoup(response.content, "html.parser")
    node = soup.find(id=f"id_{field}-error")
    return node.get_text(" ", strip=True) if node else ""


def test_form_renders_every_field_with_a_label(client, feedback_page, topics):
    response = client.get(URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", enctype="multipart/form-data")
    for name in ("topic", "message", "attachment", "name", "email", "phone"):
        field = form.find(attrs={"name": name})
        assert soup.find("label", attrs={"for": field["id"]}), name
    assert [o.get_text() for o in form.find("select").find_all("option")][1:] == [
        "Kamtibmas dan kewaspadaan dini",
        "Layanan Kesbangpol lainnya",
        "Pendaftaran ormas/SIOLA",
    ]
    assert form.find("input", attrs={"name": "submission_token"})


def test_a_complaint_is_stored_routed_and_confirmed_after_a_redirect(client, feedback_page, topics, teams):
    response = submit(client, topics["a"])
    assert response.status_code == 302
    assert response["Location"] == URL + "terkirim/"

    item = Feedback.objects.get()
    assert item.tracking_code == f"ADU-{YEAR}-00001"
    assert item.team == teams["a"] and item.status == "baru"
    assert item.email == "siti@contoh.id" and len(item.secret_hash) == 64, "a secret even with an address"
    assert item.verify_due > timezone.localdate() and item.answer_due > item.verify_due
    assert item.consent_version and item.consented_at
    assert list(item.events.values_list("kind", flat=True)) == [FeedbackEvent.Kind.CREATED]

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.find(id="tracking-code").get_text() == item.tracking_code
    secret = soup.find(id="tracking-secret").get_text()
    assert secret not in item.secret_hash, "an address is no proof: every sender gets the secret"


def test_mails_tell_the_citizen_and_the_team_without_personal_data(
    client, feedback_page, topics, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, topics["b"])
    item = Feedback.objects.get()
    citizen = OutboxMessage.objects.get(key=f"feedback:{item.tracking_code}:received")
    team = OutboxMessage.objects.get(key=f"feedback:{item.tracking_code}:team-new")
    assert citizen.to == ["siti@contoh.id"]
    assert item.tracking_code in citizen.body_text and "/saran-dan-pengaduan/status/" in citizen.body_text
    assert team.to == ["waspada@kesbangpol.example", "kabid@kesbangpol.example"]
    assert item.tracking_code in team.subject and "Kamtibmas" in team.subject
    assert f"/admin/saran-pengaduan/{item.pk}/" in team.body_text
    for private in ("Siti", "siti@contoh.id", "0812", "Menteng"):
        assert private not in team.body_text and private not in team.subject
    assert "Menteng" not in citizen.body_text, "the message itself is not repeated by e-mail"
    assert len(mailoutbox) == 2


def test_the_receipt_links_to_the_public_site_whatever_host_the_form_was_posted_to(
    client, feedback_page, topics, django_capture_on_commit_callbacks
):
    """The status link is on SITE_URL (https://kesbangpol.test in the tests), never the Host the request named."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(topics["a"]), HTTP_HOST="localhost", HTTP_X_FORWARDED_HOST="evil.example")
    assert response.status_code == 302
    item = Feedback.objects.get()
    citizen = OutboxMessage.objects.get(key=f"feedback:{item.tracking_code}:received")
    team = OutboxMessage.objects.get(key=f"feedback:{item.tracking_code}:team-new")
    assert "https://kesbangpol.test/saran-dan-pengaduan/status/" in citizen.body_text
    assert f"https://kesbangpol.test/admin/saran-pengaduan/{item.pk}/" in team.body_text
    for mail in (citizen, team):
        assert "localhost" not in mail.body_text + mail.body_html and "evil.example" not in mail.body_text


def test_an_unrouted_topic_goes_to_the_triage_group(client, feedback_page, topics):
    submit(client, topics["none"])
    item = Feedback.objects.get()
    assert item.team is None
    assert OutboxMessage.objects.get(key=f"feedback:{item.tracking_code}:team-new").to == ["triase@kesbangpol.example"]


def test_tracking_codes_count_per_year(client, feedback_page, topics):
    for _ in range(3):
        submit(client, topics["a"])
    assert list(Feedback.objects.order_by("id").values_list("tracking_code", flat=True)) == [
        f"ADU-{YEAR}-00001",
        f"ADU-{YEAR}-00002",
        f"ADU-{YEAR}-00003",
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": ""}, "kind", "Pilih jenis"),
        ({"topic": ""}, "topic", "Pilih topik"),
        ({"message": ""}, "message", "Tulis pesan Anda"),
        ({"message": "pendek"}, "message", "paling sedikit 10 karakter"),
        ({"message": "x" * 5001}, "message", "paling banyak 5000 karakter"),
        ({"email": "bukan-email"}, "email", "nama@contoh.id"),
        ({"phone": "telepon saya"}, "phone", "hanya angka"),
        ({"identity": "anonymous"}, "name", "Anda memilih anonim"),
        ({"consent": None}, "consent", "Centang kotak ini"),
    ],
)
def test_bad_input_gets_an_indonesian_message_next_to_the_field_and_stores_nothing(
    client, feedback_page, topics, overrides, field, message
):
    response = submit(client, topics["a"], **overrides)
    assert response.status_code == 400
    assert message in field_error(response, field)
    assert not Feedback.objects.exists() and not OutboxMessage.objects.exists()
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(class_="error-summary"), "an error summary links to the fields"
    if field == "message" and overrides["message"]:
        assert soup.find("textarea", attrs={"name": "message"}).get_text().strip() == overrides["message"]


def test_honeypot_and_too_fast_submissions_are_refused(client, feedback_page, topics, settings):
    assert submit(client, topics["a"], website="http://promo.example").status_code == 400
    settings.ANTISPAM_MIN_SECONDS = 3
    assert submit(client, topics["a"]).status_code == 400
    assert not Feedback.objects.exists()


# Attachments ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "content", "mimetype"),
    [
        ("foto.png", png_bytes(), "image/png"),
        ("foto.jpeg", jpeg_bytes(), "image/jpeg"),
        ("surat.pdf", pdf_bytes(), "application/pdf"),
        # The content decides the stored type, not the name (a PNG called .pdf is refused: see below).
        ("foto tanpa ekstensi", png_bytes(), "image/png"),
    ],
)
def test_attachment_is_checked_by_content_and_stored_privately(client, feedback_page, topics, name, content, mimetype):
    response = submit(client, topics["a"], files={"attachment": upload(name, content)})
    assert response.status_code == 302
    item = Feedback.objects.get()
    assert item.attachment_type == mimetype and item.attachment_size == len(content)
    stored = Path(item.attachment.path)
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert Path(name).stem not in stored.name, "the stored name is random, not the uploader's"
    assert stored.read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("foto.png", b"MZ\x90\x00 this is a windows program", "bukan berkas PNG yang sebenarnya"),
        ("skrip", b"<script>alert(1)</script>", "Hanya berkas PDF, JPG, atau PNG"),
        ("program.exe", b"MZ\x90\x00 this is a windows program", "Hanya berkas PDF, JPG, atau PNG"),
        ("rusak.png", png_bytes()[:40], "rusak atau tidak lengkap"),
        ("rusak.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\n", "rusak atau tidak lengkap"),
        ("besar.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n", "lebih dari 5 MB"),
    ],
)
def test_bad_attachments_are_refused_and_leave_no_file(client, feedback_page, topics, name, content, message):
    before = private_files()
    response = submit(client, topics["a"], files={"attachment": upload(name, content)})
    assert response.status_code == 400
    assert message in field_error(response, "attachment")
    assert not Feedback.objects.exists()
    assert private_files() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("peta.png", pixel_bomb_png(), "lebih dari 40 juta piksel"),
        ("surat.pdf", HTML_NAMED_PDF, "bukan berkas PDF yang sebenarnya"),
        ("surat.pdf", HTML_BEHIND_A_PDF_HEADER, "bukan berkas PDF yang sebenarnya"),
        # What a file's name declares must be what it holds, on every upload field (home/uploads.py).
        ("foto.pdf", png_bytes(), "bukan berkas PDF yang sebenarnya"),
    ],
)
def test_pixel_bombs_and_html_dressed_as_a_pdf_are_refused_at_the_field(
    client, feedback_page, topics, name, content, message
):
    assert len(content) < 20_000, "a small upload: the danger is in what it decodes to"
    before = private_files()
    response = submit(client, topics["a"], files={"attachment": upload(name, content)})
    assert response.status_code == 400
    assert message in field_error(response, "attachment")
    assert not Feedback.objects.exists()
    assert private_files() == before


def test_a_form_sent_back_with_errors_asks_to_choose_the_attached_file_again(client, feedback_page, topics):
    # A browser cannot re-fill a file input: without this note the file would silently be missing on the next send.
    before = private_files()
    response = submit(client, topics["a"], message="Pendek", files={"attachment": upload("surat.pdf", pdf_bytes())})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    note = soup.find(id="id_attachment-reselect")
    assert "pilih berkasnya lagi" in note.get_text(" ", strip=True)
    assert "id_attachment-reselect" in soup.find("input", attrs={"name": "attachment"})["aria-describedby"]
    assert note.find_parent(class_="field") is soup.find("input", attrs={"name": "attachment"}).find_parent(
        class_="field"
    )
    assert not Feedback.objects.exists()
    assert private_files() == before

    # No file chosen, or the file itself refused (its own message says so): no such note.
    without_file = submit(client, topics["a"], message="Pendek")
    refused_file = submit(client, topics["a"], files={"attachment": upload("skrip.png", b"<script>")})
    for response in (without_file, refused_file):
        assert response.status_code == 400
        assert BeautifulSoup(response.content, "html.parser").find(id="id_attachment-reselect") is None


def test_a_failed_save_removes_the_stored_attachment(client, feedback_page, topics, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(FeedbackEvent.objects, "create", fail)
    before = private_files()
    with pytest.raises(RuntimeError):
        submit(client, topics["a"], files={"attachment": upload("foto.png", png_bytes())})
    assert not Feedback.objects.exists()
    assert private_files() == before


# Anonymous and confidential -------------------------------------------------------------------------------------
def test_anonymous_keeps_no_identity_and_shows_the_secret_once(client, feedback_page, topics):
    response = submit(client, topics["a"], identity="anonymous", name="", email="", phone="")
    assert response.status_code == 302
    item = Feedback.objects.get()
    assert (item.name, item.email, item.phone) == ("", "", "")
    assert item.identity == "anonymous" and len(item.secret_hash) == 64

    first = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    secret = first.find(id="tracking-secret").get_text()
    assert len(secret) == 19 and secret not in item.secret_hash
    again = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert again.find(id="tracking-secret") is None, "shown once only"
    assert again.find(id="tracking-code").get_text() == item.tracking_code

    other_browser = client_class_fresh()
    lookup = other_browser.post(URL + "status/", {"code": item.tracking_code, "secret": secret.lower()})
    assert lookup.status_code == 302
    assert other_browser.get(lookup["Location"]).status_code == 200


def client_class_fresh():
    from django.test import Client

    return Client()


def test_a_double_submit_stores_one_item(client, feedback_page, topics):
    data = form_data(topics["a"])
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert first["Location"] == second["Location"] == URL + "terkirim/"
    assert Feedback.objects.count() == 1


# Status page ----------------------------------------------------------------------------------------------------
@pytest.fixture
def answered(client, feedback_page, topics, editors):
    from feedback import service as feedback_service

    receipt = client.get(submit(client, topics["a"])["Location"])
    secret = BeautifulSoup(receipt.content, "html.parser").find(id="tracking-secret").get_text()
    item = Feedback.objects.get()
    feedback_service.change_status(item, editors["a"], "diverifikasi")
    feedback_service.add_note(item, editors["a"], "CATATAN INTERNAL: pelapor kerabat pejabat")
    feedback_service.publish_answer(item, editors["a"], "Kami sudah menghubungi pengurus ormas tersebut.")
    item.refresh_from_db()
    item.secret = secret  # as the citizen wrote it down from the receipt
    return item


def test_status_page_shows_history_and_answer_but_no_personal_data(answered, feedback_page):
    from django.test import Client

    citizen = Client()
    response = citizen.post(
        URL + "status/", {"code": answered.tracking_code.lower(), "secret": answered.secret.lower()}
    )
    assert response.status_code == 302
    page = citizen.get(response["Location"])
    text = BeautifulSoup(page.content, "html.parser").get_text(" ")
    assert "Diverifikasi" in text
    assert "Kami sudah menghubungi pengurus ormas tersebut." in text
    assert "no-store" in page["Cache-Control"]
    for private in ("Siti", "siti@contoh.id", "0812", "Menteng", "CATATAN INTERNAL", "editor_a"):
        assert private not in text


def test_status_needs_the_right_secret_and_says_the_same_for_every_failure(answered, feedback_page):
    from django.test import Client

    citizen = Client()
    by_address = citizen.post(URL + "status/", {"code": answered.tracking_code, "secret": "siti@contoh.id"})
    unknown_code = citizen.post(URL + "status/", {"code": f"ADU-{YEAR}-09999", "secret": answered.secret})
    assert by_address.status_code == unknown_code.status_code == 400, "the e-mail address is no proof"
    assert field_error(by_address, "secret") == field_error(unknown_code, "secret")
    assert "tidak cocok" in field_error(by_address, "secret")
    direct = citizen.get(f"{URL}status/{answered.tracking_code}/")
    assert direct.status_code == 302, "the status page itself needs the proof first"


def test_status_lookup_is_limited_per_code(answered, feedback_page):
    from django.test import Client

    for attempt in range(11):
        response = Client(REMOTE_ADDR=f"10.1.0.{attempt}").post(
            URL + "status/", {"code": answered.tracking_code, "secret": f"TEBAK-{attempt:04d}"}
        )
    assert response.status_code == 429
    right = Client(REMOTE_ADDR="10.2.0.1").post(
        URL + "status/", {"code": answered.tracking_code, "secret": answered.secret}
    )
    # Refused too, before the secret is compared: otherwise the lock would still answer "right" to a guesser.
    # The sender's mailed link is not locked (tests/feedback/test_lookup.py).
    assert right.status_code == 429


def test_code_is_normalised():
    assert normalise_code(" adu-2026-42 ") == "ADU-2026-00042"
    assert normalise_code("ADU2026 00042") == "ADU-2026-00042"
    assert normalise_code("ADU-2026-00042") == "ADU-2026-00042"


# Abuse limits ---------------------------------------------------------------------------------------------------
def test_fifty_students_behind_one_campus_address_all_get_through_then_a_flood_stops(feedback_page, topics):
    from django.test import Client

    for n in range(50):
        student = Client(REMOTE_ADDR="103.10.20.30")
        response = student.post(URL, form_data(topics["a"], name=f"Mahasiswa {n}", email=f"mhs{n}@kampus.ac.id"))
        assert response.status_code == 302, n
    assert Feedback.objects.count() == 50

    flood = Client(REMOTE_ADDR="103.10.20.30")
    statuses = [flood.post(URL, form_data(topics["a"], email="")).status_code for _ in range(15)]
    assert statuses[-1] == 429
    assert Feedback.objects.count() == 60, "the per-address budget (60 a minute) is the ceiling"


def test_many_messages_from_one_email_address_are_limited(client, feedback_page, topics):
    codes = [submit(client, topics["a"]).status_code for _ in range(6)]
    assert codes == [302] * 5 + [400]
    assert Feedback.objects.count() == 5


# Mail through the outbox when SMTP is down ------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_smtp_down_never_loses_a_submission_and_sends_each_mail_once_when_back(smtp_sink, home_page, topics):
    from django.test import Client

    from tests.factories import make_page

    make_page(home_page, _feedback_page_model(), title="Saran dan Pengaduan", slug="saran-dan-pengaduan")
    smtp_sink.stop()
    response = Client().post(URL, form_data(topics["a"]))
    assert response.status_code == 302
    item = Feedback.objects.get()
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"pending"}

    smtp_sink.start()
    later = timezone.now() + timedelta(minutes=5)
    assert send_due(now=later) == (2, 0)
    assert send_due(now=later + timedelta(hours=2)) == (0, 0)
    assert len(smtp_sink.by_key(f"feedback:{item.tracking_code}:received")) == 1
    assert len(smtp_sink.by_key(f"feedback:{item.tracking_code}:team-new")) == 1


def _feedback_page_model():
    from feedback.models import FeedbackPage

    return FeedbackPage


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="needs real concurrent transactions (PostgreSQL); SQLite serialises writers anyway",
)
def test_concurrent_submissions_get_distinct_consecutive_codes(topics):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    from feedback.service import submit as store

    data = {"kind": "saran", "topic": topics["a"], "message": "Saran uji bersamaan.", "identity": "anonymous"}
    consent = {"version": "uji", "given_at": timezone.now()}

    def one(_n):
        try:
            return store(data=data, consent=consent)[0].tracking_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(one, range(24)))
    assert sorted(codes) == [f"ADU-{YEAR}-{n:05d}" for n in range(1, 25)]
