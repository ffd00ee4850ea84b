"""Issue 15, replayed: one client once took every seat of an event in half a minute.

One session sent 65 registrations with made-up addresses and organisations: 60 were accepted before the first 429,
filling the event (20 confirmed, 40 waitlisted) and sending the events team 61 mails. The anti-spam timestamp could
be replayed, a garbage submission token counted as a fresh one, and no registration needed the registrant's mailbox.
These tests send the same flood through the real form and count what gets through.
"""

import os

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from events.models import Registration
from home.models import OutboxMessage
from tests.factories.events import make_event
from tests.support.event_forms import form_url, hidden_fields, registration_data

FLOOD = 65
SCRIPT_ADDRESS = "203.0.113.7"


@pytest.fixture(autouse=True)
def _budget(settings):
    """The budget as production has it (settings/test.py raises it for every other test)."""
    settings.EVENT_REGISTRATIONS_PER_CLIENT = 6


@pytest.fixture
def event(home_page, django_user_model):
    member = django_user_model.objects.create_user("tim", "tim.acara@kesbangpol.example", "pw-tim-acara")
    member.groups.add(Group.objects.get(name="Tim Acara"))
    return make_event(home_page, capacity=20, title="FGD Diserbu")


def made_up(i):
    return {
        "full_name": f"Peserta Palsu {i}",
        "email": f"palsu{i}@contoh-{i}.example",
        "organisation": f"Organisasi Karangan {i}",
    }


def digests(event):
    return OutboxMessage.objects.filter(key__startswith=f"event-digest:{event.pk}:")


def team_mails():
    return [m for m in OutboxMessage.objects.all() if "tim.acara@kesbangpol.example" in m.to]


def assert_no_seat_without_the_click(event):
    assert not Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).exists()


def test_a_script_replaying_one_page_gets_one_registration(event):
    """The flood as it came: the page fetched once, its tokens replayed, the submission token garbage or replayed."""
    script = Client(REMOTE_ADDR=SCRIPT_ADDRESS)
    page = registration_data(script, event)
    responses = []
    for i in range(FLOOD):
        token = page["submission_token"] if i % 2 else f"sampah-{i}"
        responses.append(script.post(form_url(event), {**page, **made_up(i), "submission_token": token}))
    assert Registration.objects.filter(event=event).count() <= 1
    assert [r.status_code for r in responses].count(302) <= 1
    for response in responses:
        if response.status_code != 302:
            # Refused as a replay (400); once the address's flood limit (60 in a 10-minute window) is reached, 429.
            assert response.status_code in (400, 429)
            assert "Formulir tidak dapat diperiksa" in response.content.decode()
    assert_no_seat_without_the_click(event)


def test_a_script_fetching_a_fresh_page_each_time_gets_at_most_its_budget(event, settings):
    """A smarter script: a fresh page (fresh tokens) before every post, made-up names, addresses and organisations,
    from one address. It gets the per-client budget, then a 429 in Indonesian; nothing it sent is confirmed; the
    team gets one digest, not a mail per registration."""
    budget = settings.EVENT_REGISTRATIONS_PER_CLIENT
    assert 3 <= budget <= 10, "room for a person registering a few friends; none for a script"
    script = Client(REMOTE_ADDR=SCRIPT_ADDRESS)
    accepted = refused = 0
    for i in range(FLOOD):
        response = script.post(form_url(event), registration_data(script, event, **made_up(i)))
        if response.status_code == 302:
            accepted += 1
            continue
        refused += 1
        assert response.status_code == 429
        text = response.content.decode()
        # The budget's refusal; past 60 posts in 10 minutes the address's flood limit answers first.
        assert "Terlalu banyak pendaftaran" in text
        if i < 60:
            assert "untuk kegiatan ini dari perangkat atau jaringan Anda" in text
            assert "Konfirmasikan dengan tautan yang kami kirim" in text
        # The form comes back with fresh tokens (a person could go on once the budget allows).
        assert hidden_fields(text)["submission_token"]
    assert accepted <= budget, f"{accepted} of {FLOOD} accepted"
    assert refused == FLOOD - accepted
    assert Registration.objects.filter(event=event).count() == accepted
    assert_no_seat_without_the_click(event)
    assert set(Registration.objects.filter(event=event).values_list("status", flat=True)) == {"held"}

    assert team_mails() == [], "no mail per registration"
    with open(os.devnull, "w") as devnull:
        call_command("send_registration_digests", stdout=devnull)
        call_command("send_registration_digests", stdout=devnull)  # the timer runs again within the hour
    assert digests(event).count() == 1
    assert len(team_mails()) == 1

    # Another address (someone else at another place) is not held up by the script's budget.
    person = Client(REMOTE_ADDR="198.51.100.20")
    assert (
        person.post(form_url(event), registration_data(person, event, email="warga@contoh.example")).status_code == 302
    )


def test_a_person_registering_a_few_friends_never_meets_the_budget(client, event, settings):
    """Someone at one computer registers themselves and friends, who each click their own mail: even past the budget
    in number, confirmed registrations do not count against it."""
    from tests.support.event_forms import click_confirmation

    budget = settings.EVENT_REGISTRATIONS_PER_CLIENT
    for i in range(budget + 2):
        response = client.post(form_url(event), registration_data(client, event, email=f"teman{i}@contoh.example"))
        assert response.status_code == 302, i
        click_confirmation(Client(), Registration.objects.get(email=f"teman{i}@contoh.example"))
    assert Registration.objects.filter(status=Registration.Status.CONFIRMED).count() == budget + 2


def test_five_unconfirmed_friends_are_fine_and_the_budget_is_per_event(client, home_page, event, settings):
    other = make_event(home_page, capacity=20, title="Forum Lain")
    budget = settings.EVENT_REGISTRATIONS_PER_CLIENT
    for i in range(budget):
        assert (
            client.post(form_url(event), registration_data(client, event, email=f"a{i}@contoh.example")).status_code
            == 302
        )
    assert (
        client.post(form_url(event), registration_data(client, event, email="lagi@contoh.example")).status_code == 429
    )
    assert (
        client.post(form_url(other), registration_data(client, other, email="lagi@contoh.example")).status_code == 302
    )


def test_a_double_click_is_still_one_registration_and_the_same_page(client, event):
    """Single-use anti-spam tokens must not break the repeat: the very same POST again is answered, not refused."""
    data = registration_data(client, event)
    first, second = client.post(form_url(event), data), client.post(form_url(event), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1


def test_a_form_shown_again_with_errors_can_be_corrected_and_sent(client, event):
    data = registration_data(client, event, email="bukan-email")
    response = client.post(form_url(event), data)
    assert response.status_code == 400
    fixed = {**data, **hidden_fields(response.content.decode()), "email": "benar@contoh.example"}
    assert client.post(form_url(event), fixed).status_code == 302
