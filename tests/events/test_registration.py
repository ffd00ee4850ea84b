"""Registering for an event through the public page: what a visitor sees and what is stored."""

import datetime as dt
import re

import pytest
from django.core import signing
from django.utils import timezone

from events import links, seats
from events.models import Registration, SeatPool
from home.models import OutboxMessage
from home.phone import normalise_phone
from tests.factories.events import make_event, register
from tests.support.event_forms import click_confirmation, form_url, registration_data

Status = Registration.Status


@pytest.fixture
def event(home_page):
    return make_event(home_page, capacity=2, title="FGD Uji")


def test_valid_registration_redirects_to_the_code_and_stores_everything(client, event):
    response = client.post(form_url(event), registration_data(client, event))
    assert response.status_code == 302, response.content.decode()[:2000]
    registration = Registration.objects.get()
    assert registration.status == Status.HELD, "a seat is only held until the mailed link is clicked"
    assert registration.phone == "+6281234567890"
    assert registration.consent_version == "unpublished" or registration.consent_version
    assert re.fullmatch(r"FGD-\d{4}-0001", registration.code)
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert registration.code in text and "Periksa e-mail Anda" in text
    assert event.moment_display(registration.hold_expires_at) in text and " WIB" in text
    assert "no-store" in page["Cache-Control"]
    assert SeatPool.objects.get(event=event, category=None).taken == 1, "a held seat counts against the seats"
    assert OutboxMessage.objects.filter(key=f"event-registration:{registration.pk}:held").exists()
    assert not OutboxMessage.objects.filter(key=f"event-registration:{registration.pk}:confirmed").exists()

    done = click_confirmation(client, registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED and registration.hold_expires_at is None
    assert "terkonfirmasi" in done.content.decode()
    assert OutboxMessage.objects.filter(key=f"event-registration:{registration.pk}:confirmed").exists()
    assert SeatPool.objects.get(event=event, category=None).taken == 1


def test_the_same_post_twice_stores_one_registration_and_redirects_to_the_same_page(client, event):
    data = registration_data(client, event)
    first = client.post(form_url(event), data)
    second = client.post(form_url(event), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1
    assert SeatPool.objects.get(event=event, category=None).taken == 1


@pytest.mark.parametrize("token", ["rusak'<>", "", "a" * 40])
def test_a_mangled_token_is_refused_with_the_reload_explanation_and_a_fresh_form(client, event, token):
    # A garbage token once counted as a fresh one: a script could send any number of "new" forms with one page.
    data = registration_data(client, event)
    response = client.post(form_url(event), {**data, "submission_token": token})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Formulir tidak dapat diperiksa. Muat ulang halaman, lalu kirim lagi." in text
    assert Registration.objects.count() == 0
    # The form shown again carries a fresh, valid token: the visitor's next try goes through.
    from tests.support.event_forms import hidden_fields

    again = {**data, **hidden_fields(text)}
    assert client.post(form_url(event), again).status_code == 302
    assert Registration.objects.count() == 1


def test_a_token_reused_with_another_address_is_refused_not_revealed(client, event):
    data = registration_data(client, event)
    client.post(form_url(event), data)
    first = Registration.objects.get()
    # The whole page replayed with another address: its anti-spam token is single-use.
    response = client.post(form_url(event), {**data, "email": "orang.lain@contoh.example"})
    assert response.status_code == 400
    assert "Formulir tidak dapat diperiksa" in response.content.decode()
    assert first.code not in response.content.decode()
    # A fresh anti-spam token with the old submission token: the submission token is not theirs to see.
    fresh = registration_data(client, event, email="orang.lain@contoh.example")
    response = client.post(form_url(event), {**fresh, "submission_token": data["submission_token"]})
    assert response.status_code == 409
    assert "kedaluwarsa" in response.content.decode()
    assert first.code not in response.content.decode()
    assert Registration.objects.count() == 1


def test_same_email_in_other_letter_case_gets_a_clear_message_and_no_second_seat(client, event):
    client.post(form_url(event), registration_data(client, event, email="Rina@Contoh.example"))
    response = client.post(form_url(event), registration_data(client, event, email="rina@CONTOH.example"))
    assert response.status_code == 409
    text = response.content.decode()
    assert "sudah terdaftar" in text
    assert "Kirim ulang tautan" in text
    assert Registration.objects.count() == 1
    assert SeatPool.objects.get(event=event, category=None).taken == 1


def test_full_event_puts_people_on_the_waitlist_in_order_and_cancellation_promotes_the_first(event):
    a, b = register(event), register(event)
    c, d = register(event), register(event)
    assert [r.status for r in (a, b, c, d)] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    promoted = seats.cancel(a)
    assert [r.pk for r in promoted] == [c.pk]
    c.refresh_from_db()
    d.refresh_from_db()
    assert c.status == Status.CONFIRMED and d.status == Status.WAITLISTED
    assert OutboxMessage.objects.filter(key__startswith=f"event-registration:{c.pk}:promoted:").count() == 1
    assert SeatPool.objects.get(event=event, category=None).taken == 2


def test_category_quota_full_waitlists_that_category_only(home_page):
    event = make_event(home_page, capacity=10, quotas={"BEM / SENAT / DEMA": 1, "OKP": None})
    first = register(event, category_name="BEM / SENAT / DEMA")
    second = register(event, category_name="BEM / SENAT / DEMA")
    okp = register(event, category_name="OKP")
    assert (first.status, second.status, okp.status) == (Status.CONFIRMED, Status.WAITLISTED, Status.CONFIRMED)
    # The quota miss gave the event-wide seat back.
    assert SeatPool.objects.get(event=event, category=None).taken == 2
    # A free seat in another category does not promote someone whose quota is still full.
    seats.cancel(okp)
    second.refresh_from_db()
    assert second.status == Status.WAITLISTED
    seats.cancel(first)
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED


def test_organisation_limit_refuses_a_third_delegate_with_a_field_message(client, home_page):
    event = make_event(home_page, capacity=10, max_per_organisation=2)
    register(event, organisation="KNPI Kota Palangka Raya")
    register(event, organisation="knpi  kota palangka raya.")
    response = client.post(form_url(event), registration_data(client, event, organisation="KNPI Kota Palangka Raya"))
    assert response.status_code == 409
    assert "paling banyak" in response.content.decode()
    assert Registration.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"cancelled": True}, "dibatalkan"),
        ({"registration_closes_at": timezone.now() - dt.timedelta(hours=1)}, "ditutup"),
        ({"registration_opens_at": timezone.now() + dt.timedelta(days=2)}, "dibuka pada"),
        ({"waitlist_enabled": False, "capacity": 1, "_fill": 1}, "penuh"),
    ],
)
def test_closed_cancelled_or_full_events_store_nothing_and_say_why_even_on_post(client, home_page, fields, reason):
    fill = fields.pop("_fill", 0)
    event = make_event(home_page, **{"capacity": 5, **fields})
    for _ in range(fill):
        register(event)
    before = Registration.objects.count()
    # A form fetched earlier (or crafted) is posted anyway.
    open_event = make_event(home_page, title="Lain")
    data = registration_data(client, open_event)
    response = client.post(form_url(event), data)
    assert response.status_code == 409
    assert reason in response.content.decode().lower()
    assert Registration.objects.count() == before


