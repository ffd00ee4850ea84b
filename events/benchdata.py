"""Events for bench/scale.py (the contract is in its docstring): make the agenda hold `count` events."""

import datetime as dt

from django.utils import timezone

SLUG_PREFIX = "uji-skala-kegiatan"


def grow_events(count, stdout):
    from events.models import EventCategory, EventIndexPage, EventKind, EventPage, ParticipantCategory
    from home.models import HomePage

    index = EventIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.first().add_child(
            instance=EventIndexPage(title="Agenda Kegiatan", slug="agenda-kegiatan")
        )
        index.save_revision().publish()
    kind, _ = EventKind.objects.get_or_create(slug="fgd", defaults={"name": "Focus Group Discussion", "code": "FGD"})
    category, _ = ParticipantCategory.objects.get_or_create(name="Masyarakat Umum")
    have = EventPage.objects.filter(slug__startswith=SLUG_PREFIX).count()
    today = timezone.localdate()
    for n in range(have, count):
        # Mostly past events (an agenda grows backwards over the years), a few upcoming ones.
        start = today + dt.timedelta(days=30 - 3 * n)
        event = EventPage(
            title=f"FGD uji skala {n:05d}",
            slug=f"{SLUG_PREFIX}-{n:05d}",
            kind=kind,
            theme="Uji skala agenda kegiatan",
            summary=f"Kegiatan uji skala nomor {n}.",
            start_date=start,
            start_time=dt.time(9),
            end_time=dt.time(12),
            venue_name="Aula Kesbangpol",
            registration_enabled=start > today,
            capacity=50 if start > today else None,
            categories=[EventCategory(category=category)],
            live=True,
        )
        index.add_child(instance=event)
        if n % 100 == 0:
            stdout.write(f"  {n}/{count} events\n")
            stdout.flush()


def event_urls():
    from events.models import EventIndexPage

    index = EventIndexPage.objects.first()
    base = index.url if index else "/agenda-kegiatan/"
    return {
        "agenda": base,
        "agenda, past events page 20": f"{base}?page=20",
        "agenda, one kind": f"{base}?jenis=fgd",
        "event page": f"{base}{SLUG_PREFIX}-00042/",
        "calendar feed": "/agenda.ics",
    }
