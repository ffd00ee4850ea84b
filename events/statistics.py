"""Counts of events and their participants: shared by the editors' reports (desk/reports.py) and the public
"Data dan Statistik" page (registered on the `register_open_statistics` hook in events/wagtail_hooks.py).

Only counts leave this module. The public figures never cross a participant category with a single event: a
category count per event can point at the one person of that category at a small meeting, so the public sees
categories summed over the year; the per-event table stays in the admin report (docs/opendata.md, "Small cells").
"""

from collections import defaultdict

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
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
    return EventPage.objects.live().public().filter(cancelled=False, starts_at__gte=since, ends_at__lt=timezone.now())


def held_event_figures(today):
    """The public figures of the events held, in one query whatever the number of events and registrations (the
    page's query budget, docs/performance.md "Queries per page").

    A row per (event, participant category it drew): the event's `start_date`, the `category` id and its name, the
    `confirmed` registrations and the `checked_in` ones of that category, and the editors' attendance count of the
    whole event (`counted`, None when its report has none). An event without registrations has one row, with
    category None. The rows come in the categories' order (sort order, name).

    The rules are those of `attendance` and `confirmed_by_category`, which the editors' reports use: confirmed is the
    status, checked in is a check-in time whatever the status, and the editors' count is summed over categories.
    """
    from events.models import EventAttendanceCount, Registration

    counted = (
        EventAttendanceCount.objects.filter(page=OuterRef("pk"))
        .order_by()
        .values("page")
        .annotate(n=Sum("count"))
        .values("n")
    )
    return list(
        held_events(today)
        .values(
            "pk",
            "start_date",
            category=F("registrations__category"),
            category_name=F("registrations__category__name"),
        )
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
            checked_in=Count("registrations", filter=Q(registrations__attended_at__isnull=False)),
            counted=Subquery(counted),
        )
        .order_by("registrations__category__sort_order", "registrations__category__name", "pk")
    )


def _month_label(month):
    return formats.date_format(month, "F Y")


def events_per_month(today, figures):
    """Events held per month, with the confirmed registrations and the people present (`held_event_figures`)."""
    events = {}
    for row in figures:
        month = row["start_date"].replace(day=1)
        event = events.setdefault(
            row["pk"], {"month": month, "confirmed": 0, "checked_in": 0, "counted": row["counted"]}
        )
        event["confirmed"] += row["confirmed"]
        event["checked_in"] += row["checked_in"]
    held, confirmed, present = defaultdict(int), defaultdict(int), defaultdict(int)
    for event in events.values():
        held[event["month"]] += 1
        confirmed[event["month"]] += event["confirmed"]
        # The editors' count when the event report has one, else the check-ins (the rule of `attendance`).
        present[event["month"]] += event["checked_in"] if event["counted"] is None else event["counted"]
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


def participants_by_category(figures):
    """Confirmed registrations of the events held, per participant category, summed over the 12 months: the
    categories someone confirmed in, in the categories' order (`held_event_figures`)."""
    names, per_category = {}, defaultdict(int)
    for row in figures:
        if row["confirmed"]:
            names[row["category"]] = row["category_name"]
            per_category[row["category"]] += row["confirmed"]
    label = _("Participants")
    rows = [[name, per_category[pk]] for pk, name in names.items()]
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
    figures = held_event_figures(today)
    return [events_per_month(today, figures), participants_by_category(figures)]
