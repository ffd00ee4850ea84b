"""Indonesian working days: Monday to Friday, minus national holidays and (by default) cuti bersama.

Every deadline on the site is counted here: feedback ("verify within 3 working days"), and the PPID service to come
(UU 14/2008 on public information: 10 working days to answer a request, 7 more when extended, 30 to decide an
objection). Callers use these functions and nothing else:

    due_date(start, days)               the date `days` working days after `start`
    is_working_day(day)                 Monday–Friday and not a day off
    working_days_between(start, end)    working days after `start` up to and including `end`
    days_off_between(start, end)        the weekdays off in that span, with their names (to show citizens)
    calendar(first, last)               the days off of a span, read once, for callers that count many spans
    calendar_for_deadline(start, days)  the same, wide enough for one deadline
    last_year_loaded(), calendar_warning()   how far ahead the calendar is known (home/wagtail_hooks.py, mail)

Where the days off come from:
- the `holidays` package (https://holidays.readthedocs.io, country "ID"): the national holidays of Keppres 24/1953
  and its amendments ("public") and the cuti bersama of each year's SKB 3 Menteri ("government");
- the `Holiday` table (home/models.py), which editors keep for the year's decrees: a row adds a day off (national
  holiday or cuti bersama) or makes a day the package lists a working day again (a holiday moved by decree);
- the setting WORKDAYS_CUTI_BERSAMA_IS_DAY_OFF (default True): whether cuti bersama count as days off. Civil
  servants take them as leave, so the office is mostly closed; counting them as days off gives citizens the later,
  never the too-early, deadline.
"""

import datetime
import functools
from dataclasses import dataclass

import holidays as holidays_package
from django.conf import settings
from django.utils import timezone

SATURDAY = 5
NATIONAL, CUTI_BERSAMA, WORKING_DAY = "national", "cuti_bersama", "working_day"  # = Holiday.Kind values
# Generous enough for any deadline in one query: 10 working days never span more than ~6 weeks, even across Lebaran
# and its cuti bersama; a count that runs past the window reads the next one (home.workdays.Calendar.__contains__).
WINDOW_PER_DAY = datetime.timedelta(days=2)
WINDOW_MARGIN = datetime.timedelta(days=60)
# Warn from 1 November of the last year whose cuti bersama are known: the SKB for the next year is normally signed
# by September, and two months cover the PPID deadlines (UU 14/2008: 10 + 7 working days for a request, 30 for an
# objection) and the usual feedback topics; only a topic set to more than ~40 working days can reach past them.
WARN_FROM = (11, 1)
# Who is warned (dashboard panel, mail): whoever may edit the holiday table; superusers have every permission.
HOLIDAY_PERMISSION = "home.change_holiday"


@dataclass(frozen=True)
class DayOff:
    date: datetime.date
    name: str
    kind: str  # NATIONAL or CUTI_BERSAMA
    source: str = ""

    @property
    def kind_label(self):
        from home.models import Holiday

        return Holiday.Kind(self.kind).label


@functools.lru_cache(maxsize=32)
def package_days_off(year):
    """{date: DayOff} of the `holidays` package for one year, in Indonesian; national holidays win a shared date."""
    days = {}
    for category, kind in (("government", CUTI_BERSAMA), ("public", NATIONAL)):
        listed = holidays_package.country_holidays("ID", years=year, categories=(category,), language="id")
        days.update({day: DayOff(day, name, kind) for day, name in listed.items()})
    return days


