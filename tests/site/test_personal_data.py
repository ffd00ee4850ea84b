"""Personal data (UU 27/2022): the registry covers every model with personal fields; purge_personal_data forgets
what is past its retention everywhere and keeps the counts; data-subject requests export and erase a person."""

import datetime as dt
import io
import json
import os
import re
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone
from forms_builder.forms.models import FieldEntry, FormEntry
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from consultations.models import ConsultationIndexPage, ConsultationPage, ConsultationResponse
from events import seats
from events.models import EventPage, Registration, SeatPool
from feedback import service as feedback_service
from feedback.models import Feedback, FeedbackTopic
from home import personal_data
from home.attachments import PNG
from home.models import CodeCounter, OutboxMessage
from tests.factories import make_page
from tests.factories.events import built_form, make_event, register
from tests.feedback.helpers import png_bytes, upload

PERSON = "siti.rahma@contoh.id"
OTHER = "budi.lain@contoh.id"
# Field names that suggest personal data. A model with one of them must be in home/personal_data.py.
PERSONAL = re.compile(
    r"(^|_)(e?mails?|phone|name|username|ip|address|message|organisation|organization|agent|post_data|get_data"
    r"|session_data|to|reply_to|body_text|response|answers|traceback|value)($|_)"
)
URL = "/admin/pelindungan-data/"


# -- the registry ---------------------------------------------------------------------------------------------------
def unregistered(models, registered):
    missing = []
    for model in models:
        if model._meta.proxy:
            continue
        personal = [f.name for f in model._meta.concrete_fields if PERSONAL.search(f.name)]
        if personal and model._meta.label not in registered:
            missing.append(f"{model._meta.label} {personal}")
    return missing


def test_every_model_with_personal_fields_is_in_the_registry():
    missing = unregistered(apps.get_models(), personal_data.registered_labels())
    assert missing == [], "add these to home/personal_data.py (SOURCES, or NOT_PERSONAL with a reason):\n" + "\n".join(
        missing
    )
    for label in personal_data.registered_labels():
        apps.get_model(label)  # a stale entry (a model renamed or gone) fails here


def test_the_registry_check_notices_a_model_left_out():
    registered = personal_data.registered_labels() - {"events.Registration"}
    assert any(m.startswith("events.Registration ") for m in unregistered(apps.get_models(), registered))


# -- a small world with a person's data in every place ----------------------------------------------------------------
def ago(**kwargs):
    return timezone.now() - dt.timedelta(**kwargs)


