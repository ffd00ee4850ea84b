"""Agenda and event pages as visitors and editors see them: status, times and zones, listings, feeds, JSON-LD."""

import datetime as dt
import json

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events import seats
from events.models import EventIndexPage, EventPage, EventStatus
from home.models import StandardPage
from tests.factories.events import agenda, kind, make_event, register

Status = EventStatus


def json_ld(html, type_="Event"):
    for script in BeautifulSoup(html, "html.parser").select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == type_:
            return data
    raise AssertionError(f"no {type_} JSON-LD")


def test_page_tree_rules(home_page):
    assert EventIndexPage.can_create_at(home_page)
    assert not EventPage.can_create_at(home_page)
    index = agenda(home_page)
    assert EventPage.can_create_at(index)
    assert not StandardPage.can_create_at(index)
    assert not EventIndexPage.can_create_at(index), "one agenda per site"


def test_status_follows_time_seats_and_the_cancelled_flag(home_page):
    now = timezone.now()
    event = make_event(home_page, capacity=1, registration_closes_at=now + dt.timedelta(days=2))
    assert event.status() == Status.OPEN
    assert event.status(now - dt.timedelta(days=2)) == Status.UPCOMING, "before registration opens"
    assert event.status(now + dt.timedelta(days=3)) == Status.CLOSED
    assert event.status(event.ends_at + dt.timedelta(minutes=1)) == Status.HELD
    register(event)
    event = EventPage.objects.get(pk=event.pk)
    assert event.status() == Status.WAITLIST
    event.waitlist_enabled = False
    assert event.status() == Status.FULL
    event.cancelled = True
    assert event.status() == Status.CANCELLED
    assert make_event(home_page, registration_enabled=False, capacity=None).status() == Status.UPCOMING


def test_times_are_entered_and_shown_in_the_events_zone(home_page):
    event = make_event(
        home_page,
        timezone="Asia/Makassar",
        start_date=dt.date(2027, 3, 4),
        start_time=dt.time(9, 0),
        end_time=dt.time(11, 30),
    )
    assert event.starts_at == dt.datetime(2027, 3, 4, 1, 0, tzinfo=dt.UTC)
    assert event.when_display() == "Kamis, 4 Maret 2027, 09.00–11.30 WITA"
    data = json_ld(client_get(event))
    assert data["startDate"] == "2027-03-04T09:00:00+08:00"
    assert data["endDate"] == "2027-03-04T11:30:00+08:00"


def client_get(page):
    from django.test import Client

    response = Client().get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_event_page_shows_facts_map_link_and_keeps_the_meeting_link_private(client, home_page):
    event = make_event(
        home_page,
        attendance_mode="mixed",
        online_url="https://meet.example/rahasia",
        latitude="-2.183600",
        longitude="113.885300",
        venue_name="Kahayan Ballroom",
    )
    html = client.get(event.url).content.decode()
    assert "meet.example/rahasia" not in html
    assert "https://www.openstreetmap.org/?mlat=-2.183600&amp;mlon=113.885300" in html
    assert "<iframe" not in html
    assert "WIB" in html and "Tambah ke kalender" in html
    assert "Pendaftaran dibuka" in html


def test_json_ld_keeps_remaining_capacity_exact(client, home_page):
    event = make_event(home_page, capacity=3, attendance_mode="mixed")
    register(event)
    data = json_ld(client.get(event.url).content.decode())
    assert data["maximumAttendeeCapacity"] == 3
    assert data["remainingAttendeeCapacity"] == 2
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["offers"]["price"] == 0 and data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["organizer"]["@type"] == "GovernmentOrganization"
    register(event), register(event)
    data = json_ld(client.get(event.url).content.decode())
    assert data["remainingAttendeeCapacity"] == 0
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"
    event.cancelled = True
    event.save_revision().publish()
    assert json_ld(client.get(event.url).content.decode())["eventStatus"] == "https://schema.org/EventCancelled"


