"""Event mail through the outbox to a real SMTP server (aiosmtpd): content, attachments, outages, reminders."""

import datetime as dt
import io
import re

import icalendar
import pytest
import zxingcpp
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from events import links
from events.models import Registration
from home.models import OutboxMessage
from home.outbox import send_due
from tests.factories.events import make_event, register
from tests.support.event_forms import click_confirmation, confirm_link, form_url, registration_data

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ONLINE = "https://meet.example/fgd-uji"


@pytest.fixture
def event(home_page):
    return make_event(
        home_page,
        capacity=1,
        title="FGD Uji Surat",
        attendance_mode="mixed",
        online_url=ONLINE,
        timezone="Asia/Makassar",
    )


def keyed(sink, prefix):
    return [m for m in sink.messages if m["X-Outbox-Key"].startswith(prefix)]


def parts(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    files = {part.get_filename(): part for part in message.iter_attachments()}
    return text, html, files


def test_the_first_mail_holds_the_seat_until_a_time_in_the_events_zone_and_carries_the_link(client, event, smtp_sink):
    response = client.post(form_url(event), registration_data(client, event, email="rina@contoh.example"))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.HELD
    [message] = smtp_sink.by_key(f"event-registration:{registration.pk}:held")
    assert message["To"] == "rina@contoh.example"
    assert message["Subject"].startswith("Konfirmasikan pendaftaran Anda paling lambat ")
    text, html, files = parts(message)
    until = registration.event.moment_display(registration.hold_expires_at)
    assert until.endswith(" WITA") and until in text and until in html
    assert "Kursi Anda ditahan sampai" in text
    assert ONLINE not in text and files == {}, "no meeting link or ticket before the seat is confirmed"
    assert confirm_link(text) in html
    assert smtp_sink.by_key(f"event-registration:{registration.pk}:confirmed") == []


def test_confirmation_mail_has_text_html_calendar_qr_and_a_working_link(client, event, smtp_sink):
    response = client.post(form_url(event), registration_data(client, event, email="rina@contoh.example"))
    assert response.status_code == 302
    registration = Registration.objects.get()
    click_confirmation(client, registration)
    [message] = smtp_sink.by_key(f"event-registration:{registration.pk}:confirmed")
    assert message["To"] == "rina@contoh.example"
    assert message["Subject"] == f"Pendaftaran terkonfirmasi: FGD Uji Surat ({registration.code})"
    text, html, files = parts(message)
    assert registration.code in text and "Yth. Rina Wulandari" in text
    assert ONLINE in text, "confirmed participants of a hybrid event get the meeting link"
    assert 'src="cid:qr-code"' in html
    qr = files[f"{registration.code}-qr.png"]
    assert qr["Content-ID"] == "<qr-code>"
    [scanned] = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.get_content())))
    # A standard QR code (phone cameras do not read Micro QR) that opens the check-in of this registration.
    assert scanned.format == zxingcpp.BarcodeFormat.QRCode
    assert (
        scanned.text
        == f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/pendaftaran-kegiatan/check-in/{registration.code}/"
    )
    calendar = icalendar.Calendar.from_ical(files[f"{registration.code}.ics"].get_content())
    [vevent] = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Asia/Makassar"
    assert vevent.decoded("DTSTART").utcoffset() == dt.timedelta(hours=8)
    assert str(vevent["SUMMARY"]) == "FGD Uji Surat"
    manage_url = re.search(r"https?://\S+/pendaftaran-kegiatan/\S+/", text).group(0)
    page = client.get("/" + manage_url.split("://", 1)[1].split("/", 1)[1])
    assert page.status_code == 200 and registration.code in page.content.decode()


def test_mailed_links_name_the_public_site_whatever_host_the_form_was_posted_to(client, event, smtp_sink):
    """A request through http://localhost:6666 (a tunnel, the server itself) once mailed links to that address."""
    data = registration_data(client, event, email="rina@contoh.example")
    response = client.post(form_url(event), data, HTTP_HOST="localhost", HTTP_X_FORWARDED_HOST="evil.example")
    assert response.status_code == 302
    registration = Registration.objects.get()
    [held] = smtp_sink.by_key(f"event-registration:{registration.pk}:held")
    held_text, held_html, _files = parts(held)
    confirm_link(held_text)  # on https://kesbangpol.test
    assert "localhost" not in held_text + held_html and "evil.example" not in held_text + held_html
    client.post(confirm_link(held_text), HTTP_HOST="localhost", HTTP_X_FORWARDED_HOST="evil.example")
    [message] = smtp_sink.by_key(f"event-registration:{registration.pk}:confirmed")
    text, html, files = parts(message)
    # The token carries the second it was signed in, so compare what it names rather than the token itself.
    manage = re.search(r"https?://\S+/pendaftaran-kegiatan/(\S+)/", text)
    assert manage.group(0).startswith("https://kesbangpol.test/pendaftaran-kegiatan/")
    assert links.load_manage_token(manage.group(1))[0] == registration.pk
    [vevent] = icalendar.Calendar.from_ical(files[f"{registration.code}.ics"].get_content()).walk("VEVENT")
    assert str(vevent["URL"]) == f"https://kesbangpol.test{event.url}"
    assert "localhost" not in text + html + vevent.to_ical().decode() and "evil.example" not in text + html