def test_bad_input_gets_indonesian_field_messages_and_changes_nothing(client, event):
    data = registration_data(client, event, full_name="", email="bukan-email", phone="12345", consent="")
    response = client.post(form_url(event), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "harus diisi" in text
    assert "alamat email yang valid" in text
    assert "nomor telepon atau WhatsApp Indonesia" in text
    assert Registration.objects.count() == 0
    assert SeatPool.objects.get(event=event, category=None).taken == 0


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("62812.3456.7890", "+6281234567890"),
        ("(0536) 322 1234", "+625363221234"),
    ],
)
def test_indonesian_phone_formats_are_normalised(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["812345", "+1 202 555 0100", "0812-abc", "00812345678"])
def test_foreign_or_broken_numbers_are_refused(typed):
    with pytest.raises(ValueError):
        normalise_phone(typed)


def test_management_link_shows_and_cancels_and_promotes(client, event):
    a, _b, waiting = register(event), register(event), register(event)
    url = links.manage_path(a)
    page = client.get(url)
    assert page.status_code == 200
    assert a.code in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    refused = client.post(url, {})
    assert refused.status_code == 400
    a.refresh_from_db()
    assert a.status == Status.CONFIRMED
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    a.refresh_from_db()
    waiting.refresh_from_db()
    assert a.status == Status.CANCELLED
    assert waiting.status == Status.CONFIRMED
    assert "dibatalkan" in client.get(response["Location"]).content.decode()