def test_agenda_lists_upcoming_soonest_first_then_past_with_filters(client, home_page):
    index = agenda(home_page)
    later = make_event(home_page, title="Nanti", start_in=dt.timedelta(days=30))
    soon = make_event(home_page, title="Segera", start_in=dt.timedelta(days=3), kind=kind("FORUM"))
    past = make_event(
        home_page, title="Lampau", start_date=dt.date(2024, 5, 16), registration_enabled=False, capacity=None
    )
    html = client.get(index.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    upcoming_titles = [a.text for a in soup.select("#upcoming-title + ul .card__title a")]
    past_titles = [a.text for a in soup.select("#past-title + ul .card__title a")]
    assert upcoming_titles == ["Segera", "Nanti"]
    assert past_titles == ["Lampau"]
    # The filter menus offer each kind and month of the published events once: kinds in their order, months newest
    # first.
    kinds = sorted({e.kind for e in (later, soon, past)}, key=lambda k: (k.sort_order, k.name))
    assert [o.text for o in soup.select("select[name=jenis] option")][1:] == [k.name for k in kinds]
    months = sorted({f"{e.start_date:%Y-%m}" for e in (later, soon, past)}, reverse=True)
    assert [o["value"] for o in soup.select("select[name=bulan] option")][1:] == months
    only_forum = client.get(index.url, {"jenis": "forum"}).content.decode()
    assert "Segera" in only_forum and "Nanti" not in only_forum
    may_2024 = client.get(index.url, {"bulan": "2024-05"}).content.decode()
    assert "Lampau" in may_2024 and "Segera" not in may_2024
    ignored = client.get(index.url, {"jenis": "<script>", "bulan": "2024-13"})
    assert ignored.status_code == 200 and "<script>" not in ignored.content.decode()
    assert later and soon and past


HOSTILE_AGENDA_FILTERS = [
    {"bulan": "2024-99999999999999999999"},  # int() takes it, date() overflowed: was a 500
    {"bulan": "99999999999999999999-05"},
    {"bulan": "2024-13"},
    {"bulan": " 2024-05"},
    {"bulan": "2024-5"},
    {"bulan": "<script>alert(1)</script>"},
    {"bulan": "2024-05\x00"},
    {"jenis": "<script>alert(1)</script>"},
    {"jenis": "fgd' OR 1=1 --"},
    {"jenis": "a" * 5000, "page": "99999999999999999999999"},
]


@pytest.mark.parametrize("params", HOSTILE_AGENDA_FILTERS)
def test_agenda_ignores_unknown_or_hostile_filters(client, home_page, params):
    """A filter value the menus never send shows the whole agenda: no error, nothing echoed, no month selected."""
    index = agenda(home_page)
    make_event(home_page, title="Lampau", start_date=dt.date(2024, 5, 16), registration_enabled=False, capacity=None)
    response = client.get(index.url, params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert [a.text for a in soup.select("#past-title + ul .card__title a")] == ["Lampau"]
    assert not soup.select("#filter-month option[selected], #filter-kind option[selected]")
    assert "<script>alert(1)" not in response.content.decode()


def test_agenda_queries_do_not_grow_with_the_number_of_events(
    client, home_page, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # count the queries of a full render, both times
    settings.FRAGMENT_CACHE_SECONDS = 0
    index = agenda(home_page)
    for _ in range(2):
        make_event(home_page)
    client.get(index.url)
    with django_assert_max_num_queries(40) as few:
        client.get(index.url)
    baseline = len(few)  # read now: every request clears Django's query log
    for _ in range(6):
        make_event(home_page)
    client.get(index.url)  # publishing purged the cached menu; warm it again, as before the first count
    with django_assert_max_num_queries(baseline):
        client.get(index.url)


def test_past_events_are_paginated(client, home_page):
    index = agenda(home_page)
    for i in range(EventIndexPage.PAST_PER_PAGE + 2):
        make_event(home_page, title=f"Lalu {i}", start_date=dt.date(2024, 1, 1) + dt.timedelta(days=i))
    first = client.get(index.url).content.decode()
    second = client.get(index.url, {"page": 2}).content.decode()
    assert "Lalu 11" in first and "Lalu 0" not in first
    assert "Lalu 0" in second and "Halaman 2 dari 2" in second


def test_calendar_feed_has_every_public_event_and_no_private_one(client, home_page):
    public = make_event(home_page, title="Terbuka")
    draft = make_event(home_page, title="Draf", publish=False)
    private = make_event(home_page, title="Tertutup")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    make_event(
        home_page, title="Dua tahun lalu", start_date=dt.date(2024, 5, 16), registration_enabled=False, capacity=None
    )
    response = client.get(reverse("event_calendar_feed"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert "Terbuka" in summaries and not {"Draf", "Tertutup", "Dua tahun lalu"} & summaries
    assert client.get(reverse("event_calendar", args=[draft.pk])).status_code == 404
    one = icalendar.Calendar.from_ical(client.get(public.ics_url()).content)
    [vevent] = one.walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Aula Kesbangpol, Jalan Tjilik Riwut Km 1, Palangka Raya"
    assert str(vevent["URL"]).endswith(public.url)
    assert vevent["DTSTART"].params["TZID"] == "Asia/Jakarta"


def test_calendar_uid_stays_the_same_when_the_site_address_changes(client, home_page, settings):
    """A calendar that imported the event updates it instead of adding a copy once SITE_URL is set."""
    from home.siteurl import sync_site

    event = make_event(home_page, title="FGD Kewaspadaan")

    def vevent(**headers):
        [component] = icalendar.Calendar.from_ical(client.get(event.ics_url(), **headers).content).walk("VEVENT")
        return component

    before = vevent(HTTP_HOST="localhost")
    assert str(before["UID"]) == f"event-{event.pk}@kesbangpol.kaltengprov.go.id"
    assert str(before["URL"]) == f"https://kesbangpol.test{event.url}"
    assert str(before["ORGANIZER"]) == "mailto:noreply@kesbangpol.test", "the sender, on the SITE_URL's domain"
    settings.SITE_URL = "https://kesbangpol.kaltengprov.go.id"
    sync_site()
    after = vevent()
    assert str(after["URL"]) == f"https://kesbangpol.kaltengprov.go.id{event.url}"
    assert str(after["UID"]) == str(before["UID"])


@pytest.mark.parametrize("event_id", ["9" * 25, "2147483648", "0"])
def test_calendar_of_an_unknown_event_id_is_404_however_long(client, home_page, event_id):
    """A 25-digit id overflowed SQLite's integers inside the query: a 500 instead of a 404."""
    assert client.get(f"/kegiatan/{event_id}.ics").status_code == 404


def test_home_page_shows_upcoming_events(client, home_page):
    make_event(home_page, title="Forum Pemuda Kalteng")
    html = client.get("/").content.decode()
    assert "Agenda mendatang" in html and "Forum Pemuda Kalteng" in html


def test_held_event_shows_its_report_with_numbers_only(client, home_page):
    event = make_event(home_page, title="FGD Selesai", start_in=dt.timedelta(days=2))
    present = register(event, name="Nama Rahasia Peserta")
    seats.mark_attendance(present)
    EventPage.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=2), ends_at=timezone.now() - dt.timedelta(days=2, hours=-3)
    )
    html = client.get(event.url).content.decode()
    assert "Telah berlangsung" in html
    assert "Tambah ke kalender" not in html  # nothing left to put in a calendar
    assert "Kehadiran per kategori peserta" in html
    assert "Nama Rahasia Peserta" not in html
    table = BeautifulSoup(html, "html.parser").select_one(".event-report table tbody")
    assert [td.text for td in table.select("td")] == ["Umum", "1"]


def test_an_editor_creates_an_event_in_the_wagtail_admin(client, admin_user, home_page):
    index = agenda(home_page)
    client.force_login(admin_user)
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])
    assert client.get(url).status_code == 200
    from tests.factories.events import category

    data = nested_form_data(
        {
            "title": "Rakor FKDM",
            "slug": "rakor-fkdm",
            "kind": kind("RAKOR").pk,
            "theme": "Kewaspadaan dini",
            "summary": "Rapat koordinasi.",
            "body": streamfield([]),
            "timezone": "Asia/Jayapura",
            "start_date": "2027-02-10",
            "start_time": "10:00",
            "end_time": "12:00",
            "attendance_mode": "offline",
            "organiser": "Badan Kesbangpol",
            "speakers": inline_formset([]),
            "agenda": streamfield([("item", {"start": "10:00", "end": "", "activity": "Pembukaan", "person": ""})]),
            "documents": streamfield([]),
            "registration_enabled": "on",
            "capacity": "40",
            "waitlist_enabled": "on",
            "categories": inline_formset([{"category": category("Ormas").pk, "quota": "10"}]),
            "report_photos": streamfield([]),
            "attendance_counts": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    event = EventPage.objects.get(slug="rakor-fkdm")
    assert event.live and event.zone_label == "WIT"
    assert event.starts_at == dt.datetime(2027, 2, 10, 1, 0, tzinfo=dt.UTC)
    assert sorted(event.seat_pools.values_list("capacity", flat=True)) == [10, 40]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end_time": dt.time(8, 0)}, "end_time"),
        ({"registration_enabled": True, "capacity": None}, "capacity"),
        ({"latitude": "-2.1"}, "longitude"),
    ],
)
def test_impossible_settings_get_a_message_for_the_editor(home_page, fields, field):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        make_event(home_page, **fields)
    assert field in error.value.message_dict


def test_cached_agenda_and_home_show_new_seat_counts_after_a_registration(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 300
    from django.core.cache import cache

    from home.models import SiteSettings

    SiteSettings.load(request_or_site=None)  # its first creation would purge everything, as any content save does
    cache.clear()
    index = agenda(home_page)
    event = make_event(home_page, capacity=5, title="FGD Kursi")
    assert "5 kursi tersisa" in client.get(index.url).content.decode()
    assert "5 kursi tersisa" in client.get("/").content.decode()
    assert client.get(index.url)["X-Cache"] == "HIT"
    register(event)
    assert "4 kursi tersisa" in client.get(index.url).content.decode()
    assert "4 kursi tersisa" in client.get("/").content.decode()
