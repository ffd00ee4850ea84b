"""The PPID desk in the Wagtail admin: the inbox, a request's page, its files, the written notice, walk-in entry.

URLs (under /admin/ppid/): "" inbox (sorted by due date, overdue flagged, filter by state), "baru/" enter a request
received in person, by letter, phone or e-mail, "<pk>/" the request, "<pk>/berkas/" the proxy letter (logged),
"<pk>/pemberitahuan/" the written notice as a printable page, "<pk>/pemberitahuan.pdf" the same as PDF,
"laporan-tahunan/?tahun=YYYY" the annual service report as XLSX (PPID staff only; each download audit-logged).
"?export=xlsx" on the inbox downloads the filtered list (ppid/export.py: no personal data), logged in the audit log.
Every view asks ppid.permissions.
"""

import django_filters
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton

from home import audit
from home.security import answer_403
from ppid import export, reminders, service
from ppid.admin_forms import (
    DecisionForm,
    ExtendForm,
    NoteForm,
    PublicSummaryForm,
    StaffRequestForm,
    StateForm,
    UnitForm,
)
from ppid.models import PPIDObjection, PPIDRequest, PPIDRequestPage, PPIDSettings
from ppid.permissions import can_decide, can_handle, can_view, request_for


def public_page():
    return PPIDRequestPage.objects.live().first()


class RequestFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=gettext_lazy("State"), choices=PPIDRequest.State.choices)
    channel = django_filters.ChoiceFilter(label=gettext_lazy("Channel"), choices=PPIDRequest.Channel.choices)
    open = django_filters.BooleanFilter(label=gettext_lazy("Waiting for the written notice"), method="filter_open")
    overdue = django_filters.BooleanFilter(label=gettext_lazy("Overdue"), method="filter_overdue")
    due_soon = django_filters.BooleanFilter(label=gettext_lazy("Due within 2 working days"), method="filter_due_soon")
    objection_pending = django_filters.BooleanFilter(
        label=gettext_lazy("Objection pending"), method="filter_objection_pending"
    )

    class Meta:
        model = PPIDRequest
        fields = ["state", "channel"]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        waiting = Q(state__in=PPIDRequest.OPEN_STATES)
        return queryset.filter(waiting) if value else queryset.exclude(waiting)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = {"state__in": PPIDRequest.OPEN_STATES, "due_date__lt": timezone.localdate()}
        return queryset.filter(**late) if value else queryset.exclude(**late)

    def filter_due_soon(self, queryset, name, value):
        if value is None:
            return queryset
        soon = due_soon_condition()
        return queryset.filter(soon) if value else queryset.exclude(soon)

    def filter_objection_pending(self, queryset, name, value):
        if value is None:
            return queryset
        pending = PPIDObjection.objects.filter(state__in=PPIDObjection.OPEN_STATES).values("request_id")
        return queryset.filter(pk__in=pending) if value else queryset.exclude(pk__in=pending)


def due_soon_condition(today=None):
    """Open and due today or within 2 working days, not yet overdue (ppid/reminders.py DUE_SOON_DAYS)."""
    today = today or timezone.localdate()
    return Q(state__in=PPIDRequest.OPEN_STATES, due_date__gte=today, due_date__lte=reminders.due_soon_limit(today))


class DueColumn(Column):
    cell_template_name = "ppid/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update({"item": instance, "lateness_label": instance.lateness_label(parent_context.get("today"))})
        return context