@pytest.fixture
def world(home_page):
    """Old (past retention) and recent personal data of PERSON and OTHER in every source."""
    w = {}
    topic = FeedbackTopic.objects.create(name="Ormas")
    consent = {"version": "uji", "given_at": timezone.now()}
    data = {"kind": "pengaduan", "topic": topic, "message": "Pesan Siti.", "identity": "confidential"}
    w["old_feedback"], _s, _c = feedback_service.submit(
        data={**data, "name": "Siti Rahma", "email": PERSON, "phone": "081200001111"},
        consent=consent,
        upload=upload("foto.png", png_bytes()),
        upload_kind=PNG,
    )
    Feedback.objects.filter(pk=w["old_feedback"].pk).update(status="selesai", closed_at=ago(days=400))
    w["open_feedback"], _s, _c = feedback_service.submit(
        data={**data, "name": "Siti Rahma", "email": PERSON, "phone": "081200001111"}, consent=consent
    )

    index = make_page(home_page, ConsultationIndexPage, title="Konsultasi", slug="konsultasi")
    closed = make_page(
        index,
        ConsultationPage,
        title="Lama",
        slug="lama",
        summary="Lama.",
        opens_at=ago(days=200),
        closes_at=ago(days=100),
    )
    current = make_page(
        index,
        ConsultationPage,
        title="Baru",
        slug="baru",
        summary="Baru.",
        opens_at=ago(days=1),
        closes_at=ago(days=-9),
    )

    def response(page, email, name):
        return ConsultationResponse.objects.create(
            page=page,
            reference_code=CodeCounter.next_code("KON", 2026),
            response=f"Tanggapan {name}.",
            topics=["Keamanan"],
            name=name,
            organisation="BEM UPR",
            email=email,
            consent_version="uji",
            consented_at=timezone.now(),
        )

    w["old_response"] = response(closed, PERSON, "Siti Rahma")
    w["new_response"] = response(current, PERSON, "Siti Rahma")

    past = make_event(home_page, capacity=5, title="Forum lama", slug="forum-lama")
    form = built_form(("Kampus", "text", {"required": False}))
    w["past_reg"] = register(past, email=PERSON, name="Siti Rahma")
    seats.mark_attendance(w["past_reg"])
    entry = FormEntry.objects.create(form=form, entry_time=ago(days=100))
    FieldEntry.objects.create(entry=entry, field_id=form.fields.get().pk, value="Universitas Palangka Raya")
    Registration.objects.filter(pk=w["past_reg"].pk).update(entry=entry)
    w["past_entry"] = entry
    EventPage.objects.filter(pk=past.pk).update(ends_at=ago(days=91))
    w["past_event"] = past
    w["orphan_entry"] = FormEntry.objects.create(form=form, entry_time=ago(days=100))

    upcoming = make_event(home_page, capacity=1, title="FGD baru", slug="fgd-baru")
    w["seat"] = register(upcoming, email=PERSON, name="Siti Rahma")
    w["waiting"] = register(upcoming, email=OTHER, name="Budi Lain")
    w["event"] = upcoming

    OutboxMessage.objects.filter(to__isnull=False).update(status="sent", sent_at=timezone.now())
    w["old_mail"] = OutboxMessage.objects.create(
        key="uji:lama", to=[PERSON], subject="Lama", body_text="Halo Siti", status="sent", sent_at=ago(days=40)
    )
    w["failed_mail"] = OutboxMessage.objects.create(key="uji:gagal", to=[PERSON], subject="Gagal", body_text="Halo")
    OutboxMessage.objects.filter(pk=w["failed_mail"].pk).update(status="failed", created_at=ago(days=100))

    from django_tasks_db.models import DBTaskResult

    common = {"args_kwargs": {"args": [1], "kwargs": {}}, "task_path": "home.outbox.send", "backend_name": "outbox"}
    w["old_task"] = DBTaskResult.objects.create(
        status="FAILED", run_after=ago(days=20), finished_at=ago(days=20), traceback=f"refused {PERSON}", **common
    )
    w["new_task"] = DBTaskResult.objects.create(
        status="SUCCESSFUL", run_after=ago(days=1), finished_at=ago(days=1), **common
    )

    from axes.models import AccessAttempt, AccessLog

    axes = {"user_agent": "uji", "ip_address": "10.0.0.1", "http_accept": "*/*", "path_info": "/admin/login/"}
    w["old_attempt"] = AccessAttempt.objects.create(
        username=PERSON, get_data="", post_data="", failures_since_start=1, **axes
    )
    AccessAttempt.objects.filter(pk=w["old_attempt"].pk).update(attempt_time=ago(minutes=20))
    w["new_attempt"] = AccessAttempt.objects.create(
        username="editor", get_data="", post_data="", failures_since_start=1, **axes
    )
    w["old_log"] = AccessLog.objects.create(username=PERSON, **axes)
    AccessLog.objects.filter(pk=w["old_log"].pk).update(attempt_time=ago(days=91))

    root = Path(settings.PRIVATE_MEDIA_ROOT)
    w["orphan_file"] = root / "feedback" / f"yatim-{uuid.uuid4().hex}.png"
    w["orphan_file"].parent.mkdir(parents=True, exist_ok=True)
    w["orphan_file"].write_bytes(png_bytes())
    two_days = ago(days=2).timestamp()
    os.utime(w["orphan_file"], (two_days, two_days))
    return w


