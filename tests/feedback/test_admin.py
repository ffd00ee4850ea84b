"""The feedback inbox from the editors' side: routing and permissions, workflow, bulk actions, exports, deadlines."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from feedback import service as feedback_service
from feedback.models import Feedback, FeedbackEvent
from feedback.service import WorkflowError
from home.models import OutboxMessage
from tests.feedback.helpers import (
    make_user,
    png_bytes,
    upload,
)

INBOX = "/admin/saran-pengaduan/"


def make_item(topic, *, days_ago=0, **fields):
    """An item as the public form stores it, optionally received some days ago."""
    submitted = timezone.now() - datetime.timedelta(days=days_ago)
    data = {
        "kind": "pengaduan",
        "topic": topic,
        "message": "Pengaduan uji tentang layanan.",
        "identity": "confidential",
        "name": "Budi Santoso",
        "email": "budi@contoh.id",
        "phone": "081234567890",
        **fields,
    }
    item, _secret, _created = feedback_service.submit(
        data=data,
        consent={"version": "uji", "given_at": submitted},
        upload=data.pop("upload", None),
        upload_kind=data.pop("upload_kind", None),
    )
    if days_ago:
        Feedback.objects.filter(pk=item.pk).update(submitted_at=submitted)
        item.refresh_from_db()
        item.set_due_dates()
        item.save()
    return item


@pytest.fixture
def items(topics):
    from home.attachments import PNG

    return {
        "a": make_item(topics["a"], upload=upload("foto.png", png_bytes()), upload_kind=PNG),
        "b": make_item(topics["b"], upload=upload("foto.png", png_bytes()), upload_kind=PNG),
        "none": make_item(topics["none"]),
    }


def codes_in(response):
    return {
        a.get_text(strip=True)
        for a in BeautifulSoup(response.content, "html.parser").select("td a")
        if "ADU-" in a.get_text()
    }


# Routing and permissions ------------------------------------------------------------------------------------------
def test_each_editor_sees_only_their_teams_items(client, editors, items, admin_user):
    client.force_login(editors["a"])
    assert codes_in(client.get(INBOX)) == {items["a"].tracking_code}
    client.force_login(editors["triage"])
    assert codes_in(client.get(INBOX)) == {items["none"].tracking_code}
    client.force_login(admin_user)
    assert codes_in(client.get(INBOX)) == {i.tracking_code for i in items.values()}


def test_editor_of_topic_a_gets_403_on_topic_b(client, editors, items, topics):
    client.force_login(editors["a"])
    b = items["b"]
    assert client.get(f"{INBOX}{b.pk}/").status_code == 403
    assert client.get(f"{INBOX}{b.pk}/lampiran/").status_code == 403
    assert client.get(f"{INBOX}?export=csv&topic={topics['b'].pk}").status_code == 403
    assert client.get(f"{INBOX}?topic={topics['b'].pk}").status_code == 403
    assert client.get(f"{INBOX}results/?topic={topics['b'].pk}").status_code == 403
    response = client.post(f"{INBOX}{b.pk}/", {"action": "status", "status-status": "diverifikasi"})
    assert response.status_code == 403
    bulk = f"/admin/bulk/feedback/feedback/status/?id={items['a'].pk}&id={b.pk}"
    assert client.get(bulk).status_code == 403
    assert client.post(bulk, {"status": "diverifikasi"}).status_code == 403
    b.refresh_from_db()
    items["a"].refresh_from_db()
    assert b.status == items["a"].status == "baru", "nothing changed, not even the permitted item"
    # The editor's own item works.
    assert client.get(f"{INBOX}{items['a'].pk}/").status_code == 200
    assert client.get(f"{INBOX}{items['a'].pk}/lampiran/").status_code == 200


def test_users_without_feedback_permissions_get_nothing(client, items, django_user_model, teams):
    from django.contrib.auth.models import Group, Permission

    reader = Group.objects.create(name="Hanya admin")
    reader.permissions.set(Permission.objects.filter(codename="access_admin"))
    # In team A's group name-wise, but without the feedback permissions: membership alone is not enough.
    outsider = make_user(django_user_model, "outsider", reader)
    client.force_login(outsider)
    assert client.get(INBOX).status_code == 403
    assert client.get(f"{INBOX}{items['a'].pk}/").status_code == 403
    assert client.get(f"{INBOX}{items['a'].pk}/lampiran/").status_code == 403
    client.logout()
    assert client.get(INBOX).status_code == 302, "anonymous visitors are sent to the login page"


def test_export_needs_the_export_permission(client, items, django_user_model, teams):
    teams["a"].permissions.remove(*teams["a"].permissions.filter(codename="export_feedback"))
    viewer = make_user(django_user_model, "viewer", teams["a"])
    client.force_login(viewer)
    assert client.get(INBOX).status_code == 200
    assert client.get(f"{INBOX}?export=csv").status_code == 403
    assert client.get(f"{INBOX}?export=xlsx").status_code == 403


def test_attachment_is_a_download_that_cannot_be_sniffed(client, editors, items):
    client.force_login(editors["a"])
    response = client.get(f"{INBOX}{items['a'].pk}/lampiran/")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'attachment; filename="{items["a"].tracking_code}-lampiran.png"'
    assert b"".join(response.streaming_content) == png_bytes()


def test_identity_is_shown_to_the_team_only_and_never_for_anonymous(client, editors, topics):
    confidential = make_item(topics["a"])
    anonymous = make_item(topics["a"], identity="anonymous", name="", email="", phone="")
    client.force_login(editors["a"])
    page = client.get(f"{INBOX}{confidential.pk}/").content.decode()
    assert "Budi Santoso" in page and "budi@contoh.id" in page
    assert "budi@contoh.id" not in client.get(f"{INBOX}{anonymous.pk}/").content.decode()


def test_stored_xss_in_a_message_is_escaped_in_the_admin(client, editors, topics):
    item = make_item(topics["a"], message='<img src=x onerror="alert(1)"> tolong', name="<script>x</script>")
    client.force_login(editors["a"])
    for url in (INBOX, f"{INBOX}{item.pk}/"):
        body = client.get(url).content.decode()
        assert "<img src=x" not in body and "<script>x</script>" not in body


# Workflow ---------------------------------------------------------------------------------------------------------
def post_action(client, item, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(f"{INBOX}{item.pk}/", data)


def test_the_workflow_from_new_to_completed_with_full_history(
    client, editors, items, mailoutbox, django_capture_on_commit_callbacks
):
    item = items["a"]
    client.force_login(editors["a"])
    assert post_action(client, item, "status", status="selesai").status_code == 400, "verification comes first"
    assert post_action(client, item, "status", status="diverifikasi").status_code == 302
    assert post_action(client, item, "assign", assignee=editors["a"].pk).status_code == 302
    response = post_action(client, item, "status", status="diteruskan", forward_target="lapor")
    assert response.status_code == 400
    assert "LAPOR!" in response.content.decode()
    assert (
        post_action(
            client, item, "status", status="diteruskan", forward_target="lapor", lapor_reference="LPR-778899"
        ).status_code
        == 302
    )
    assert post_action(client, item, "status", status="ditindaklanjuti").status_code == 302
    assert post_action(client, item, "status", status="selesai").status_code == 400, "an answer comes before completion"
    assert post_action(client, item, "note", text="Sudah ditelepon, menunggu surat balasan.").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            post_action(client, item, "answer", text="Laporan Anda sudah kami teruskan ke LAPOR!.").status_code == 302
        )
    assert post_action(client, item, "status", status="selesai").status_code == 302

    item.refresh_from_db()
    assert item.status == "selesai" and item.closed_at and item.verified_at and item.answered_at
    assert item.assignee == editors["a"] and item.lapor_reference == "LPR-778899"
    kinds = list(item.events.values_list("kind", "to_status"))
    assert kinds == [
        ("created", "baru"),
        ("status", "diverifikasi"),
        ("assigned", ""),
        ("status", "diteruskan"),
        ("status", "ditindaklanjuti"),
        ("note", ""),
        ("answer", ""),
        ("status", "selesai"),
    ]
    assert item.events.get(to_status="diteruskan").text == "LAPOR! (LPR-778899)"
    answer_mail = OutboxMessage.objects.get(key__startswith=f"feedback:{item.tracking_code}:answer:")
    assert answer_mail.to == ["budi@contoh.id"] and "teruskan ke LAPOR!" in answer_mail.body_text
    assert "Sudah ditelepon" not in answer_mail.body_text


def test_the_answer_mail_links_to_the_public_site_not_the_host_the_editor_used(
    editors, items, django_capture_on_commit_callbacks, feedback_page
):
    """An editor working through http://localhost (a tunnel, the server itself) still mails the public status link."""
    from django.test import Client

    item = items["a"]
    client = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_HOST="evil.example")
    client.force_login(editors["a"])
    assert post_action(client, item, "status", status="diverifikasi").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert post_action(client, item, "answer", text="Sudah kami tindak lanjuti.").status_code == 302
    answer_mail = OutboxMessage.objects.get(key__startswith=f"feedback:{item.tracking_code}:answer:")
    assert "https://kesbangpol.test/saran-dan-pengaduan/status/" in answer_mail.body_text
    assert "localhost" not in answer_mail.body_text and "evil.example" not in answer_mail.body_text