def test_management_page_tells_a_waitlisted_participant_their_place_in_line(client, event):
    first, _second, waiting_1, waiting_2, waiting_3 = (register(event) for _ in range(5))  # two seats
    assert "urutan ke-" not in client.get(links.manage_path(first)).content.decode()
    assert "Anda di urutan ke-3 daftar tunggu" in client.get(links.manage_path(waiting_3)).content.decode()
    seats.cancel(first)  # the first on the waitlist moves up; everyone behind moves up one place
    waiting_1.refresh_from_db()
    assert waiting_1.status == Status.CONFIRMED
    assert "urutan ke-" not in client.get(links.manage_path(waiting_1)).content.decode()
    assert "Anda di urutan ke-1 daftar tunggu" in client.get(links.manage_path(waiting_2)).content.decode()
    assert "Anda di urutan ke-2 daftar tunggu" in client.get(links.manage_path(waiting_3)).content.decode()


def test_management_links_are_signed_and_expire(client, event, monkeypatch):
    registration = register(event)
    token = links.manage_token(registration)
    assert client.get(f"/pendaftaran-kegiatan/{token}x/").status_code == 404
    assert client.get(f"/pendaftaran-kegiatan/{registration.pk}/").status_code == 404
    monkeypatch.setattr(links, "MANAGE_LINK_MAX_AGE", dt.timedelta(seconds=-1))
    assert client.get(f"/pendaftaran-kegiatan/{token}/").status_code == 410


def test_cancelling_is_closed_once_the_event_has_started(client, home_page):
    event = make_event(home_page, start_in=dt.timedelta(days=2))
    registration = register(event)
    event.start_date = timezone.localdate() - dt.timedelta(days=1)
    event.end_date = timezone.localdate() + dt.timedelta(days=1)
    event.save()
    response = client.post(links.manage_path(registration), {"confirm": "on"})
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_resend_link_answers_the_same_for_known_and_unknown_addresses(client, event):
    registration = register(event, email="ani@contoh.example")
    known = client.post(event.url + "kirim-ulang-tautan/", {"email": "ANI@contoh.example"})
    unknown = client.post(event.url + "kirim-ulang-tautan/", {"email": "siapa@contoh.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert OutboxMessage.objects.filter(key__startswith=f"event-registration:{registration.pk}:link:").count() == 1
    # Asking again within the hour sends nothing new.
    client.post(event.url + "kirim-ulang-tautan/", {"email": "ani@contoh.example"})
    assert OutboxMessage.objects.filter(key__startswith=f"event-registration:{registration.pk}:link:").count() == 1


def test_the_page_after_registering_needs_a_valid_reference(client, event):
    registration = register(event)
    assert client.get(f"/pendaftaran-kegiatan/diterima/{links.done_ref(registration)}/").status_code == 200
    forged = signing.Signer(salt="another-salt").sign(str(registration.pk))
    assert client.get(f"/pendaftaran-kegiatan/diterima/{forged}/").status_code == 404
    Registration.objects.filter(pk=registration.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    assert client.get(f"/pendaftaran-kegiatan/diterima/{links.done_ref(registration)}/").status_code == 404


def test_raising_capacity_promotes_waiting_people(event):
    register(event), register(event)
    waiting = register(event)
    event.capacity = 3
    event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert SeatPool.objects.get(event=event, category=None).capacity == 3


def test_publishing_an_old_revision_does_not_touch_seat_counts(event):
    old = event.save_revision()
    register(event)
    old.publish()
    assert SeatPool.objects.get(event=event, category=None).taken == 1


def test_an_event_saved_without_its_seat_pools_gets_them_at_the_first_registration(event):
    from events.models import EventPage

    SeatPool.objects.filter(event=event).delete()
    registration = register(EventPage.objects.get(pk=event.pk))
    assert registration.status == Status.CONFIRMED
    assert SeatPool.objects.get(event=event, category=None).taken == 1
