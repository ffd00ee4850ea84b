"""PPID service statistics for a year or a semester, computed from the stored requests and objections.

What a public body reports about its information service (UU 14/2008 Pasal 9 with the "ringkasan laporan akses
informasi publik" among its berkala information, and the annual "laporan layanan informasi publik" of PerKI 1/2021
Standar Layanan Informasi Publik): how many requests came, how long the written notice took, what the requests got
(granted, partly granted, refused, not held, not yet documented), on which Pasal 17 grounds information was
withheld, and how many objections came and how they ended.
Each set of numbers is a `home.reports.Report` (chart, table, CSV and spreadsheet agree; home/reports.py), shown on
the PPID section's statistics page (PPIDPage route "statistik/", ppid/models.py), in the site-wide "Data dan
Statistik" page through the `register_open_statistics` hook (ppid/wagtail_hooks.py) and in the annual report XLSX
of the PPID desk (ppid/admin_views.py).

Definitions (for editors, in Indonesian: docs/editors.md section 12):
- A request belongs to the period of the day it was **received** (WIB), whatever happened later; an objection to
  the period of the day it was received. So a December request answered in January counts in December's year.
- Its **outcome** is the written notice it got (Ps. 22(7)): the notice state recorded in its history (a granted
  request that was later delivered or completed still counts as granted). Requests without a notice are
  **withdrawn** (the requester withdrew it, Ps. 22 does not oblige a notice then) or **still being processed**.
  Withdrawn requests count in the number received, never in the times.
- **Time taken** is the number of working days (home/workdays.py: Monday–Friday without national holidays and cuti
  bersama) after the day of receipt up to and including the day of the written notice, the same count the due dates
  use. Only requests with a notice have a time. **On time** means the notice came on or before the stored due date
  (10 working days, 17 when extended under Ps. 22(8)).
- **Refusals by Pasal 17 letter** count refused and partly granted requests by each letter cited; a request that
  cites two letters counts under both, so the letters may add up to more than the requests.

Numbers only, never a name, a NIK, an address or the text of a request: everything here is public.
"""

import datetime
import statistics as stats
from collections import Counter
from dataclasses import dataclass

from django import forms
from django.db.models import F, FilteredRelation, OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.charts import stacked_bars
from home.reports import Report
from ppid.models import ANSWER_DAYS, PASAL_17, PPIDEvent, PPIDObjection, PPIDRequest

# UU 14/2008 took effect on 30 April 2010 (Pasal 64(1)); no request predates it.
FIRST_YEAR = 2010
WITHDRAWN = "ditarik"
OPEN = "diproses"  # the key of "still being processed" in the outcome table (not a stored state)

S = PPIDRequest.State
O = PPIDObjection.State  # noqa: E741


def outcome_labels():
    """The outcome columns in the order of the law (granted → not documented), then withdrawn and open."""
    return [
        (S.GRANTED, _("Granted")),
        (S.PARTLY_GRANTED, _("Partly granted")),
        (S.REFUSED, _("Refused")),
        (S.NOT_HELD, _("Not held by us")),
        (S.NOT_DOCUMENTED, _("Not yet documented")),
        (WITHDRAWN, _("Withdrawn")),
        (OPEN, _("Still being processed")),
    ]


def objection_outcome_labels():
    return [
        (O.GRANTED, _("Granted")),
        (O.PARTLY_GRANTED, _("Partly granted")),
        (O.REFUSED, _("Refused (the PPID's answer stands)")),
        (O.SETTLED, _("Settled by agreement (mediation)")),
        (OPEN, _("Still being considered")),
    ]


