"""A seat is held, not confirmed, until the registrant clicks the mailed link; holds that are not confirmed in time
release themselves and promote the waitlist (events/seats.py)."""

import datetime as dt
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import links, seats
from events.models import Registration, SeatPool, email_key
from home.models import OutboxMessage
from tests.factories.events import make_event, register
from tests.support.event_forms import click_confirmation, form_url, registration_data

Status = Registration.Status


@pytest.fixture
def event(home_page):
    return make_event(home_page, capacity=2, title="FGD Kursi Ditahan")


def expire(*registrations):
    """Move the holds' deadline into the past (as if the hold time had gone by)."""
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
        hold_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )


def taken(event):
    return SeatPool.objects.get(event=event, category=None).taken


def keys(registration):
    return set(
        OutboxMessage.objects.filter(key__startswith=f"event-registration:{registration.pk}:").values_list(
            "key", flat=True
        )
    )


def test_a_held_seat_counts_and_expires_lazily_at_the_next_registration_promoting_the_waitlist(event, settings):
    settings.EVENT_HOLD_HOURS = 3
    held = register(event, confirm=False)
    before = timezone.now()
    assert held.status == Status.HELD
    assert before + dt.timedelta(hours=2, minutes=59) < held.hold_expires_at <= before + dt.timedelta(hours=3)
    confirmed = register(event)  # clicked at once
    waiting = register(event)  # confirmed their address: a place that never expires
    assert (confirmed.status, waiting.status) == (Status.CONFIRMED, Status.WAITLISTED)
    assert taken(event) == 2, "the held seat counts against the seats like a confirmed one"

    expire(held)
    late = register(event, confirm=False)  # the next registration releases the expired hold first
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert held.status == Status.EXPIRED
    assert waiting.status == Status.CONFIRMED, "the first in the waitlist got the freed seat, before the newcomer"
    assert late.status == Status.WAITLISTED
    assert taken(event) == 2
    assert any(key.startswith(f"event-registration:{waiting.pk}:promoted:") for key in keys(waiting))
    assert keys(held) == {f"event-registration:{held.pk}:held"}, "no mail to an address nobody confirmed"


def test_the_event_page_releases_expired_holds_when_it_is_viewed(client, event):
    held = register(event, confirm=False)
    register(event)
    assert "Penuh" in client.get(event.url).content.decode()
    expire(held)
    page = client.get(event.url).content.decode()
    held.refresh_from_db()
    assert held.status == Status.EXPIRED and taken(event) == 1
    assert "Penuh" not in page


def test_the_command_releases_every_event_and_promotes(home_page, event):
    other = make_event(home_page, capacity=1, title="Forum Lain")
    holds = [register(event, confirm=False), register(other, confirm=False)]
    waiting = register(other)
    expire(*holds)
    with open(os.devnull, "w") as devnull:
        call_command("release_expired_holds", stdout=devnull)
    assert {r.status for r in Registration.objects.filter(pk__in=[h.pk for h in holds])} == {Status.EXPIRED}
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert (taken(event), taken(other)) == (0, 1)


def test_a_click_after_the_hold_expired_confirms_nothing_and_says_so(client, event):
    response = client.post(form_url(event), registration_data(client, event))
    held = Registration.objects.get()
    expire(held)
    page = click_confirmation(client, held).content.decode()
    held.refresh_from_db()
    assert held.status == Status.EXPIRED and taken(event) == 0
    assert "tidak dikonfirmasi tepat waktu" in page
    assert response.status_code == 302


def test_opening_the_link_does_not_confirm_only_the_button_does(client, event):
    held = register(event, confirm=False)
    path = links.confirm_url(held).removeprefix("https://kesbangpol.test")
    page = client.get(path)
    assert page.status_code == 200 and "Konfirmasi pendaftaran saya" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    held.refresh_from_db()
    assert held.status == Status.HELD, "a mail provider's link checker opens links: GET changes nothing"
    client.post(path)
    client.post(path)  # twice: nothing more happens
    held.refresh_from_db()
    assert held.status == Status.CONFIRMED and taken(event) == 1
    assert len([k for k in keys(held) if k.endswith(":confirmed")]) == 1
    assert client.get(path + "x/").status_code == 404
    assert (
        client.get(
            links.manage_path(held).replace("/pendaftaran-kegiatan/", "/pendaftaran-kegiatan/konfirmasi/")
        ).status_code
        == 404
    )