def test_rejecting_needs_a_reason_that_the_citizen_reads(editors, items):
    item = items["a"]
    with pytest.raises(WorkflowError):
        feedback_service.change_status(item, editors["a"], "ditolak")
    item = feedback_service.change_status(item, editors["a"], "ditolak", reason="Bukan kewenangan Kesbangpol.")
    assert item.is_final and item.rejection_reason == "Bukan kewenangan Kesbangpol."
    assert OutboxMessage.objects.filter(key=f"feedback:{item.tracking_code}:rejected").exists()
    with pytest.raises(WorkflowError):
        feedback_service.change_status(item, editors["a"], "diverifikasi")


# Bulk actions -----------------------------------------------------------------------------------------------------
def test_bulk_assign_and_status_change_on_the_teams_items(client, editors, topics, teams, django_user_model):
    colleague = make_user(django_user_model, "rekan_a", teams["a"])
    one, two = make_item(topics["a"]), make_item(topics["a"])
    client.force_login(editors["a"])
    url = f"/admin/bulk/feedback/feedback/assign/?id={one.pk}&id={two.pk}&next={INBOX}"
    assert client.get(url).status_code == 200
    assert client.post(url, {"assignee": colleague.pk}).status_code == 302
    url = f"/admin/bulk/feedback/feedback/status/?id={one.pk}&id={two.pk}&next={INBOX}"
    assert client.post(url, {"status": "diverifikasi"}).status_code == 302
    for item in (one, two):
        item.refresh_from_db()
        assert item.assignee == colleague and item.status == "diverifikasi"
        assert item.events.filter(kind=FeedbackEvent.Kind.ASSIGNED, user=editors["a"]).exists()