@dataclass(frozen=True)
class Period:
    """A calendar year, or one semester of it (1 = January–June, 2 = July–December)."""

    year: int
    semester: int | None = None

    @property
    def first(self):
        return datetime.date(self.year, 7 if self.semester == 2 else 1, 1)

    @property
    def last(self):
        return datetime.date(self.year, 6, 30) if self.semester == 1 else datetime.date(self.year, 12, 31)

    def months(self):
        return [datetime.date(self.year, month, 1) for month in range(self.first.month, self.last.month + 1)]

    def bounds(self):
        """[start, end) as aware datetimes at WIB midnight, for filtering stored timestamps with an index."""
        start = timezone.make_aware(datetime.datetime.combine(self.first, datetime.time()))
        end = timezone.make_aware(datetime.datetime.combine(self.last + datetime.timedelta(days=1), datetime.time()))
        return start, end

    @property
    def label(self):
        if self.semester == 1:
            return _("January–June %(year)s") % {"year": self.year}
        if self.semester == 2:
            return _("July–December %(year)s") % {"year": self.year}
        return str(self.year)

    def query(self):
        return f"tahun={self.year}" + (f"&semester={self.semester}" if self.semester else "")

    @property
    def slug(self):
        return f"{self.year}" + (f"-s{self.semester}" if self.semester else "")


class PeriodForm(forms.Form):
    """The year and semester chooser: a plain GET form, so it works without JavaScript."""

    tahun = forms.IntegerField(
        label=gettext_lazy("Year"),
        error_messages={"invalid": gettext_lazy("Write the year as four digits, e.g. 2026.")},
    )
    semester = forms.TypedChoiceField(
        label=gettext_lazy("Period"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", gettext_lazy("Whole year")),
            ("1", gettext_lazy("Semester 1 (January–June)")),
            ("2", gettext_lazy("Semester 2 (July–December)")),
        ],
        error_messages={"invalid_choice": gettext_lazy("Choose the whole year, semester 1 or semester 2.")},
    )

    def __init__(self, data, today):
        self.today = today
        super().__init__(data, initial={"tahun": today.year})
        self.fields["tahun"].widget.attrs.update({"min": FIRST_YEAR, "max": today.year, "inputmode": "numeric"})

    def clean_tahun(self):
        year = self.cleaned_data["tahun"]
        if not FIRST_YEAR <= year <= self.today.year:
            raise forms.ValidationError(
                _("Choose a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": self.today.year}
            )
        return year

    def period(self):
        """The chosen period, or None when the choice is not valid (the form then carries the messages)."""
        if not self.is_bound:
            return Period(self.today.year)
        if not self.is_valid():
            return None
        return Period(self.cleaned_data["tahun"], self.cleaned_data["semester"])


def period_from(data, today):
    """(form, period): the period asked for in `data` (a QueryDict), or the current year and a form with the
    field messages when the choice is not valid. Nothing else changes."""
    form = PeriodForm(data if data.get("tahun") or data.get("semester") else None, today)
    period = form.period()
    return form, period or Period(today.year)


# -- computing -----------------------------------------------------------------------------------------------------
@dataclass
class Figures:
    period: Period
    requests: list  # of dicts: id, month, outcome, days, on_time, extended, grounds
    objections: list  # of outcome keys


def notice_events():
    """The history lines that record a written notice (a change to a notice state)."""
    return PPIDEvent.objects.filter(kind=PPIDEvent.Kind.STATE, to_state__in=PPIDRequest.NOTICE_STATES)


def notice_outcomes(request_ids):
    """{request id: the notice state it got}, from the history (one query). `request_ids`: a list of ids or a
    `values("pk")` queryset (a subquery, so a year of requests is not thousands of parameters). A request gets at
    most one notice: from a notice state the only ways on are delivered and completed (PPIDRequest.TRANSITIONS)."""
    rows = notice_events().filter(request_id__in=request_ids).order_by("created_at", "id")
    return dict(rows.values_list("request_id", "to_state"))


def notice_state():
    """`notice_outcomes` as a subquery: the notice state of each request read with the request itself, not in a
    query of its own (the latest notice line, the one `notice_outcomes` keeps; there is at most one)."""
    latest = notice_events().filter(request=OuterRef("pk")).order_by("-created_at", "-id")
    return Subquery(latest.values("to_state")[:1])


def outcome_of(state, notice_state):
    if notice_state:
        return notice_state
    if state in PPIDRequest.NOTICE_STATES:  # a record entered without its history
        return state
    if state == S.WITHDRAWN:
        return WITHDRAWN
    return OPEN