def test_the_page_after_registering_shows_no_confirmation_link(client, event):
    response = client.post(form_url(event), registration_data(client, event))
    page = client.get(response["Location"]).content.decode()
    assert "/konfirmasi/" not in page, "only the mailbox gets the link"
    assert "ditahan untuk Anda sampai" in page


def test_walk_in_events_confirm_at_once(home_page):
    event = make_event(home_page, capacity=1, email_confirmation=False)
    first, second = register(event, confirm=False), register(event, confirm=False)
    assert (first.status, second.status) == (Status.CONFIRMED, Status.WAITLISTED)
    assert first.hold_expires_at is None and second.hold_expires_at is None
    assert f"event-registration:{first.pk}:confirmed" in keys(first)


def test_an_unconfirmed_waitlist_place_is_promoted_to_a_hold_and_a_confirmed_one_to_a_seat(event):
    a, b = register(event), register(event)
    unconfirmed = register(event, confirm=False)
    assert unconfirmed.status == Status.WAITLISTED and unconfirmed.hold_expires_at is not None
    seats.cancel(a)
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == Status.HELD, "moved up, but the seat is theirs only with the click"
    assert f"event-registration:{unconfirmed.pk}:promoted-held" in keys(unconfirmed)
    confirmed_waiting = register(event)
    seats.cancel(b)
    confirmed_waiting.refresh_from_db()
    assert confirmed_waiting.status == Status.CONFIRMED


def test_an_unconfirmed_waitlist_place_expires_too(event):
    register(event), register(event)
    unconfirmed = register(event, confirm=False)
    expire(unconfirmed)
    seats.release_expired_holds(event)
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == Status.EXPIRED


def test_a_hold_never_outlasts_the_start_of_the_event(home_page, settings):
    settings.EVENT_HOLD_HOURS = 48
    # Tomorrow at 09:00 WIB (make_event keeps the day and sets the time): 9 to 33 hours away whenever the test runs,
    # always sooner than the hold. "In 10 hours" fell on today after 09:00 when run after 23:00 UTC, already started.
    event = make_event(home_page, start_in=dt.timedelta(days=1))
    assert event.starts_at - timezone.now() < dt.timedelta(hours=48)
    held = register(event, confirm=False)
    assert held.hold_expires_at == event.starts_at


def test_editors_confirm_a_held_registration_without_a_second_seat(event):
    held = register(event, confirm=False)
    assert seats.confirm(held)
    held.refresh_from_db()
    assert held.status == Status.CONFIRMED and held.hold_expires_at is None and taken(event) == 1


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Rina.W+fgd@GoogleMail.com", "rinaw@gmail.com"),
        ("r.i.n.a.w@gmail.com", "rinaw@gmail.com"),
        ("Budi+kesbangpol@Outlook.com", "budi@outlook.com"),
        ("budi+x@kaltengprov.go.id", "budi+x@kaltengprov.go.id"),
        ("Ani.S@Contoh.Example", "ani.s@contoh.example"),
    ],
)
def test_addresses_are_compared_by_a_normalised_key(typed, key):
    assert email_key(typed) == key


def test_one_mailbox_under_another_spelling_is_already_registered_and_stored_as_typed(client, event):
    assert (
        client.post(form_url(event), registration_data(client, event, email="Rina.W+fgd@GoogleMail.com")).status_code
        == 302
    )
    response = client.post(form_url(event), registration_data(client, event, email="rinaw@gmail.com"))
    assert response.status_code == 409
    assert "sudah terdaftar" in response.content.decode()
    assert list(Registration.objects.values_list("email", flat=True)) == ["Rina.W+fgd@GoogleMail.com"]
