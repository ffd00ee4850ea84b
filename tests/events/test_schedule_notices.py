"""Registrants hear of a moved or cancelled event when the editor publishes it: one mail each, with an updated .ics
(same UID, higher SEQUENCE), once per change."""

import base64
import datetime as dt

import icalendar
import pytest
from django.core import mail as django_mail

from events import seats
from events.models import Registration
from home.models import OutboxMessage
from tests.factories.events import make_event, register

pytestmark = pytest.mark.django_db

ONLINE = "https://meet.example/fgd-lama"


@pytest.fixture
def event(home_page):
    return make_event(home_page, capacity=2, title="FGD Wawasan Kebangsaan", attendance_mode="mixed", online_url=ONLINE)


@pytest.fixture
def people(event):
    """Two confirmed, one waitlisted, one cancelled."""
    first, second, waiting, gone = (
        register(event, email=f"{n}@contoh.example") for n in ("ani", "budi", "citra", "dedi")
    )
    seats.cancel(gone)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED
    return first, second, waiting, gone


def notices():
    return list(OutboxMessage.objects.filter(key__startswith="event-schedule:").order_by("key"))


def publish(event, **fields):
    for name, value in fields.items():
        setattr(event, name, value)
    revision = event.save_revision()
    revision.publish()
    return revision


def calendar_of(message):
    [attachment] = [a for a in message.attachments if a["filename"].endswith(".ics")]
    return icalendar.Calendar.from_ical(base64.b64decode(attachment["content"]))


def first_ics(registration):
    """The .ics of the confirmation mail the person got when registering."""
    message = OutboxMessage.objects.get(key=f"event-registration:{registration.pk}:confirmed")
    [vevent] = calendar_of(message).walk("VEVENT")
    return vevent


def test_moving_venue_and_time_mails_each_confirmed_and_waitlisted_person_once(event, people):
    first, second, waiting, gone = people
    before = first_ics(first)
    new_date = event.start_date + dt.timedelta(days=1)
    publish(event, venue_name="Hotel Aquarius", venue_address="Jl. Imam Bonjol, Palangka Raya", start_date=new_date)

    messages = notices()
    assert sorted(m.to[0] for m in messages) == ["ani@contoh.example", "budi@contoh.example", "citra@contoh.example"]
    by_address = {m.to[0]: m for m in messages}
    text = by_address["ani@contoh.example"].body_text
    assert by_address["ani@contoh.example"].subject.startswith("Perubahan kegiatan: FGD Wawasan Kebangsaan")
    assert "Aula Kesbangpol, Jalan Tjilik Riwut Km 1, Palangka Raya → Hotel Aquarius, Jl. Imam Bonjol" in text
    assert "09.00–12.00 WIB →" in text and str(new_date.day) in text.split("→")[1]

    calendar = calendar_of(by_address["ani@contoh.example"])
    assert str(calendar["METHOD"]) == "REQUEST"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == str(before["UID"])
    assert int(vevent["SEQUENCE"]) > int(before.get("SEQUENCE", 0))
    assert str(vevent["LOCATION"]).startswith("Hotel Aquarius")
    assert vevent.decoded("DTSTART").date() == new_date
    assert str(vevent["ATTENDEE"]) == "mailto:ani@contoh.example"
    # The waitlist never had a calendar entry or the meeting link; it gets the notice without them.
    assert by_address["citra@contoh.example"].attachments == []


def test_publishing_again_without_a_change_or_the_same_revision_again_queues_nothing(event, people):
    revision = publish(event, venue_name="Gedung Batang Garing")
    assert len(notices()) == 3
    revision.publish()
    publish(event, summary="Ringkasan yang diperbaiki.")  # another field: no news for participants
    assert len(notices()) == 3


def test_a_second_change_gets_a_higher_sequence(event, people):
    publish(event, venue_name="Gedung Batang Garing")
    publish(event, start_time=dt.time(13, 0), end_time=dt.time(15, 0))
    sequences = sorted(
        int(calendar_of(m).walk("VEVENT")[0]["SEQUENCE"]) for m in notices() if m.to == ["ani@contoh.example"]
    )
    assert sequences == [1, 2]


def test_a_new_online_link_goes_to_confirmed_people_only(event, people):
    publish(event, online_url="https://meet.example/fgd-baru")
    by_address = {m.to[0]: m for m in notices()}
    assert "https://meet.example/fgd-baru" in by_address["ani@contoh.example"].body_text
    assert "https://meet.example/fgd-baru" not in by_address["citra@contoh.example"].body_text
    assert ONLINE not in by_address["citra@contoh.example"].body_text


def test_cancelling_sends_the_note_and_a_cancel_calendar(event, people):
    publish(event, cancelled=True, cancellation_note="Narasumber berhalangan; jadwal baru menyusul.")
    messages = notices()
    assert len(messages) == 3
    by_address = {m.to[0]: m for m in messages}
    assert by_address["budi@contoh.example"].subject.startswith("Kegiatan dibatalkan: FGD Wawasan Kebangsaan")
    assert "Narasumber berhalangan; jadwal baru menyusul." in by_address["citra@contoh.example"].body_text
    calendar = calendar_of(by_address["budi@contoh.example"])
    assert str(calendar["METHOD"]) == "CANCEL"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED" and int(vevent["SEQUENCE"]) == 1


def test_a_draft_sends_nothing(event, people):
    event.venue_name = "Hotel Aquarius"
    event.cancelled = True
    event.save_revision()
    assert notices() == []
    assert not [m for m in django_mail.outbox if "Hotel Aquarius" in m.body]


def test_reverting_to_an_older_revision_is_a_change_with_a_still_higher_sequence(event, people):
    original = event.get_latest_revision()
    publish(event, venue_name="Gedung Batang Garing")
    original.publish()
    ani = [m for m in notices() if m.to == ["ani@contoh.example"]]
    assert len(ani) == 2
    last = max(ani, key=lambda m: int(calendar_of(m).walk("VEVENT")[0]["SEQUENCE"]))
    assert "Gedung Batang Garing, Jalan Tjilik Riwut Km 1, Palangka Raya → Aula Kesbangpol" in last.body_text
