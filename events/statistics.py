"""Counts of events and their participants: shared by the editors' reports (desk/reports.py) and the public
"Data dan Statistik" page (registered on the `register_open_statistics` hook in events/wagtail_hooks.py).

Only counts leave this module. The public figures never cross a participant category with a single event: a
category count per event can point at the one person of that category at a small meeting, so the public sees
categories summed over the year; the per-event table stays in the admin report (docs/opendata.md, "Small cells").
"""

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from home.charts import stacked_bars
from home.periods import MONTHS, aware, month_start, months
from home.reports import Report


def confirmed_by_category(event_ids):
    """({(event id, category id): confirmed registrations}, {event id: waitlisted or held}) in one query."""
    from events.models import Registration

    confirmed, waiting = defaultdict(int), defaultdict(int)
    rows = (
        Registration.objects.filter(event__in=event_ids, status__in=Registration.ACTIVE)
        .values("event_id", "category_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        if row["status"] == Registration.Status.CONFIRMED:
            confirmed[(row["event_id"], row["category_id"])] += row["n"]
        else:
            waiting[row["event_id"]] += row["n"]
    return confirmed, waiting


def attendance(event_ids):
    """{event id: (confirmed, present, counted by the editors)} in two queries. "Present" is the editors' count by
    category when the event report has one, else the check-ins (the rule of the admin's attendance report)."""
    from events.models import EventAttendanceCount, Registration

    registrations = {
        row["event_id"]: row
        for row in Registration.objects.filter(event__in=event_ids)
        .values("event_id")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            checked_in=Count("pk", filter=Q(attended_at__isnull=False)),
        )
        .order_by()
    }
    counted = dict(
        EventAttendanceCount.objects.filter(page__in=event_ids)
        .values_list("page_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    result = {}
    for event_id in event_ids:
        row = registrations.get(event_id, {"confirmed": 0, "checked_in": 0})
        present = counted.get(event_id, row["checked_in"])
        result[event_id] = (row["confirmed"], present, event_id in counted)
    return result


def held_events(today):
    """Public events held (ended, not cancelled) that started in the last 12 months (WIB months)."""
    from events.models import EventPage

    since = aware(month_start(today, MONTHS - 1))
    return list(
        EventPage.objects.live()
        .public()
        .filter(cancelled=False, starts_at__gte=since, ends_at__lt=timezone.now())
        .order_by("starts_at", "pk")
        .only("pk", "start_date", "registration_enabled")
    )


def _month_label(month):
    return formats.date_format(month, "F Y")


def events_per_month(today, events):
    """Events held per month, with the confirmed registrations and the people present."""
    figures = attendance([e.pk for e in events])
    held, confirmed, present = defaultdict(int), defaultdict(int), defaultdict(int)
    for event in events:
        month = event.start_date.replace(day=1)
        held[month] += 1
        confirmed[month] += figures[event.pk][0]
        present[month] += figures[event.pk][1]
    label = _("Events held")
    rows = [[_month_label(m), held[m], confirmed[m], present[m]] for m in months(today)]
    footer = [_("Total"), sum(held.values()), sum(confirmed.values()), sum(present.values())]
    title = _("Events held per month")
    return Report(
        key="kegiatan",
        title=title,
        intro=_(
            "Public events of the agency held in the last 12 months (cancelled ones left out), by the month they "
            "started, with the confirmed registrations and the people present: the editors' attendance count when "
            "the event report has one, else the check-ins."
        ),
        chart=stacked_bars("kegiatan", title, [(row[0], {label: row[1]}) for row in rows], [label]),
        headers=[_("Month"), label, _("Confirmed registrations"), _("Present")],
        rows=rows,
        footer=footer,
    )


def participants_by_category(today, events):
    """Confirmed registrations of the events held, per participant category, summed over the 12 months."""
    from events.models import ParticipantCategory

    confirmed, _waiting = confirmed_by_category([e.pk for e in events])
    per_category = defaultdict(int)
    for (_event_id, category_id), n in confirmed.items():
        per_category[category_id] += n
    categories = [c for c in ParticipantCategory.objects.all() if c.pk in per_category]
    label = _("Participants")
    rows = [[c.name, per_category[c.pk]] for c in categories]
    title = _("Participants by participant category")
    return Report(
        key="peserta",
        title=title,
        intro=_(
            "Confirmed registrations of the events held in the last 12 months, by the category participants chose "
            "when registering. Categories are summed over all events, never shown per event."
        ),
        chart=stacked_bars("peserta", title, [(row[0], {label: row[1]}) for row in rows], [label]),
        headers=[_("Participant category"), label],
        rows=rows,
        footer=[_("Total"), sum(per_category.values())],
    )


def open_statistics(today):
    events = held_events(today)
    return [events_per_month(today, events), participants_by_category(today, events)]
