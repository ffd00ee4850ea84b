"""The PPID section's public reports, served by PPIDPage's routes (ppid/models.py):

- "statistik/": the service statistics of a year or semester (ppid/statistics.py), each a chart with its table, and
  "statistik/unduh/<key>/" the CSV of one table for the same period (home/spreadsheets.py; the CSV is the table);
- "daftar-permohonan/": the de-identified register of requests. A request appears only once PPID staff have written
  its public summary (PPIDRequest.public_summary); the register shows the number, the day received, that summary,
  the state, the due date, the working days to the notice and the outcome, never the requester's name, NIK,
  address, contact details, purpose or files (UU 14/2008 Pasal 17 huruf h; UU 27/2022 on personal data).

Both take plain GET forms, so they work without JavaScript. Neither goes into the anonymous page cache
(home/cache.py `dont_cache`): requests and their public summaries are not content whose saves purge that cache, so
a stored copy could show figures or a register older than the desk's last change.

The register costs a fixed number of queries whatever the number of rows: the years (one), the count and the page
of rows (one each), the page's notices and its holiday calendar (one each).
"""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.cache import dont_cache
from home.spreadsheets import csv_bytes, download
from ppid import statistics
from ppid.models import PPIDRequest

REGISTER_PER_PAGE = 25


# -- statistics ----------------------------------------------------------------------------------------------------
def statistics_page(page, request):
    dont_cache(request)
    today = timezone.localdate()
    form, period = statistics.period_from(request.GET, today)
    response = page.render(
        request,
        template="ppid/statistics.html",
        context_overrides={
            "form": form,
            "period": period,
            "reports": [
                (report, f"{page.statistics_url()}unduh/{report.key}/?{period.query()}")
                for report in statistics.reports(period)
            ],
            "statistics_url": page.statistics_url(),
            "register_url": page.register_url(),
        },
    )
    if form.is_bound and form.errors:
        response.status_code = 400
    return response


def statistics_csv(page, request, key):
    today = timezone.localdate()
    form, period = statistics.period_from(request.GET, today)
    if form.is_bound and form.errors:
        messages = "; ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(messages, status=400, content_type="text/plain; charset=utf-8")
    report = next((r for r in statistics.reports(period) if r.key == key), None)
    if report is None:
        raise Http404
    headers, rows = report.table()
    return download(csv_bytes([str(h) for h in headers], rows), "text/csv; charset=utf-8", f"{key}-{period.slug}.csv")


# -- the register of requests -------------------------------------------------------------------------------------
def public_requests():
    """The requests the register may show: those with a public summary written by staff."""
    return PPIDRequest.objects.exclude(public_summary="")


class RegisterFilterForm(forms.Form):
    tahun = forms.TypedChoiceField(label=gettext_lazy("Year received"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=gettext_lazy("State"), required=False)

    def __init__(self, data, years):
        super().__init__(data)
        self.fields["tahun"].choices = [("", _("All years")), *((str(y), str(y)) for y in years)]
        self.fields["status"].choices = [("", _("All states")), *PPIDRequest.State.choices]

    @cached_property
    def filters(self):
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {"year": cleaned.get("tahun"), "state": cleaned.get("status") or None}


def register_rows(items):
    """What the register shows of each request in `items` (a page): two queries whatever their number."""
    from home.workdays import calendar, working_days_between

    items = list(items)
    notices = statistics.notice_outcomes([item.pk for item in items]) if items else {}
    answered = [(item.received_on, timezone.localdate(item.notice_at)) for item in items if item.notice_at]
    days_off = calendar(min(r for r, _n in answered), max(n for _r, n in answered)) if answered else set()
    labels = dict(statistics.outcome_labels())
    rows = []
    for item in items:
        outcome = statistics.outcome_of(item.state, notices.get(item.pk))
        notice_on = timezone.localdate(item.notice_at) if item.notice_at else None
        rows.append(
            {
                "number": item.number,
                "received_on": item.received_on,
                "summary": item.public_summary,
                "state": item.get_state_display(),
                "due_date": item.due_date,
                "days": working_days_between(item.received_on, notice_on, days_off) if notice_on else None,
                "outcome": labels[outcome],
            }
        )
    return rows


def register_listing(page, request):
    dont_cache(request)
    years = sorted({d.year for d in public_requests().dates("received_at", "year")}, reverse=True)
    form = RegisterFilterForm(request.GET or None, years)
    items = (
        public_requests()
        .only("id", "number", "received_at", "public_summary", "state", "due_date", "notice_at")
        .order_by("-received_at", "-id")
    )
    if form.filters["year"]:
        start, end = statistics.Period(form.filters["year"]).bounds()
        items = items.filter(received_at__gte=start, received_at__lt=end)
    if form.filters["state"]:
        items = items.filter(state=form.filters["state"])
    paginator = Paginator(items, REGISTER_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return page.render(
        request,
        template="ppid/register.html",
        context_overrides={
            "form": form,
            "page_obj": page_obj,
            "paginator": paginator,
            "rows": register_rows(page_obj.object_list),
            "register_url": page.register_url(),
            "statistics_url": page.statistics_url(),
        },
    )
