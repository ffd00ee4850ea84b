"""The editors' reports (admin menu Reports › …, "Laporan" in Indonesian): the numbers behind each chart and table.

Each report is a function `build(user, today)` returning a `Report`: a chart (home/charts.py), table headers and
rows, which the page shows and the XLSX export writes, so screen, table and spreadsheet always agree. Every report
reads a fixed, small number of queries whatever the number of events or items, and counts only what the user may
see (feedback: their teams' items; registrations: the events team's permission, checked by the view).

What is counted (definitions chosen for this site):
- registrations per event: confirmed registrations (seats actually taken) per participant category, for events
  with registration on this site that started in the last 12 months or are still to come; the waitlist is a
  column of its own;
- feedback per topic per month: items received per topic in the last 12 months (WIB months);
- answer time: per topic, items answered in the last 12 months, on time (answered on or before their deadline)
  or late, and the average answer time in working days (home/workdays.py); open items already past
  their deadline are counted apart, so waiting longer never looks better;
- attendance rate: for held events with registration, people present over confirmed registrations; "present"
  is the editors' count by category when they entered one (the event report), else the check-ins.
"""

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.charts import stacked_bars
from home.periods import MONTHS, aware, month_start, months
from home.reports import Report


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _percent_display(value):
    return "–" if value is None else f"{formats.number_format(value, 1)}%"


# Registrations per event by participant category ---------------------------------------------------------------
def registrations_by_category(user, today):
    from events.models import EventPage, ParticipantCategory
    from events.statistics import confirmed_by_category

    since = aware(month_start(today, MONTHS - 1))
    events = list(
        EventPage.objects.filter(registration_enabled=True, starts_at__gte=since)
        .order_by("starts_at", "pk")
        .only("pk", "title", "start_date")
    )
    counts, waitlist = confirmed_by_category([e.pk for e in events])
    used = {category_id for (_event, category_id) in counts}
    categories = [c for c in ParticipantCategory.objects.all() if c.pk in used]
    names = [c.name for c in categories]

    def label(event):
        return f"{event.title} ({formats.date_format(event.start_date, 'j M Y')})"

    chart_rows = [(label(e), {c.name: counts[(e.pk, c.pk)] for c in categories}) for e in events]
    table = [
        [
            label(e),
            *[counts[(e.pk, c.pk)] for c in categories],
            sum(counts[(e.pk, c.pk)] for c in categories),
            waitlist[e.pk],
        ]
        for e in events
    ]
    footer = [
        _("Total"),
        *[sum(counts[(e.pk, c.pk)] for e in events) for c in categories],
        sum(counts.values()),
        sum(waitlist.values()),
    ]
    title = _("Registrations per event by participant category")
    return Report(
        key="pendaftaran",
        title=title,
        intro=_("Confirmed registrations (seats taken) of events in the last 12 months and those still to come."),
        chart=stacked_bars("pendaftaran", title, chart_rows, names),
        headers=[_("Event"), *names, _("Confirmed"), _("Waitlist")],
        rows=table,
        footer=footer,
    )


# Feedback per topic per month -----------------------------------------------------------------------------------
def feedback_per_month(user, today):
    from feedback.models import Feedback
    from feedback.permissions import topics_visible_to
    from feedback.statistics import received_per_month

    months_shown = months(today)
    counts = received_per_month(Feedback.objects.visible_to(user), today)
    topic_ids = {topic_id for (_month, topic_id) in counts}
    topics = [t for t in topics_visible_to(user).order_by("sort_order", "name") if t.pk in topic_ids]
    # An item rerouted to a topic outside the user's teams still counts under its topic.
    missing = topic_ids - {t.pk for t in topics}
    if missing:
        from feedback.models import FeedbackTopic

        topics += list(FeedbackTopic.objects.filter(pk__in=missing))
    names = [t.name for t in topics]

    def label(month):
        return formats.date_format(month, "F Y")

    chart_rows = [(label(m), {t.name: counts[(m, t.pk)] for t in topics}) for m in months_shown]
    table = [
        [label(m), *[counts[(m, t.pk)] for t in topics], sum(counts[(m, t.pk)] for t in topics)] for m in months_shown
    ]
    footer = [_("Total"), *[sum(counts[(m, t.pk)] for m in months_shown) for t in topics], sum(counts.values())]
    title = _("Feedback per topic per month")
    return Report(
        key="saran-per-bulan",
        title=title,
        intro=_("Feedback items received in the last 12 months, by the month they arrived (WIB), for your topics."),
        chart=stacked_bars("saran-per-bulan", title, chart_rows, names),
        headers=[_("Month"), *names, _("Total")],
        rows=table,
        footer=footer,
    )