def test_bulk_assign_offers_only_people_of_the_team(client, editors, topics):
    item = make_item(topics["a"])
    client.force_login(editors["a"])
    url = f"/admin/bulk/feedback/feedback/assign/?id={item.pk}"
    assert client.post(url, {"assignee": editors["b"].pk}).status_code == 200, "the form refuses, nothing applied"
    item.refresh_from_db()
    assert item.assignee is None


# Export -----------------------------------------------------------------------------------------------------------
def test_export_is_formula_safe_has_no_personal_data_and_is_audit_logged(client, editors, topics):
    make_item(topics["a"], message='=HYPERLINK("http://jahat.example","klik")')
    make_item(topics["a"], message="@SUM(1+1)")
    make_item(topics["b"], message="Milik tim lain.")
    client.force_login(editors["a"])

    response = client.get(f"{INBOX}?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    messages = {row[12] for row in rows[1:]}
    assert messages == {'\'=HYPERLINK("http://jahat.example","klik")', "'@SUM(1+1)"}
    text = response.content.decode("utf-8-sig")
    assert "Budi" not in text and "budi@contoh.id" not in text and "0812" not in text

    response = client.get(f"{INBOX}?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [row[12] for row in sheet.iter_rows(min_row=2)]
    assert {c.value for c in cells} == messages
    assert all(c.data_type == "s" for c in cells)

    entries = ModelLogEntry.objects.filter(action="feedback.export").order_by("timestamp")
    assert [e.data["format"] for e in entries] == ["csv", "xlsx"]
    assert entries[0].user == editors["a"] and entries[0].data["count"] == 2
    assert "budi" not in str(entries[0].data).lower()


# Deadlines and the overdue mail -------------------------------------------------------------------------------------
def test_overdue_items_are_flagged_filtered_and_mailed_to_their_team(client, editors, topics, teams):
    late_a = make_item(topics["a"], days_ago=30)
    late_b = make_item(topics["b"], days_ago=30)
    late_triage = make_item(topics["none"], days_ago=30)
    fresh = make_item(topics["a"])
    done = make_item(topics["a"], days_ago=30)
    feedback_service.change_status(done, editors["a"], "ditolak", reason="Spam.")
    assert set(Feedback.objects.overdue()) == {late_a, late_b, late_triage}

    client.force_login(editors["a"])
    assert codes_in(client.get(f"{INBOX}?overdue=true")) == {late_a.tracking_code}
    assert late_a.tracking_code in codes_in(client.get(INBOX)) and fresh.tracking_code in codes_in(client.get(INBOX))
    page = client.get(INBOX).content.decode()
    assert page.count("feedback-overdue") == 1

    OutboxMessage.objects.all().delete()
    call_command("send_overdue_feedback", stdout=io.StringIO())
    call_command("send_overdue_feedback", stdout=io.StringIO())  # same day: nothing new
    mails = {tuple(m.to): m for m in OutboxMessage.objects.all()}
    assert set(mails) == {
        ("ormas@kesbangpol.example",),
        ("waspada@kesbangpol.example", "kabid@kesbangpol.example"),
        ("triase@kesbangpol.example",),
    }
    body = mails[("ormas@kesbangpol.example",)].body_text
    assert late_a.tracking_code in body and late_b.tracking_code not in body and fresh.tracking_code not in body
    assert "Budi" not in body and "budi@contoh.id" not in body and "Pengaduan uji" not in body


# Cost of the listing ------------------------------------------------------------------------------------------------
def test_inbox_queries_do_not_grow_with_the_number_of_items(client, editors, topics):
    client.force_login(editors["a"])
    for _ in range(3):
        make_item(topics["a"])
    client.get(INBOX)
    with CaptureQueriesContext(connection) as few:
        client.get(INBOX)
    for _ in range(20):
        make_item(topics["a"])
    with CaptureQueriesContext(connection) as many:
        client.get(INBOX)
    assert len(many) == len(few)


def test_triage_routes_an_unrouted_item_to_the_right_team(client, editors, items, topics, teams):
    item = items["none"]
    client.force_login(editors["triage"])
    response = post_action(client, item, "route", topic=topics["a"].pk)
    assert response.status_code == 302 and response["Location"] == INBOX, "the item has left the triage inbox"
    item.refresh_from_db()
    assert item.topic == topics["a"] and item.team == teams["a"]
    assert item.events.filter(kind=FeedbackEvent.Kind.TOPIC, user=editors["triage"]).exists()
    routed = OutboxMessage.objects.get(key=f"feedback:{item.tracking_code}:team-routed:{topics['a'].pk}")
    assert routed.to == ["ormas@kesbangpol.example"] and "Budi" not in routed.body_text
    assert client.get(f"{INBOX}{item.pk}/").status_code == 403
    client.force_login(editors["a"])
    assert client.get(f"{INBOX}{item.pk}/").status_code == 200


def test_the_dashboard_tells_an_editor_what_is_overdue(client, editors, topics):
    make_item(topics["a"], days_ago=30)
    make_item(topics["b"], days_ago=30)
    client.force_login(editors["a"])
    page = client.get("/admin/").content.decode()
    assert "1 laporan terlambat" in page
    client.force_login(editors["triage"])
    assert "laporan terlambat" not in client.get("/admin/").content.decode()


def test_personal_data_of_long_closed_items_is_purged(editors, topics):
    from pathlib import Path

    from home.attachments import PNG

    old = make_item(topics["a"], upload=upload("foto.png", png_bytes()), upload_kind=PNG)
    recent = make_item(topics["a"])
    for item in (old, recent):
        feedback_service.change_status(item, editors["a"], "ditolak", reason="Di luar kewenangan.")
    Feedback.objects.filter(pk=old.pk).update(closed_at=timezone.now() - datetime.timedelta(days=400))
    path = Path(Feedback.objects.get(pk=old.pk).attachment.path)
    call_command("purge_personal_data", only=["feedback.Feedback"], stdout=io.StringIO())
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email, old.phone, old.attachment.name) == ("", "", "", "")
    assert not path.exists()
    assert old.message and old.rejection_reason, "what reporting needs stays"
    assert recent.email == "budi@contoh.id"