def snapshot():
    """Every row of every registered source (and the seat pools), as plain values."""
    models = [source.model for source in personal_data.sources()]
    models += [apps.get_model(label) for source in personal_data.sources() for label in source.covers]
    models += [SeatPool, apps.get_model("feedback.FeedbackEvent")]
    rows = {m._meta.label: sorted(map(repr, m.objects.values())) for m in models}
    rows["files"] = sorted(str(p) for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file())
    return rows


def purge(*args):
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


# -- retention -------------------------------------------------------------------------------------------------------
def test_a_dry_run_counts_and_changes_nothing(world):
    before = snapshot()
    output = purge("--dry-run")
    assert snapshot() == before
    assert "events.Registration: 1" in output and "private files: 1" in output
    assert PERSON not in output and "Siti" not in output


def test_purge_forgets_expired_data_everywhere_keeps_counts_and_a_second_run_changes_nothing(world, caplog):
    w = world
    old_attachment = Path(Feedback.objects.get(pk=w["old_feedback"].pk).attachment.path)
    report_before = w["past_event"].attendance_report()
    with caplog.at_level("INFO", logger="home.personal_data"):
        purge()

    feedback = Feedback.objects.get(pk=w["old_feedback"].pk)
    assert (feedback.name, feedback.email, feedback.phone, feedback.attachment.name) == ("", "", "", "")
    assert feedback.message and feedback.tracking_code, "what statistics need stays"
    assert not old_attachment.exists()
    assert Feedback.objects.get(pk=w["open_feedback"].pk).email == PERSON, "open items keep their contact"

    old = ConsultationResponse.objects.get(pk=w["old_response"].pk)
    assert (old.name, old.organisation, old.email) == ("", "", "")
    assert old.response and old.topics == ["Keamanan"], "what 'Apa yang kami dengar' counts stays"
    assert ConsultationResponse.objects.get(pk=w["new_response"].pk).email == PERSON

    past = Registration.objects.get(pk=w["past_reg"].pk)
    assert (past.full_name, past.phone, past.organisation, past.entry_id) == ("", "", "", None)
    assert past.email.endswith("@anonim.invalid") and past.attended_at and past.status == "confirmed"
    assert EventPage.objects.get(pk=w["past_event"].pk).attendance_report() == report_before == [("Umum", 1)]
    assert SeatPool.objects.get(event=w["past_event"], category=None).taken == 1, "seat counts stay"
    assert not FormEntry.objects.filter(pk__in=[w["past_entry"].pk, w["orphan_entry"].pk]).exists()
    assert not FieldEntry.objects.filter(value="Universitas Palangka Raya").exists()
    assert Registration.objects.get(pk=w["seat"].pk).email == PERSON, "a coming event keeps its registrations"

    assert not OutboxMessage.objects.filter(pk__in=[w["old_mail"].pk, w["failed_mail"].pk]).exists()
    assert OutboxMessage.objects.filter(to=[PERSON], status="sent").exists(), "recent mail stays"
    from axes.models import AccessAttempt, AccessLog
    from django_tasks_db.models import DBTaskResult

    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [w["new_task"].pk]
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [w["new_attempt"].pk]
    assert not AccessLog.objects.exists()
    assert not w["orphan_file"].exists()

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "feedback.Feedback 1" in logged and PERSON not in logged and "Siti" not in logged
    from wagtail.models import ModelLogEntry

    [entry] = ModelLogEntry.objects.filter(action="home.personal_data.removed")  # the audit trail
    assert entry.data["reason"] == "retention" and entry.data["feedback.Feedback"] == 1
    assert PERSON not in str(entry.data) and "Siti" not in str(entry.data)

    after = snapshot()
    output = purge()
    assert snapshot() == after, "a second run changes nothing"
    assert re.findall(r": (\d+)$", output, re.M) and set(re.findall(r": (\d+)$", output, re.M)) == {"0"}


