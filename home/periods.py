"""The reporting period shared by the editors' reports (desk/reports.py) and the public statistics (each app's
statistics.py): the last 12 calendar months in the site's zone (WIB), the current month included."""

import datetime as dt

from django.utils import timezone

MONTHS = 12


def month_start(today, months_back):
    """The first day of the month `months_back` months before `today`'s month."""
    year, month = today.year, today.month - months_back
    while month <= 0:
        month += 12
        year -= 1
    return dt.date(year, month, 1)


def months(today):
    """The first days of the last MONTHS months, oldest first."""
    return [month_start(today, back) for back in range(MONTHS - 1, -1, -1)]


def aware(day):
    """Midnight at the start of `day` in the site's zone."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())