def compute(period):
    """Every number of `period` in two queries: what the PPID received in it, and the holiday calendar."""
    from home.workdays import calendar, working_days_between

    start, end = period.bounds()
    # One read for the requests and the objections (the query budget of the pages that show these numbers,
    # docs/performance.md): the requests received in the period or objected to in it, each with its notice (a
    # subquery) and its objections received in the period (a LEFT JOIN: a row per objection, one row with None for a
    # request without). An objection counts in the period it was received, whenever its request was.
    objected = Q(objections__received_at__gte=start, objections__received_at__lt=end)
    rows = (
        PPIDRequest.objects.annotate(objection=FilteredRelation("objections", condition=objected))
        .filter(Q(received_at__gte=start, received_at__lt=end) | Q(objection__isnull=False))
        .values("id", "state", "received_at", "notice_at", "due_date", "extended_at", "refusal_grounds")
        .annotate(notice=notice_state(), objection_state=F("objection__state"))
        .order_by()
    )
    received, objections = {}, []
    for row in rows:
        if start <= row["received_at"] < end:
            received[row["id"]] = row
        if row["objection_state"] is not None:
            objections.append(OPEN if row["objection_state"] in PPIDObjection.OPEN_STATES else row["objection_state"])
    answered = [timezone.localdate(row["notice_at"]) for row in received.values() if row["notice_at"]]
    days_off = calendar(period.first, max([period.last, *answered])) if answered else set()
    requests = []
    for pk, row in received.items():
        received_on = timezone.localdate(row["received_at"])
        outcome = outcome_of(row["state"], row["notice"])
        entry = {"id": pk, "month": received_on.replace(day=1), "outcome": outcome, "days": None, "on_time": None}
        if row["notice_at"] and outcome not in (WITHDRAWN, OPEN):
            notice_on = timezone.localdate(row["notice_at"])
            entry["days"] = working_days_between(received_on, notice_on, days_off)
            entry["on_time"] = notice_on <= row["due_date"]
        entry["extended"] = row["extended_at"] is not None
        entry["grounds"] = list(row["refusal_grounds"] or []) if outcome in (S.REFUSED, S.PARTLY_GRANTED) else []
        requests.append(entry)
    return Figures(period=period, requests=requests, objections=objections)


def time_summary(figures):
    """(median, mean, max) working days to the notice, or Nones when nothing was answered."""
    days = [r["days"] for r in figures.requests if r["days"] is not None]
    if not days:
        return None, None, None
    return stats.median(days), round(stats.mean(days), 1), max(days)


def _decimal(value):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 1)


def _single_bars(key, title, pairs, series):
    """A one-series bar chart from [(label, number)]."""
    return stacked_bars(key, title, [(label, {series: n}) for label, n in pairs], [series])


# -- the reports ---------------------------------------------------------------------------------------------------
def requests_report(figures):
    outcomes = outcome_labels()
    counts = Counter((r["month"], r["outcome"]) for r in figures.requests)
    names = [label for _key, label in outcomes]

    def month_label(month):
        return formats.date_format(month, "F Y")

    months = figures.period.months()
    chart_rows = [(month_label(m), {label: counts[(m, key)] for key, label in outcomes}) for m in months]
    rows = [
        [month_label(m), *[counts[(m, key)] for key, _label in outcomes], sum(counts[(m, k)] for k, _l in outcomes)]
        for m in months
    ]
    by_outcome = Counter(r["outcome"] for r in figures.requests)
    footer = [_("Total"), *[by_outcome[key] for key, _label in outcomes], len(figures.requests)]
    title = _("Requests received and their outcome, %(period)s") % {"period": figures.period.label}
    return Report(
        key="ppid-permohonan",
        title=title,
        intro=_(
            "Requests for public information by the month they were received (WIB), and what the written notice "
            "said. Withdrawn requests and those still being processed count in the total."
        ),
        chart=stacked_bars("ppid-permohonan", title, chart_rows, names),
        headers=[_("Month"), *names, _("Total")],
        rows=rows,
        footer=footer,
    )