def test_only_purges_the_named_sources(world):
    out = io.StringIO()
    call_command("purge_personal_data", only=["events.Registration"], stdout=out)
    assert "events.Registration: 1" in out.getvalue()
    assert Feedback.objects.get(pk=world["old_feedback"].pk).email == PERSON, "only its own source"
    call_command("purge_personal_data", only=["feedback.Feedback", "consultations.ConsultationResponse"], stdout=out)
    assert Feedback.objects.get(pk=world["old_feedback"].pk).email == ""


# -- data-subject requests -------------------------------------------------------------------------------------------
@pytest.fixture
def administrator(admin_user, client):
    client.force_login(admin_user)
    return admin_user


def post(client, **data):
    return client.post(URL, data)


def test_the_page_finds_the_person_everywhere(world, client, administrator):
    page = client.get(URL)
    assert page.status_code == 200
    assert b"/admin/pelindungan-data/" in client.get("/admin/").content, "in the Settings menu"
    html = post(client, email=PERSON.upper(), action="find").content.decode()
    rows = {
        tr.find_all("td")[0].get_text(): int(tr.find_all("td")[1].get_text())
        for tr in BeautifulSoup(html, "html.parser").select("table.listing tbody tr")
    }
    assert rows["Pendaftaran kegiatan"] == 2 and rows["Saran dan pengaduan"] == 2
    assert rows["Tanggapan konsultasi publik"] == 2 and rows["Jawaban formulir"] == 1
    assert rows["Log masuk admin"] == 1 and rows["E-mail terkirim"] >= 3
    assert post(client, email="bukan-email", action="find").status_code == 400