class RequestIndexView(IndexView):
    model = PPIDRequest
    template_name = "wagtailadmin/generic/index.html"
    filterset_class = RequestFilterSet
    search_fields = ["number", "unit"]
    search_backend_name = None
    default_ordering = "due_date"
    paginate_by = 30
    any_permission_required = None

    @answer_403
    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    # Wagtail's spreadsheet export of index views (SpreadsheetExportMixin, "?export=xlsx"), written by ppid/export.py
    # through home/spreadsheets.py; XLSX only. Both PPID roles see every request in the admin, so both may download
    # the list, which holds less than the inbox shows (no personal data).
    FORMATS = ("xlsx",)
    EXPORT_FILTERS = ("state", "channel", "open", "overdue", "due_soon", "objection_pending")

    def get_base_queryset(self):
        return PPIDRequest.objects.annotate(
            objection_count=Count("objections"),
            open_objection_count=Count("objections", filter=Q(objections__state__in=PPIDObjection.OPEN_STATES)),
        )

    def get_page_title(self):
        return _("Information requests")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        items = list(queryset)
        # One audit entry per download: who, when, which filters, which numbers; never the search text (it may be
        # a name) nor personal data (home/audit.py).
        audit.record(
            PPIDSettings.load(),
            service.EXPORT_ACTION,
            user=self.request.user,
            format=spreadsheet_format,
            count=len(items),
            filters={key: self.request.GET[key] for key in self.EXPORT_FILTERS if self.request.GET.get(key)},
            searched=bool(self.request.GET.get("q")),
            numbers=[item.number for item in items],
        )
        return export.response(items)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "number",
                label=_("Registration number"),
                sort_key="number",
                get_url=lambda item: reverse("ppid_admin:detail", args=[quote(item.pk)]),
            ),
            Column("channel", label=_("Channel"), accessor="get_channel_display"),
            StatusTagColumn(
                "state", label=_("State"), accessor="get_state_display", sort_key="state", primary=lambda i: i.is_open
            ),
            Column("unit", label=_("Unit")),
            DateColumn("received_at", label=_("Received"), sort_key="received_at"),
            DueColumn("due_date", label=_("Due"), sort_key="due_date"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context

    @cached_property
    def header_more_buttons(self):
        last_year = timezone.localdate().year - 1
        buttons = [
            HeaderButton(_("Download XLSX"), url=self.xlsx_export_url, icon_name="download"),
            HeaderButton(
                _("Annual report %(year)s (XLSX)") % {"year": last_year},
                url=f"{reverse('ppid_admin:annual_report')}?tahun={last_year}",
                icon_name="download",
            ),
        ]
        if can_handle(self.request.user):
            buttons.insert(0, HeaderButton(_("Enter a request"), url=reverse("ppid_admin:new"), icon_name="plus"))
        return buttons

    @cached_property
    def show_export_buttons(self):
        return False  # ours is in header_more_buttons: XLSX only


class RequestDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "ppid/admin/detail.html"
    header_icon = "doc-full"
    ACTIONS = ("state", "extend", "note", "unit", "public", "decide")

    @answer_403
    def dispatch(self, request, pk):
        self.item = request_for(request.user, pk)
        if request.method == "POST":
            action = request.POST.get("action")
            allowed = can_decide(request.user) if action == "decide" else can_handle(request.user)
            if not allowed:
                raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Information request")

    def get_page_subtitle(self):
        return self.item.number

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("ppid_admin:index"), "label": _("Information requests")},
            {"url": "", "label": self.item.number},
        ]

    def forms(self, data=None, action=None):
        def bound(name):
            return data if action == name else None

        return {
            "state_form": StateForm(bound("state"), item=self.item, prefix="state"),
            "extend_form": ExtendForm(bound("extend"), prefix="extend"),
            "note_form": NoteForm(bound("note"), prefix="note"),
            "unit_form": UnitForm(bound("unit"), initial={"unit": self.item.unit}, prefix="unit"),
            "public_form": PublicSummaryForm(
                bound("public"), initial={"public_summary": self.item.public_summary}, prefix="public"
            ),
            "decide_form": DecisionForm(bound("decide"), item=self.item, prefix="decide"),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.item
        context.update(
            {
                "item": item,
                "events": item.events.select_related("user"),
                "objections": item.objections.all(),
                "can_handle": can_handle(self.request.user),
                "can_decide": can_decide(self.request.user),
                "lateness_label": item.lateness_label(),
                "settings": PPIDSettings.load(),
            }
        )
        context.update(kwargs.get("forms") or self.forms())
        return context

    def post(self, request, pk):
        action = request.POST.get("action")
        if action not in self.ACTIONS:
            raise Http404
        forms_ = self.forms(request.POST, action)
        form = forms_[f"{action}_form"]
        if not form.is_valid():
            messages.error(request, _("The change was not saved; see the messages below."))
            return self.render_to_response(self.get_context_data(forms=forms_), status=400)
        try:
            self.perform(action, form.cleaned_data)
        except service.WorkflowError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(forms=forms_), status=400)
        return redirect("ppid_admin:detail", pk=self.item.pk)

    def perform(self, action, data):
        user, item, page = self.request.user, self.item, public_page()
        if action == "state":
            item = service.change_state(
                item,
                user,
                data["state"],
                outcome_text=data["outcome_text"],
                fee=data["fee"],
                refusal_grounds=data["refusal_grounds"],
                refusal_reason=data["refusal_reason"],
                referral=data["referral"],
                text=data["text"],
                page=page,
            )
            messages.success(
                self.request, _("%(number)s is now “%(state)s”.") % {"number": item, "state": item.get_state_display()}
            )
        elif action == "extend":
            item = service.extend(item, user, data["reason"], page=page)
            messages.success(
                self.request, _("Extended; the notice is now due on %(date)s.") % {"date": f"{item.due_date:%d-%m-%Y}"}
            )
        elif action == "note":
            service.add_note(item, user, data["text"])
            messages.success(self.request, _("Note added."))
        elif action == "unit":
            service.set_unit(item, user, data["unit"])
            messages.success(self.request, _("Unit saved."))
        elif action == "public":
            item.public_summary = data["public_summary"].strip()
            item.save(update_fields=["public_summary"])
            messages.success(
                self.request,
                _("Shown in the public register of requests.")
                if item.public_summary
                else _("Not shown in the public register of requests."),
            )
        elif action == "decide":
            objection = service.decide_objection(data["objection"], user, data["decision"], data["reason"], page=page)
            messages.success(
                self.request,
                _("%(number)s is now “%(state)s”.")
                % {"number": objection.number, "state": objection.get_state_display()},
            )