def time_report(figures):
    answered = [r for r in figures.requests if r["days"] is not None]
    within = sum(1 for r in answered if r["on_time"] and r["days"] <= ANSWER_DAYS)
    extended = sum(1 for r in answered if r["on_time"] and r["days"] > ANSWER_DAYS)
    late = sum(1 for r in answered if not r["on_time"])
    buckets = [
        (_("On time, within 10 working days"), within),
        (_("On time, within the extension (17 working days)"), extended),
        (_("Late"), late),
    ]
    median, mean, longest = time_summary(figures)
    days = _("working days")
    title = _("Time to the written notice, %(period)s") % {"period": figures.period.label}
    return Report(
        key="ppid-waktu",
        title=title,
        intro=_(
            "Working days from the day a request was received to its written notice, for requests that got one. "
            "The law allows 10 working days, and 7 more once when the PPID extends with written reasons "
            "(UU 14/2008 Pasal 22(7) and (8))."
        ),
        chart=_single_bars("ppid-waktu", title, buckets, _("Requests")),
        headers=[_("Measure"), _("Value")],
        rows=[
            *[[label, n] for label, n in buckets],
            [_("Median (%(unit)s)") % {"unit": days}, _decimal(median)],
            [_("Mean (%(unit)s)") % {"unit": days}, _decimal(mean)],
            [_("Longest (%(unit)s)") % {"unit": days}, _decimal(longest)],
        ],
        footer=[_("Requests with a written notice"), len(answered)],
    )


def refusal_report(figures):
    counts = Counter(letter for r in figures.requests for letter in r["grounds"])
    refused = sum(1 for r in figures.requests if r["grounds"])
    labels = [(letter, str(label)) for letter, label in PASAL_17]
    title = _("Information withheld by Pasal 17 ground, %(period)s") % {"period": figures.period.label}
    return Report(
        key="ppid-pasal-17",
        title=title,
        intro=_(
            "Refused and partly granted requests by the letter of UU 14/2008 Pasal 17 the notice cites. A request "
            "citing two letters counts under both."
        ),
        chart=_single_bars(
            "ppid-pasal-17", title, [(label, counts[letter]) for letter, label in labels], _("Requests")
        ),
        headers=[capfirst(_("Pasal 17 ground")), _("Requests")],
        rows=[[label, counts[letter]] for letter, label in labels],
        footer=[_("Requests refused in whole or in part"), refused],
    )


def objection_report(figures):
    counts = Counter(figures.objections)
    outcomes = objection_outcome_labels()
    title = _("Objections and their outcome, %(period)s") % {"period": figures.period.label}
    return Report(
        key="ppid-keberatan",
        title=title,
        intro=_(
            "Objections to the Atasan PPID (UU 14/2008 Pasal 35–36) by the day they were received, and the decision."
        ),
        chart=_single_bars("ppid-keberatan", title, [(label, counts[key]) for key, label in outcomes], _("Objections")),
        headers=[_("Outcome"), _("Objections")],
        rows=[[label, counts[key]] for key, label in outcomes],
        footer=[_("Total"), len(figures.objections)],
    )


def reports(period):
    figures = compute(period)
    return [requests_report(figures), time_report(figures), refusal_report(figures), objection_report(figures)]


def open_statistics(today):
    """The `register_open_statistics` hook's figures (home/reports.py): the current year so far."""
    return reports(Period(today.year))


def summary(figures):
    """[(label, value)]: the headline numbers of the annual report (laporan layanan informasi publik)."""
    by_outcome = Counter(r["outcome"] for r in figures.requests)
    median, mean, longest = time_summary(figures)
    answered = [r for r in figures.requests if r["days"] is not None]
    return [
        (_("Period"), figures.period.label),
        (_("Requests received"), len(figures.requests)),
        *[(label, by_outcome[key]) for key, label in outcome_labels()],
        (_("Requests with a written notice"), len(answered)),
        (_("Of which on time"), sum(1 for r in answered if r["on_time"])),
        (_("Of which extended"), sum(1 for r in answered if r["extended"])),
        (_("Median working days to the notice"), _decimal(median)),
        (_("Mean working days to the notice"), _decimal(mean)),
        (_("Longest working days to the notice"), _decimal(longest)),
        (_("Objections received"), len(figures.objections)),
    ]