def test_export_holds_everything_about_the_person_and_nothing_about_others(world, client, administrator):
    response = post(client, email=PERSON, action="json")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert PERSON not in response["Content-Disposition"] and "no-store" in response["Cache-Control"]
    document = json.loads(response.content)
    data = document["data"]
    assert {r["code"] for r in data["Pendaftaran kegiatan"]} == {world["past_reg"].code, world["seat"].code}
    assert data["Jawaban formulir"][0]["answers"] == {"Kampus": "Universitas Palangka Raya"}
    assert {r["tracking_code"] for r in data["Saran dan pengaduan"]} == {
        world["old_feedback"].tracking_code,
        world["open_feedback"].tracking_code,
    }
    assert data["Saran dan pengaduan"][0]["attachment"].endswith(".png") or data["Saran dan pengaduan"][1]["attachment"]
    assert all(PERSON in r["to"] for r in data["E-mail terkirim"])
    assert OTHER not in response.content.decode() and "Budi Lain" not in response.content.decode()

    workbook = load_workbook(io.BytesIO(post(client, email=PERSON, action="xlsx").content))
    assert {"Pendaftaran kegiatan", "Saran dan pengaduan", "Jawaban formulir"} <= set(workbook.sheetnames)
    sheet = workbook["Pendaftaran kegiatan"]
    headers = [c.value for c in sheet[1]]
    assert PERSON in [row[headers.index("email")] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_a_formula_typed_into_a_form_is_exported_as_text(world, client, administrator):
    Feedback.objects.filter(pk=world["open_feedback"].pk).update(name='=HYPERLINK("http://x.example","a")')
    workbook = load_workbook(io.BytesIO(post(client, email=PERSON, action="xlsx").content))
    cells = [c for row in workbook["Saran dan pengaduan"].iter_rows() for c in row if str(c.value).startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_erasure_asks_first_then_erases_everywhere_frees_the_seat_and_promotes_the_waitlist(
    world, client, administrator
):
    w = world
    confirm = post(client, email=PERSON, action="erase")
    assert confirm.status_code == 200 and b'name="confirmed" value="yes"' in confirm.content
    assert Registration.objects.get(pk=w["seat"].pk).email == PERSON, "nothing erased before confirming"

    done = post(client, email=PERSON, action="erase", confirmed="yes")
    assert done.status_code == 200
    assert not any(rows.exists() for rows in personal_data.find_person(PERSON).values()), "nothing left to find"
    seat = Registration.objects.get(pk=w["seat"].pk)
    assert seat.status == "cancelled" and seat.full_name == "" and seat.email.endswith("@anonim.invalid")
    assert Registration.objects.get(pk=w["waiting"].pk).status == "confirmed", "the next person moved up"
    assert SeatPool.objects.get(event=w["event"], category=None).taken == 1
    item = Feedback.objects.get(pk=w["open_feedback"].pk)
    assert (item.name, item.email, item.phone) == ("", "", "") and "Siti" not in item.message
    assert item.tracking_code and item.topic_id, "counts and statistics keep the item"
    assert not ConsultationResponse.objects.filter(response__contains="Siti").exists()
    assert ConsultationResponse.objects.count() == 2
    assert not FormEntry.objects.filter(pk=w["past_entry"].pk).exists()
    assert not OutboxMessage.objects.filter(body_text__contains="Siti").exists()
    assert Registration.objects.get(pk=w["waiting"].pk).email == OTHER, "other people are untouched"


def test_requests_are_in_the_site_history_with_counts_but_without_the_address(world, client, administrator):
    post(client, email=PERSON, action="json")
    post(client, email=PERSON, action="erase", confirmed="yes")
    entries = ModelLogEntry.objects.filter(action__startswith="kesbangpol.personal_data.").order_by("timestamp")
    assert [e.action for e in entries] == ["kesbangpol.personal_data.export", "kesbangpol.personal_data.erase"]
    subject = personal_data.subject_hash(PERSON)
    for entry in entries:
        assert entry.user_id == administrator.pk and entry.timestamp
        assert entry.data["subject"] == subject and subject in entry.label
        text = json.dumps(entry.data) + entry.label
        assert PERSON not in text and "siti" not in text.lower()
    assert entries[1].data["counts"]["events.Registration"] == 2
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Personal data erased" in history or "Data pribadi dihapus" in history


def test_only_administrators_get_in(world, client, django_user_model):
    editor = django_user_model.objects.create_user("editor", "editor@kesbangpol.example", "pw-editor-editor")
    editor.groups.add(Group.objects.get(name="Redaksi"))
    team = Group.objects.create(name="Tim acara")
    team.permissions.set(
        Permission.objects.filter(codename__in=["access_admin", "view_registration", "export_registration"])
    )
    editor.groups.add(team)
    client.force_login(editor)
    assert client.get(URL).status_code == 403
    for action in ("find", "json", "xlsx", "erase"):
        response = post(client, email=PERSON, action=action, confirmed="yes")
        assert response.status_code == 403 and PERSON.encode() not in response.content
    assert Registration.objects.get(pk=world["seat"].pk).email == PERSON
    assert b"pelindungan-data" not in client.get("/admin/").content, "no menu item either"
    team.permissions.add(Permission.objects.get(codename="handle_data_requests"))
    editor = django_user_model.objects.get(pk=editor.pk)
    client.force_login(editor)
    assert client.get(URL).status_code == 200, "the dedicated permission is what opens it"


def test_erasure_needs_the_csrf_token(world, admin_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.post(URL, {"email": PERSON, "action": "erase", "confirmed": "yes"}).status_code == 403
    assert Registration.objects.get(pk=world["seat"].pk).email == PERSON


def test_the_privacy_notice_states_the_retention_that_purge_applies(seeded, client):
    """The notice promises each period purge_personal_data keeps to, feedback's year included."""
    notice = client.get("/pemberitahuan-privasi/")
    text = " ".join(BeautifulSoup(notice.content, "html.parser").get_text(" ").split())
    days = personal_data.retention_days
    assert f"peserta kegiatan dianonimkan {days('event')} hari setelah kegiatan selesai" in text
    assert f"tanggapan konsultasi {days('consultation')} hari setelah konsultasi ditutup" in text
    assert f"saran atau pengaduan dihapus {days('feedback')} hari setelah laporan ditutup" in text