# Answer time against the deadline --------------------------------------------------------------------------------
def answer_time(user, today):
    from feedback.models import Feedback
    from feedback.statistics import answered
    from feedback.statistics import late_open as late_open_per_topic

    visible = Feedback.objects.visible_to(user)
    late_open = late_open_per_topic(visible, today)
    stats = {}
    for item in answered(visible, today):
        entry = stats.setdefault(
            item["topic_id"], {"name": item["name"], "order": item["order"], "on_time": 0, "late": 0, "days": 0}
        )
        entry["on_time" if item["on_time"] else "late"] += 1
        entry["days"] += item["days"]
    if late_open:
        from feedback.models import FeedbackTopic

        for topic in FeedbackTopic.objects.filter(pk__in=late_open).exclude(pk__in=stats):
            stats[topic.pk] = {"name": topic.name, "order": topic.sort_order, "on_time": 0, "late": 0, "days": 0}
    ordered = sorted(stats.items(), key=lambda pair: (pair[1]["order"], pair[1]["name"]))
    on_time, late, waiting = _("Answered on time"), _("Answered late"), _("Open, past the deadline")
    chart_rows, table = [], []
    for topic_id, entry in ordered:
        count = entry["on_time"] + entry["late"]
        average = round(entry["days"] / count, 1) if count else None
        chart_rows.append(
            (entry["name"], {on_time: entry["on_time"], late: entry["late"], waiting: late_open.get(topic_id, 0)})
        )
        table.append(
            [
                entry["name"],
                count,
                entry["on_time"],
                entry["late"],
                _percent(entry["on_time"], count),
                average,
                late_open.get(topic_id, 0),
            ]
        )
    total_on_time = sum(e["on_time"] for _id, e in ordered)
    total = total_on_time + sum(e["late"] for _id, e in ordered)
    total_days = sum(e["days"] for _id, e in ordered)
    footer = [
        _("Total"),
        total,
        total_on_time,
        total - total_on_time,
        _percent(total_on_time, total),
        round(total_days / total, 1) if total else None,
        sum(late_open.values()),
    ]
    title = _("Answer time against the deadline")
    return Report(
        key="waktu-jawab",
        title=title,
        intro=_(
            "Items answered in the last 12 months: on time means the public answer was given on or before the "
            "deadline in working days set by the topic. Open items already past their deadline are counted apart."
        ),
        chart=stacked_bars("waktu-jawab", title, chart_rows, [on_time, late, waiting]),
        headers=[
            _("Topic"),
            _("Answered"),
            _("On time"),
            _("Late"),
            _("On time (%)"),
            _("Average working days"),
            _("Open, past the deadline"),
        ],
        rows=table,
        footer=footer,
    )


# Attendance rate per event ---------------------------------------------------------------------------------------
def attendance_rate(user, today):
    from events.models import EventPage
    from events.statistics import attendance

    events = list(
        EventPage.objects.filter(registration_enabled=True, ends_at__lt=timezone.now(), cancelled=False)
        .order_by("-starts_at", "-pk")
        .only("pk", "title", "start_date", "starts_at")[:24]
    )
    figures = attendance([e.pk for e in events])
    events.reverse()  # oldest first, like the other reports

    def label(event):
        return f"{event.title} ({formats.date_format(event.start_date, 'j M Y')})"

    present_label = _("Attendance rate")
    chart_rows, table = [], []
    for event in events:
        confirmed, present, by_editors = figures[event.pk]
        rate = _percent(present, confirmed)
        chart_rows.append((label(event), {present_label: rate or 0}))
        source = _("editors' count") if by_editors else _("check-ins")
        table.append([label(event), confirmed, present, rate, source])
    total_confirmed = sum(row[1] for row in table)
    total_present = sum(row[2] for row in table)
    footer = [_("Total"), total_confirmed, total_present, _percent(total_present, total_confirmed), ""]
    title = _("Attendance rate per event")
    return Report(
        key="kehadiran",
        title=title,
        intro=_(
            "Held events with registration (the last 24): people present against confirmed registrations. Present "
            "is the editors' count by category when the event report has one, else the check-ins."
        ),
        chart=stacked_bars(
            "kehadiran", title, chart_rows, [present_label], maximum=100, display=lambda value: _percent_display(value)
        ),
        headers=[_("Event"), _("Confirmed"), _("Present"), _("Attendance rate (%)"), _("Counted from")],
        rows=table,
        footer=footer,
    )


# The menu ----------------------------------------------------------------------------------------------------------
REGISTRATIONS = "events.view_registration"


def _feedback_allowed(user):
    from feedback.permissions import can_use_inbox

    return can_use_inbox(user)


def _registrations_allowed(user):
    return user.is_active and user.has_perm(REGISTRATIONS)


@dataclass
class ReportType:
    key: str
    label: object
    build: object
    allowed: object
    icon: str
    # Exports carry only counts, but a report's export right follows its data's export permission.
    export_allowed: object = None


def _registrations_export(user):
    return _registrations_allowed(user) and user.has_perm("events.export_registration")


def _feedback_export(user):
    from feedback.permissions import can_export

    return can_export(user)


REPORTS = {
    report.key: report
    for report in (
        ReportType(
            "pendaftaran",
            gettext_lazy("Registrations by category"),
            registrations_by_category,
            _registrations_allowed,
            "group",
            _registrations_export,
        ),
        ReportType(
            "kehadiran",
            gettext_lazy("Attendance rate"),
            attendance_rate,
            _registrations_allowed,
            "check",
            _registrations_export,
        ),
        ReportType(
            "saran-per-bulan",
            gettext_lazy("Feedback per month"),
            feedback_per_month,
            _feedback_allowed,
            "mail",
            _feedback_export,
        ),
        ReportType(
            "waktu-jawab",
            gettext_lazy("Answer time"),
            answer_time,
            _feedback_allowed,
            "time",
            _feedback_export,
        ),
    )
}