class Calendar:
    """The days off from `first` to `last` (read with one query), growing by one more query if a count runs on.

    It is a container of dates (`day in calendar` means a day off, weekends aside), so the counting functions below
    take it wherever they take a set of dates.
    """

    def __init__(self, first, last):
        self.cuti_bersama_is_day_off = settings.WORKDAYS_CUTI_BERSAMA_IS_DAY_OFF
        self.days_off = {}
        self.first = self.last = None
        self._load(first, last)

    def _load(self, first, last):
        from home.models import Holiday

        found = {}
        for year in range(first.year, last.year + 1):
            found.update({day: off for day, off in package_days_off(year).items() if first <= day <= last})
        for day, name, kind, source in Holiday.objects.filter(date__range=(first, last)).values_list(
            "date", "name", "kind", "source"
        ):
            if kind == WORKING_DAY:
                found.pop(day, None)
            else:
                found[day] = DayOff(day, name, kind, source)
        if not self.cuti_bersama_is_day_off:
            found = {day: off for day, off in found.items() if off.kind != CUTI_BERSAMA}
        self.days_off.update(found)
        self.first = first if self.first is None else min(self.first, first)
        self.last = last if self.last is None else max(self.last, last)

    def __contains__(self, day):
        if day > self.last:
            self._load(self.last + datetime.timedelta(days=1), max(day, self.last + WINDOW_MARGIN))
        elif day < self.first:
            self._load(min(day, self.first - WINDOW_MARGIN), self.first - datetime.timedelta(days=1))
        return day in self.days_off

    def between(self, start, end):
        """The weekdays off after `start` up to and including `end`, in date order."""
        self.__contains__(start)  # loads the span if it lies outside the window read so far
        self.__contains__(end)
        return [off for day, off in sorted(self.days_off.items()) if start < day <= end and day.weekday() < SATURDAY]


def calendar(first, last):
    return Calendar(first, last)


def calendar_for_deadline(start, days):
    """A `Calendar` wide enough for a count of `days` working days from `start` (one query)."""
    return calendar(start, start + WINDOW_PER_DAY * days + WINDOW_MARGIN)


def is_working_day(day, days_off=None):
    """Monday to Friday and not a day off. `days_off`: a `Calendar` (or set of dates) when checking many days."""
    if days_off is None:
        days_off = calendar(day, day)
    return day.weekday() < SATURDAY and day not in days_off


def add_working_days(start, days, days_off):
    """The date `days` working days after `start`, skipping the dates in `days_off` (a `Calendar` or a set).

    The day of submission does not count, whatever it is: a complaint sent on Monday with 3 days to verify is due
    on Thursday; one sent on Saturday is due on Wednesday (Monday, Tuesday, Wednesday).
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += datetime.timedelta(days=1)
        if is_working_day(current, days_off):
            remaining -= 1
    return current


def due_date(start, days):
    """The date `days` working days after `start`, by the calendar of the package and the `Holiday` table."""
    return add_working_days(start, days, calendar_for_deadline(start, days))


def working_days_between(start, end, days_off=None):
    """How many working days lie after `start` up to and including `end` (0 when end <= start)."""
    if days_off is None:
        days_off = calendar(start, max(start, end))
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current, days_off):
            count += 1
    return count


def days_off_between(start, end, days_off=None):
    """The weekdays off after `start` up to and including `end` (what a deadline skipped), as `DayOff`s."""
    if days_off is None:
        days_off = calendar(start, max(start, end))
    return days_off.between(start, end)


# How far ahead the calendar is known -----------------------------------------------------------------------------
def _has_cuti_bersama(year, table_years):
    return year in table_years or any(off.kind == CUTI_BERSAMA for off in package_days_off(year).values())


def last_year_loaded(today=None):
    """The last year up to which the calendar is complete, counting from this year on without a gap.

    A year counts as loaded when it has at least one cuti bersama (from the package or the table): the package
    computes the national holidays years ahead (lunar dates estimated), but the cuti bersama exist only once the
    year's SKB 3 Menteri is out, and that SKB also fixes the lunar holidays. Years must follow each other, so a
    stray 2029 entry does not hide a missing 2027. This year itself missing gives last year.
    """
    from home.models import Holiday

    year = (today or timezone.localdate()).year
    table_years = set(
        Holiday.objects.filter(kind=CUTI_BERSAMA, date__year__gte=year).values_list("date__year", flat=True)
    )
    while _has_cuti_bersama(year, table_years):
        year += 1
    return year - 1


@dataclass(frozen=True)
class CalendarWarning:
    last_year: int
    ends_on: datetime.date

    @property
    def next_year(self):
        return self.last_year + 1


def calendar_warning(today=None):
    """A `CalendarWarning` when deadlines could soon fall past the last year loaded (from 1 November), else None."""
    today = today or timezone.localdate()
    last = last_year_loaded(today)
    if today < datetime.date(last, *WARN_FROM):
        return None
    return CalendarWarning(last_year=last, ends_on=datetime.date(last, 12, 31))
