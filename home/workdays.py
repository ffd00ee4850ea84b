"""Indonesian working days: Monday to Friday, minus national holidays and cuti bersama.

Deadlines for feedback ("verify within 3 working days") are counted here. The holiday list is data editors keep up
to date (the `Holiday` snippet), because the government fixes the lunar-calendar dates year by year in an SKB.
"""

import datetime

SATURDAY = 5


def is_working_day(day, holidays):
    return day.weekday() < SATURDAY and day not in holidays


def add_working_days(start, days, holidays):
    """The date `days` working days after `start`.

    The day of submission does not count, whatever it is: a complaint sent on Monday with 3 days to verify is due
    on Thursday; one sent on Saturday is due on Wednesday (Monday, Tuesday, Wednesday).
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += datetime.timedelta(days=1)
        if is_working_day(current, holidays):
            remaining -= 1
    return current


def working_days_between(start, end, holidays):
    """How many working days lie after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current, holidays):
            count += 1
    return count


def holiday_dates(start, end=None):
    """The holiday dates from `start` on (up to `end` if given), as a set, in one query."""
    from home.models import Holiday

    queryset = Holiday.objects.filter(date__gte=start)
    if end is not None:
        queryset = queryset.filter(date__lte=end)
    return set(queryset.values_list("date", flat=True))


def due_date(start, days):
    """`add_working_days` with the holidays read from the database (a window generous enough for any deadline)."""
    # 10 working days never span more than ~6 weeks, even across Lebaran and its cuti bersama.
    holidays = holiday_dates(start, start + datetime.timedelta(days=days * 7 + 60))
    return add_working_days(start, days, holidays)
