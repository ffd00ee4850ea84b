"""iCalendar (.ics): one event ("Tambah ke kalender", the mail attachment) and the feed of all public events.

Times are written with their TZID (Asia/Jakarta, Asia/Makassar, Asia/Jayapura) and the matching VTIMEZONE, so
calendars show the venue's clock time whatever zone the reader is in.
"""

import datetime as dt
import functools
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header

from home import siteurl

PRODID = "-//Badan Kesbangpol Provinsi Kalimantan Tengah//Agenda Kegiatan//ID"


def _calendar(name=None, method="PUBLISH"):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Asia/Jakarta")
    return calendar


def vevent(event, request=None, *, online_url="", sequence=None, attendee="", cancelled=False):
    """The VEVENT of an event page; `online_url` only for a confirmed participant's own copy.

    `sequence` is the event's revision as participants were told it (RFC 5545 §3.8.7.4; events/notices.py) and
    `attendee` the participant's address, which a METHOD:REQUEST or CANCEL needs (RFC 5546 §3.2.2, §3.2.5).
    `cancelled` marks this copy cancelled though the event goes on: a participant's own cancelled seat."""
    url = event.get_full_url(request)
    component = icalendar.Event()
    # Stable whatever SITE_URL says: a calendar that imported the event once updates it instead of adding a copy.
    component.add("uid", f"event-{event.pk}@{siteurl.ID_DOMAIN}")
    component.add("dtstamp", dt.datetime.now(dt.UTC))
    component.add(
        "last-modified", (event.last_published_at or event.latest_revision_created_at or dt.datetime.now(dt.UTC))
    )
    component.add("dtstart", event.local(event.starts_at))
    component.add("dtend", event.local(event.ends_at))
    component.add("summary", event.title)
    location = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
    if event.attendance_mode == event.AttendanceMode.ONLINE:
        location = location or "Daring (online)"
    if location:
        component.add("location", location)
    lines = [event.theme, "", strip_tags(event.summary)]
    if online_url:
        lines += ["", f"Tautan rapat daring: {online_url}"]
    lines += ["", url]
    component.add("description", "\n".join(lines).strip())
    component.add("url", url)
    component.add("organizer", f"mailto:{_organiser_mail()}", parameters={"cn": event.organiser})
    component.add("status", "CANCELLED" if event.cancelled or cancelled else "CONFIRMED")
    if sequence is not None:
        component.add("sequence", sequence)
    if attendee:
        component.add("attendee", f"mailto:{attendee}", parameters={"rsvp": "FALSE"})
    return component


@functools.cache
def vtimezone(tzid):
    """VTIMEZONE of an Indonesian zone. WIB, WITA and WIT have had one fixed offset and no summer time since
    1988, so one STANDARD rule describes them; icalendar's generic builder (add_missing_timezones) walks every
    hour from 1970 to 2038 and costs about 0.2 s per call, on every registration mail."""
    offset = ZoneInfo(tzid).utcoffset(dt.datetime(2000, 1, 1))
    component = icalendar.Timezone()
    component.add("tzid", tzid)
    standard = icalendar.TimezoneStandard()
    standard.add("dtstart", dt.datetime(1988, 1, 1))
    standard.add("tzoffsetfrom", offset)
    standard.add("tzoffsetto", offset)
    standard.add("tzname", {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(tzid, tzid))
    component.add_component(standard)
    return component


def _add_timezones(calendar, events):
    for tzid in sorted({event.timezone for event in events}):
        calendar.add_component(vtimezone(tzid))


def event_ics(event, request=None, *, online_url="", sequence=None, method="PUBLISH", attendee="", cancelled=False):
    calendar = _calendar(method=method)
    _add_timezones(calendar, [event])
    calendar.add_component(
        vevent(event, request, online_url=online_url, sequence=sequence, attendee=attendee, cancelled=cancelled)
    )
    return calendar.to_ical()


def event_response(request, event):
    response = HttpResponse(event_ics(event, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{event.slug}.ics")
    return response


def feed_response(request, name, events):
    calendar = _calendar(name=name)
    events = list(events)
    _add_timezones(calendar, events)
    for event in events:
        calendar.add_component(vevent(event, request))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, "agenda-kesbangpol-kalteng.ics")
    return response


def _organiser_mail():
    """The sender of our mail (DEFAULT_FROM_EMAIL, by default noreply@ the SITE_URL's host)."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or f"noreply@{settings.SITE_HOSTNAME}"
