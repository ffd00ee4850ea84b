"""Template tags for event pages: schema.org JSON-LD and the status badge."""

import re

from django import template

from events.models import EventPage, EventStatus
from home import siteurl
from home.templatetags.site_tags import json_ld_script, share_image_url

register = template.Library()

_SCHEMA_STATUS = {EventStatus.CANCELLED: "https://schema.org/EventCancelled"}
_SCHEMA_MODE = {
    EventPage.AttendanceMode.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    EventPage.AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventPage.AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}
_AVAILABILITY = {
    EventStatus.OPEN: "https://schema.org/InStock",
    EventStatus.WAITLIST: "https://schema.org/SoldOut",
    EventStatus.FULL: "https://schema.org/SoldOut",
    EventStatus.UPCOMING: "https://schema.org/PreOrder",
}

# Where events of the agency take place: Kalimantan Tengah's city and regencies (kota/kabupaten) and the regencies'
# seats, as addresses name them. The venue address says "street, city" (EventPage.venue_address's help text), so
# the locality is read from it rather than asked again in another field: every event already published gets it,
# and an address outside the province gets no made-up locality.
KALTENG_REGION = "Kalimantan Tengah"
KALTENG_LOCALITIES = (
    "Palangka Raya",
    "Barito Selatan",
    "Barito Timur",
    "Barito Utara",
    "Gunung Mas",
    "Kapuas",
    "Katingan",
    "Kotawaringin Barat",
    "Kotawaringin Timur",
    "Lamandau",
    "Murung Raya",
    "Pulang Pisau",
    "Seruyan",
    "Sukamara",
    "Buntok",
    "Tamiang Layang",
    "Muara Teweh",
    "Kuala Kurun",
    "Kuala Kapuas",
    "Kasongan",
    "Pangkalan Bun",
    "Sampit",
    "Nanga Bulik",
    "Puruk Cahu",
    "Kuala Pembuang",
)
# Longest first, so "Kuala Kapuas" wins over "Kapuas"; spaces optional ("Palangkaraya").
_LOCALITY = re.compile(
    r"\b("
    + "|".join(r"\s*".join(map(re.escape, name.split())) for name in sorted(KALTENG_LOCALITIES, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def address_locality(address):
    """The Kalimantan Tengah locality an address names, from its last part backwards ('Jl. Kapuas 3, Palangka Raya'
    is in Palangka Raya), as written in KALTENG_LOCALITIES; '' when it names none."""
    for part in reversed(str(address or "").split(",")):
        match = _LOCALITY.search(part)
        if match:
            found = re.sub(r"\s+", "", match.group(1)).lower()
            return next(name for name in KALTENG_LOCALITIES if name.replace(" ", "").lower() == found)
    return ""


def postal_address(address):
    """A schema.org PostalAddress (https://schema.org/PostalAddress) for a venue address."""
    data = {"@type": "PostalAddress", "streetAddress": address, "addressCountry": "ID"}
    locality = address_locality(address)
    if locality:
        data["addressLocality"] = locality
        data["addressRegion"] = KALTENG_REGION
    return data


def event_data(event, request=None):
    """The schema.org Event of a page, as a dict; remaining capacity straight from the seat pool row."""
    url = event.get_full_url(request)
    status = event.status()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": event.local(event.starts_at).isoformat(),
        "endDate": event.local(event.ends_at).isoformat(),
        "eventStatus": _SCHEMA_STATUS.get(status, "https://schema.org/EventScheduled"),
        "eventAttendanceMode": _SCHEMA_MODE[event.attendance_mode],
        "organizer": {"@type": "GovernmentOrganization", "name": event.organiser, "url": siteurl.absolute("/")},
    }
    locations = []
    if event.attendance_mode != EventPage.AttendanceMode.ONLINE and (event.venue_name or event.venue_address):
        place = {"@type": "Place", "name": event.venue_name or event.venue_address}
        if event.venue_address:
            place["address"] = postal_address(event.venue_address)
        if event.latitude is not None and event.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.latitude),
                "longitude": float(event.longitude),
            }
        locations.append(place)
    if event.attendance_mode != EventPage.AttendanceMode.OFFLINE:
        # The meeting link itself is only for confirmed participants; the page stands in for it.
        locations.append({"@type": "VirtualLocation", "url": url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    # The event's photo, else the site's default sharing image: the same URL as the page's og:image.
    image = share_image_url(event, request)
    if image:
        data["image"] = [image]
    performers = [{"@type": "Person", "name": item.speaker.name} for item in event.event_speakers]
    if performers:
        data["performer"] = performers
    if event.registration_enabled and event.remaining_seats is not None:
        data["maximumAttendeeCapacity"] = event.total_pool.capacity
        data["remainingAttendeeCapacity"] = event.remaining_seats
        offer = {"@type": "Offer", "price": 0, "priceCurrency": "IDR", "url": url}
        if status in _AVAILABILITY:
            offer["availability"] = _AVAILABILITY[status]
        opens, _closes = event.registration_window()
        if opens:
            offer["validFrom"] = event.local(opens).isoformat()
        data["offers"] = offer
        data["isAccessibleForFree"] = True
    return data


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    return json_ld_script(event_data(event, context.get("request")))


@register.filter
def status_class(event):
    return f"status status--{event.status()}"
