"""The events demo content that `seed_demo` loads: the four events a reviewer clicks through after `make run`."""

import datetime as dt
import os

from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from events.models import EventPage, EventStatus, Registration
from news.models import Announcement
from tests.support.event_forms import click_confirmation, form_url, registration_data


def demo_event(slug):
    return EventPage.objects.live().get(slug=slug)


def test_demo_agenda_has_the_four_kinds_of_event(seeded):
    fgd = demo_event("fgd-wawasan-kebangsaan-generasi-muda")
    assert fgd.status() == EventStatus.OPEN and fgd.registration_form is not None
    assert [quota for _category, quota, _free in fgd.category_seats()] == [20, 15, 20, 5]

    forum = demo_event("forum-kewaspadaan-dini-masyarakat")
    assert forum.status() == EventStatus.UPCOMING
    opens = timezone.localtime(forum.registration_opens_at)
    assert opens > timezone.now() and (opens.hour, opens.minute) == (8, 0), "opens at 08.00 WIB, not at seed time"

    full = demo_event("sosialisasi-pendaftaran-ormas-siola")
    assert full.status() == EventStatus.WAITLIST
    assert full.registrations.filter(status=Registration.Status.WAITLISTED).exists()

    past = demo_event("fgd-sinergitas-polri-dan-masyarakat-2024")
    assert past.status() == EventStatus.HELD and past.start_date == dt.date(2024, 5, 16)
    assert past.report_summary and past.attendance_report()

    for event in (fgd, forum, full):
        assert event.start_date.weekday() < 5 and event.local(event.ends_at).weekday() < 5, event.title


def test_the_banner_leads_to_the_open_fgd_and_registering_there_works(seeded, client):
    """The first thing a reviewer clicks: the banner, then the form. (This once failed with a 500 on every
    registration: the editors' notification asked for permissions without naming an auth backend.)"""
    [banner] = Announcement.objects.current()
    fgd = demo_event("fgd-wawasan-kebangsaan-generasi-muda")
    assert banner.link_page_id == fgd.pk and banner.ends_at == fgd.starts_at

    data = registration_data(
        client,
        fgd,
        category="Ormas",
        email="peserta.demo@contoh.example",
        **{"q-pernah_mengikuti_fgd_kesbangpol_sebelumnya": "Belum pernah"},
    )
    response = client.post(form_url(fgd), data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)[:500]
    done = client.get(response["Location"]).content.decode()
    registration = Registration.objects.get(email="peserta.demo@contoh.example")
    assert registration.status == Registration.Status.HELD
    assert registration.code in done and "Periksa e-mail Anda" in done
    click_confirmation(client, registration)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    # The team's digest asks who may see registrations (with a named auth backend, see above).
    call_command("send_registration_digests", stdout=open(os.devnull, "w"))  # noqa: SIM115