class NewRequestView(WagtailAdminTemplateMixin, TemplateView):
    """A request received in person, by letter, phone or e-mail: stored like an online one, its secret shown once
    to staff to hand to the requester with the printed receipt."""

    template_name = "ppid/admin/new.html"
    header_icon = "plus"

    @answer_403
    def dispatch(self, request):
        if not can_handle(request.user):
            raise PermissionDenied
        return super().dispatch(request)

    def get_page_title(self):
        return _("Enter a request")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", StaffRequestForm())
        return context

    def post(self, request):
        form = StaffRequestForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("The request was not saved; see the messages below."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = {**form.cleaned_data, "received_at": _received_at(form.cleaned_data["received_on"])}
        item, secret, _created = service.submit(
            data=data,
            upload=form.cleaned_data.get("proxy_letter") if form.cleaned_data.get("on_behalf") else None,
            upload_kind=form.proxy_kind,
            channel=form.cleaned_data["channel"],
            user=request.user,
            page=public_page(),
        )
        messages.success(
            request,
            _("%(number)s registered. Give the requester the number and the secret %(secret)s (shown only now).")
            % {"number": item.number, "secret": secret},
        )
        return redirect("ppid_admin:detail", pk=item.pk)


def _received_at(day):
    if day == timezone.localdate():
        return timezone.now()
    return service.as_wib_datetime(day)


@answer_403
def proxy_letter(request, pk):
    """The power of attorney, to PPID staff only, as a download the browser may not render; every opening logged."""
    item = request_for(request.user, pk)
    if not item.proxy_letter:
        raise Http404
    service.file_viewed(item, request.user, "proxy_letter")
    extension = item.proxy_letter.name.rsplit(".", 1)[-1]
    response = FileResponse(
        item.proxy_letter.open("rb"),
        as_attachment=True,
        filename=f"{item.number}-surat-kuasa.{extension}",
        content_type=item.proxy_letter_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def notice_html(item):
    from home.models import SiteSettings

    return render_to_string(
        "ppid/notice.html",
        {
            "item": item,
            "settings": PPIDSettings.load(),
            "site_settings": SiteSettings.load(),
            "objection_ends": item.objection_window_ends() if item.notice_at else None,
            "today": timezone.localdate(),
        },
    )


def _refuse_urls(url, *args, **kwargs):
    raise ValueError("the notice loads nothing by URL")


@answer_403
def notice(request, pk, pdf=False):
    """The written notice (pemberitahuan tertulis, UU 14/2008 Pasal 22(7)) as a printable page or a PDF."""
    item = request_for(request.user, pk)
    if not item.notice_at:
        raise Http404
    # The notice names the requester and their address: each opening is logged like the proxy letter's.
    service.file_viewed(item, request.user, "notice_pdf" if pdf else "notice")
    html = notice_html(item)
    if not pdf:
        response = HttpResponse(html)
    else:
        from weasyprint import HTML  # loading Pango takes a moment; only this needs it

        response = HttpResponse(HTML(string=html, url_fetcher=_refuse_urls).write_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{item.number}-pemberitahuan.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


REPORT_EXPORT_ACTION = "ppid.report_export"


@answer_403
def annual_report(request):
    """The laporan layanan informasi publik of a year (PerKI 1/2021; due by 31 March of the next year), prefilled
    from the same numbers as the public statistics page (ppid/statistics.py): a summary sheet with the year and
    both semesters, then one sheet per table. For PPID staff; every download is written to the audit log."""
    from home import audit, spreadsheets
    from ppid import statistics

    if not can_view(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    form = statistics.PeriodForm({"tahun": request.GET.get("tahun", today.year - 1)}, today)
    period = form.period()
    if period is None:
        messages_ = "; ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(messages_, status=400, content_type="text/plain; charset=utf-8")
    year, first, second = (statistics.compute(statistics.Period(period.year, semester)) for semester in (None, 1, 2))
    summaries = [statistics.summary(figures) for figures in (year, first, second)]
    summary_rows = [[label, *(s[index][1] for s in summaries)] for index, (label, _v) in enumerate(summaries[0])]
    sheets = {_("Summary"): ([_("Item"), str(period.year), _("Semester 1"), _("Semester 2")], summary_rows)}
    builders = (
        statistics.requests_report,
        statistics.time_report,
        statistics.refusal_report,
        statistics.objection_report,
    )
    for build, sheet in zip(builders, (_("Requests"), _("Time"), _("Pasal 17"), _("Objections")), strict=True):
        headers, rows = build(year).table()
        sheets[sheet] = ([str(h) for h in headers], rows)
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    audit.record(
        site,
        REPORT_EXPORT_ACTION,
        user=request.user,
        title=f"laporan-ppid:{period.year}",
        report="ppid-laporan-tahunan",
        year=period.year,
        format="xlsx",
        rows=len(year.requests),
    )
    return spreadsheets.download(
        spreadsheets.xlsx_bytes(sheets),
        spreadsheets.XLSX_TYPE,
        f"laporan-layanan-informasi-publik-{period.year}.xlsx",
    )


class PPIDMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


class PPIDViewSet(ViewSet):
    name = "ppid_admin"
    url_prefix = "ppid"
    icon = "doc-full"
    menu_label = gettext_lazy("PPID requests")
    menu_name = "ppid-requests"
    menu_item_class = PPIDMenuItem
    menu_order = 260
    add_to_admin_menu = True

    def get_urlpatterns(self):
        urls = {"index_url_name": "ppid_admin:index", "index_results_url_name": "ppid_admin:index_results"}
        return [
            path("", RequestIndexView.as_view(**urls), name="index"),
            path("results/", RequestIndexView.as_view(**urls, results_only=True), name="index_results"),
            path("baru/", NewRequestView.as_view(), name="new"),
            path("<int:pk>/", RequestDetailView.as_view(), name="detail"),
            path("<int:pk>/berkas/", proxy_letter, name="proxy_letter"),
            path("<int:pk>/pemberitahuan/", notice, name="notice"),
            path("<int:pk>/pemberitahuan.pdf", notice, {"pdf": True}, name="notice_pdf"),
            path("laporan-tahunan/", annual_report, name="annual_report"),
        ]