def test_waitlist_notice_then_promotion_notice_after_a_cancellation(client, event, smtp_sink):
    first = register(event, email="pertama@contoh.example")
    second = register(event, email="kedua@contoh.example")
    [waiting] = smtp_sink.by_key(f"event-registration:{second.pk}:waitlisted")
    text, _html, files = parts(waiting)
    assert "daftar tunggu" in text and "urutan ke-1" in text
    assert ONLINE not in text and files == {}, "no meeting link or ticket before a seat is confirmed"

    client.post(links.manage_path(first), {"confirm": "on"})
    cancelled = [
        m for m in smtp_sink.messages if m["X-Outbox-Key"].startswith(f"event-registration:{first.pk}:cancelled")
    ]
    promoted = [
        m for m in smtp_sink.messages if m["X-Outbox-Key"].startswith(f"event-registration:{second.pk}:promoted")
    ]
    assert len(cancelled) == 1 and len(promoted) == 1
    text, _html, files = parts(promoted[0])
    assert "ada kursi yang kosong" in text and ONLINE in text
    assert f"{second.code}.ics" in files


def test_cancelling_ones_own_seat_mails_an_ics_that_removes_it_from_the_calendar(client, event, smtp_sink):
    seated = register(event, email="pertama@contoh.example")
    waiting = register(event, email="kedua@contoh.example")
    [confirmation] = smtp_sink.by_key(f"event-registration:{seated.pk}:confirmed")
    [booked] = icalendar.Calendar.from_ical(parts(confirmation)[2][f"{seated.code}.ics"].get_content()).walk("VEVENT")

    assert client.post(links.manage_path(seated), {"confirm": "on"}).status_code == 302
    [cancelled] = keyed(smtp_sink, f"event-registration:{seated.pk}:cancelled")
    ics = icalendar.Calendar.from_ical(parts(cancelled)[2][f"{seated.code}.ics"].get_content())
    assert str(ics["METHOD"]) == "CANCEL"
    [vevent] = ics.walk("VEVENT")
    assert str(vevent["UID"]) == str(booked["UID"])
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert vevent["SEQUENCE"] == booked["SEQUENCE"]
    assert str(vevent["ATTENDEE"]) == "mailto:pertama@contoh.example"

    # The person moved up in their place got a seat; one who leaves the waitlist never had an .ics to remove.
    third = register(event, email="ketiga@contoh.example")
    assert client.post(links.manage_path(third), {"confirm": "on"}).status_code == 302
    [left_waitlist] = keyed(smtp_sink, f"event-registration:{third.pk}:cancelled")
    assert parts(left_waitlist)[2] == {}
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_smtp_outage_never_loses_a_registration_and_mail_follows_once(client, event, smtp_sink):
    smtp_sink.stop()
    response = client.post(form_url(event), registration_data(client, event))
    assert response.status_code == 302
    registration = Registration.objects.get()
    message = OutboxMessage.objects.get(key=f"event-registration:{registration.pk}:held")
    assert message.status == OutboxMessage.Status.PENDING and message.attempts == 1
    smtp_sink.start()
    send_due(now=timezone.now() + dt.timedelta(minutes=5))
    send_due(now=timezone.now() + dt.timedelta(hours=2))
    assert len(smtp_sink.by_key(f"event-registration:{registration.pk}:held")) == 1


def test_reminders_go_once_to_confirmed_people_of_events_starting_soon(home_page, smtp_sink):
    soon = timezone.localtime() + dt.timedelta(hours=20)
    end = soon + dt.timedelta(hours=3)
    event = make_event(
        home_page,
        capacity=2,
        start_date=soon.date(),
        start_time=soon.time().replace(microsecond=0),
        end_date=end.date(),
        end_time=end.time().replace(microsecond=0),
    )
    later = make_event(home_page, capacity=2, start_in=dt.timedelta(days=3))
    confirmed = register(event)
    cancelled = register(event)
    waiting = register(event)
    register(later)
    from events import seats

    seats.cancel(cancelled)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    reminders = [m for m in smtp_sink.messages if m["X-Outbox-Key"].endswith(":reminder")]
    assert sorted(m["X-Outbox-Key"] for m in reminders) == sorted(
        f"event-registration:{r.pk}:reminder" for r in (confirmed, waiting)
    )
    # (A subject with non-ASCII characters is RFC 2047-encoded and folded; the parser keeps the fold.)
    assert all(m["Subject"].strip().startswith("Pengingat: ") for m in reminders)
    # Built by a command, outside any request: every link names SITE_URL (https://kesbangpol.test in the tests).
    [promoted] = keyed(smtp_sink, f"event-registration:{waiting.pk}:promoted")
    for message in [*reminders, promoted]:
        text, html, files = parts(message)
        assert re.search(r"https://kesbangpol\.test/pendaftaran-kegiatan/\S+/", text)
        ics = next(part.get_content() for name, part in files.items() if name.endswith(".ics"))
        [vevent] = icalendar.Calendar.from_ical(ics).walk("VEVENT")
        assert str(vevent["URL"]) == f"https://kesbangpol.test{event.url}"
        assert "localhost" not in text + html + vevent.to_ical().decode()


def test_editors_get_an_hourly_digest_without_personal_data(client, event, smtp_sink, django_user_model):
    editor = django_user_model.objects.create_user("tim", "tim.kegiatan@contoh.example", "pw", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client.post(form_url(event), registration_data(client, event, email="rina@contoh.example", phone="0812 9999 8888"))
    registration = Registration.objects.get()
    assert keyed(smtp_sink, "event-digest:") == [], "nothing per registration: the digest gathers them"
    call_command("send_registration_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [message] = keyed(smtp_sink, f"event-digest:{event.pk}:")
    assert message["To"] == "tim.kegiatan@contoh.example"
    text, html, _files = parts(message)
    for personal in ("Rina", "rina@contoh.example", "8888", "BEM Universitas", registration.code):
        assert personal not in text and personal not in html
    assert "1 pendaftaran baru" in text
    assert "Kursi ditahan, menunggu konfirmasi e-mail: 1" in text
    assert f"/admin/pendaftaran-kegiatan/{event.pk}/" in text
