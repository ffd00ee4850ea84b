"""Kirim pesan ke peserta: the events team writes to a group of an event's participants, previews the count,
confirms, and every recipient gets one mail through the outbox; the audit entry holds no personal data."""

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from events import seats
from events.models import EventPage
from home.models import OutboxMessage
from tests.builtforms.test_formbuilder import staff_user
from tests.factories.events import make_event, register

pytestmark = pytest.mark.django_db

SUBJECT = "Perubahan ruang FGD"
MESSAGE = "Ruang pindah ke Aula Lantai 2.\nMohon datang 15 menit lebih awal & bawa KTP."


@pytest.fixture
def team(client, django_user_model):
    user = staff_user(django_user_model, "tim", "view_registration", "change_registration")
    client.force_login(user)
    return user


@pytest.fixture
def event(home_page):
    return make_event(home_page, capacity=2, title="FGD Moderasi Beragama")


@pytest.fixture
def people(event):
    first = register(event, email="ani@contoh.example", name="Ani Lestari")
    second = register(event, email="budi@contoh.example", name="Budi Santoso")
    waiting = register(event, email="citra@contoh.example", name="Citra Dewi")
    return first, second, waiting


def url(event):
    return reverse("events:message", args=[event.pk])


def sent():
    return list(OutboxMessage.objects.filter(key__startswith="event-message:").order_by("key"))


def form_data(client, event, **overrides):
    """The form as the page gives it (with its token), filled in."""
    soup = BeautifulSoup(client.get(url(event)).content, "html.parser")
    data = {"token": soup.find("input", {"name": "token"})["value"], "group": "confirmed"}
    data.update(subject=SUBJECT, message=MESSAGE)
    data.update(overrides)
    return data


def hidden_fields(response):
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("button", {"name": "confirm"}).find_parent("form")
    return {i["name"]: i["value"] for i in form.find_all("input", {"type": "hidden"})}


def test_the_registrations_page_links_to_the_message_form(client, team, event, people):
    html = client.get(reverse("events:registrations", args=[event.pk])).content.decode()
    assert f'href="{url(event)}"' in html and "Kirim pesan ke peserta" in html


def test_preview_shows_the_count_then_confirming_queues_one_mail_per_recipient(client, team, event, people):
    first, second, waiting = people
    preview = client.post(url(event), form_data(client, event))
    assert preview.status_code == 200
    soup = BeautifulSoup(preview.content, "html.parser")
    assert soup.select_one(".participant-message__count").text.strip() == "2 orang"
    assert sent() == [], "the preview sends nothing"

    response = client.post(url(event), {**hidden_fields(preview), "confirm": "yes"})
    assert response.status_code == 302
    messages = sent()
    assert sorted(m.to[0] for m in messages) == ["ani@contoh.example", "budi@contoh.example"]
    ani = next(m for m in messages if m.to == ["ani@contoh.example"])
    assert ani.subject == SUBJECT
    assert "Yth. Ani Lestari" in ani.body_text and MESSAGE in ani.body_text and first.code in ani.body_text
    assert "bawa KTP" in ani.body_html and "&amp;" in ani.body_html  # the editor's text is escaped in HTML

    # The confirmation posted again (a double click, the back button) queues nothing new.
    client.post(url(event), {**hidden_fields(preview), "confirm": "yes"})
    assert len(sent()) == 2


def test_the_waitlist_group_reaches_the_waitlist_only(client, team, event, people):
    preview = client.post(url(event), form_data(client, event, group="waitlisted"))
    client.post(url(event), {**hidden_fields(preview), "confirm": "yes"})
    assert [m.to for m in sent()] == [["citra@contoh.example"]]


def test_present_and_absent_are_offered_after_the_event(client, team, home_page):
    past = make_event(home_page, capacity=3, title="FGD Lalu")
    came, stayed_away = register(past), register(past)
    seats.mark_attendance(came, present=True)
    assert "present" not in client.get(url(past)).content.decode()
    EventPage.objects.filter(pk=past.pk).update(ends_at=timezone.now() - dt.timedelta(days=1))
    before = client.post(url(past), form_data(client, past, group="present"))
    assert before.status_code == 200
    client.post(url(past), {**hidden_fields(before), "confirm": "yes"})
    assert [m.to for m in sent()] == [[came.email]]
    assert stayed_away.email not in {m.to[0] for m in sent()}


def test_present_cannot_be_chosen_before_the_event(client, team, event, people):
    response = client.post(url(event), form_data(client, event, group="present", confirm="yes"))
    assert response.status_code == 200
    assert "Pilih siapa yang menerima pesan." in response.content.decode()
    assert sent() == []


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [("subject", "   ", "Tulis perihal pesan."), ("message", "\n \n", "Tulis isi pesan.")],
)
def test_empty_subject_or_message_gets_an_indonesian_field_error_and_queues_nothing(
    client, team, event, people, field, value, error
):
    response = client.post(url(event), form_data(client, event, confirm="yes", **{field: value}))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(f"#{field}-error").text.strip() == error
    assert soup.select_one(f"#id_{field}")["aria-describedby"].endswith(f"{field}-error")
    assert sent() == []


def test_without_the_permission_403_and_nothing_is_queued(client, django_user_model, event, people):
    viewer = staff_user(django_user_model, "pengamat", "view_registration")
    client.force_login(viewer)
    assert client.get(url(event)).status_code == 403
    data = {"token": "0" * 32, "group": "confirmed", "subject": SUBJECT, "message": MESSAGE, "confirm": "yes"}
    assert client.post(url(event), data).status_code == 403
    assert sent() == []
    html = client.get(reverse("events:registrations", args=[event.pk])).content.decode()
    assert url(event) not in html


def test_the_post_needs_a_csrf_token(event, people, django_user_model):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(staff_user(django_user_model, "tim", "view_registration", "change_registration"))
    data = {"token": "0" * 32, "group": "confirmed", "subject": SUBJECT, "message": MESSAGE, "confirm": "yes"}
    assert csrf_client.post(url(event), data).status_code == 403
    assert sent() == []


def test_the_audit_entry_has_the_group_and_count_but_no_personal_data(client, team, event, people):
    preview = client.post(url(event), form_data(client, event))
    client.post(url(event), {**hidden_fields(preview), "confirm": "yes"})
    [entry] = PageLogEntry.objects.filter(page=event, action="events.registrations.message")
    assert entry.user == team
    assert entry.data == {"group": "confirmed", "recipients": 2}
    stored = repr(entry.data) + entry.label
    for personal in ("Ani", "Budi", "contoh.example", people[0].code, "Aula Lantai 2"):
        assert personal not in stored
    assert re.search(r"Pesan dikirim ke peserta", str(entry.message))
