"""Counts of feedback items: shared by the editors' reports (desk/reports.py, which pass the items a user may see)
and the public "Data dan Statistik" page (all items; registered in feedback/wagtail_hooks.py).

Only counts leave this module, per month or per topic: never a message, a name or a tracking code.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from home.charts import stacked_bars
from home.periods import MONTHS, aware, month_start, months
from home.reports import Report


def _first_day(month):
    """A `TruncMonth` value (a datetime in the site's zone, or a date) as the first day of its month."""
    month = month.date() if isinstance(month, dt.datetime) else month
    return month.replace(day=1)


def received_per_month(items, today):
    """{(first day of the month, topic id): items received} for the last 12 months (WIB months), one query."""
    rows = (
        items.filter(submitted_at__gte=aware(month_start(today, MONTHS - 1)))
        .annotate(month=TruncMonth("submitted_at"))
        .values("month", "topic_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = defaultdict(int)
    for row in rows:
        counts[(_first_day(row["month"]), row["topic_id"])] += row["n"]
    return counts


def answered(items, today):
    """The items answered in the last 12 months, one dict each (topic, month answered, on time, working days to
    answer), in one query plus the holiday calendar. On time: the public answer was given (WIB day) on or before
    the deadline in working days that the topic set (home/workdays.py)."""
    from home.workdays import calendar, working_days_between

    first = month_start(today, MONTHS - 1)
    rows = items.filter(answered_at__gte=aware(first)).values_list(
        "topic_id", "topic__name", "topic__sort_order", "submitted_at", "answered_at", "answer_due"
    )
    days_off = calendar(first - dt.timedelta(days=60), today)
    result = []
    for topic_id, name, order, submitted, answered_at, due in rows:
        answered_day = timezone.localdate(answered_at)
        result.append(
            {
                "topic_id": topic_id,
                "name": name,
                "order": order,
                "month": answered_day.replace(day=1),
                "on_time": answered_day <= due,
                "days": working_days_between(timezone.localdate(submitted), answered_day, days_off),
            }
        )
    return result


def monthly_outcomes(items, today):
    """({month: received}, {month: answered on time}, {month: answered late}) for the last 12 months (WIB months),
    in one query whatever the number of items (the public page's query budget, docs/performance.md "Queries per
    page"): the items received or answered in those months, counted per (month received, month answered).

    The rules of `received_per_month` and `answered`, which the editors' reports use: an item counts in the month it
    arrived and in the month it was answered; on time means the WIB day of the answer is on or before its deadline
    (`__date` and `TruncMonth` take the site's zone, as `timezone.localdate` does)."""
    since = aware(month_start(today, MONTHS - 1))
    received, answered = Q(submitted_at__gte=since), Q(answered_at__gte=since)
    rows = (
        items.filter(received | answered)
        .values(received_in=TruncMonth("submitted_at"), answered_in=TruncMonth("answered_at"))
        .annotate(
            received=Count("pk", filter=received),
            on_time=Count("pk", filter=answered & Q(answered_at__date__lte=F("answer_due"))),
            late=Count("pk", filter=answered & Q(answered_at__date__gt=F("answer_due"))),
        )
        .order_by()
    )
    per_month, on_time, late = defaultdict(int), defaultdict(int), defaultdict(int)
    for row in rows:
        if row["received"]:
            per_month[_first_day(row["received_in"])] += row["received"]
        if row["on_time"] or row["late"]:
            answered_in = _first_day(row["answered_in"])
            on_time[answered_in] += row["on_time"]
            late[answered_in] += row["late"]
    return per_month, on_time, late


def late_open(items, today):
    """{topic id: open items already past their answer deadline}, one query."""
    from feedback.models import Feedback

    return dict(
        items.exclude(status__in=Feedback.FINAL_STATUSES)
        .filter(answered_at__isnull=True, answer_due__lt=today)
        .values_list("topic_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _month_label(month):
    return formats.date_format(month, "F Y")


def received_report(today, per_month):
    label = _("Received")
    rows = [[_month_label(m), per_month[m]] for m in months(today)]
    title = _("Feedback received per month")
    return Report(
        key="saran-diterima",
        title=title,
        intro=_(
            "Suggestions, complaints, questions and aspirations sent through the feedback form in the last 12 "
            "months, by the month they arrived (WIB)."
        ),
        chart=stacked_bars("saran-diterima", title, [(row[0], {label: row[1]}) for row in rows], [label]),
        headers=[_("Month"), label],
        rows=rows,
        footer=[_("Total"), sum(per_month.values())],
    )


def answered_report(today, on_time, late):
    on_time_label, late_label = _("Answered on time"), _("Answered late")
    rows = [
        [_month_label(m), on_time[m] + late[m], on_time[m], late[m], _percent(on_time[m], on_time[m] + late[m])]
        for m in months(today)
    ]
    total_on_time, total_late = sum(on_time.values()), sum(late.values())
    title = _("Feedback answered on time per month")
    return Report(
        key="saran-dijawab",
        title=title,
        intro=_(
            "Items answered in the last 12 months, by the month of the answer (WIB). On time means the public "
            "answer was given on or before the deadline in working days set by the item's topic."
        ),
        chart=stacked_bars(
            "saran-dijawab",
            title,
            [(row[0], {on_time_label: row[2], late_label: row[3]}) for row in rows],
            [on_time_label, late_label],
        ),
        headers=[_("Month"), _("Answered"), _("On time"), _("Late"), _("On time (%)")],
        rows=rows,
        footer=[
            _("Total"),
            total_on_time + total_late,
            total_on_time,
            total_late,
            _percent(total_on_time, total_on_time + total_late),
        ],
    )


def open_statistics(today):
    from feedback.models import Feedback

    received, on_time, late = monthly_outcomes(Feedback.objects.all(), today)
    return [received_report(today, received), answered_report(today, on_time, late)]
