"""Wagtail admin for consultation responses: the team reads them, approves anonymised quotes, exports them.

A response is visible to superusers and to members of its consultation's team who hold the model permission;
anything else answers 403. Downloading them (XLSX/CSV) also needs `consultations.export_consultationresponse`, the
rule registrations and feedback follow (their `export_*` permissions).
URLs under /admin/konsultasi-tanggapan/: "" list, "results/", "<pk>/" detail.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from builtforms.forms import answers_by_entry
from builtforms.models import BuiltFormField
from consultations.models import ConsultationPage, ConsultationResponse
from home import cache as page_cache
from home.security import answer_403
from home.spreadsheets import export_response

VIEW = "consultations.view_consultationresponse"
CHANGE = "consultations.change_consultationresponse"
EXPORT = "consultations.export_consultationresponse"
EXPORT_ACTION = "consultations.responses.export"


def responses_visible_to(user):
    if not (user.is_active and (user.has_perm(VIEW) or user.has_perm(CHANGE))):
        return ConsultationResponse.objects.none()
    if user.is_superuser:
        return ConsultationResponse.objects.all()
    return ConsultationResponse.objects.filter(page__team__in=user.groups.all())


def can_export(user):
    return user.is_active and user.has_perm(EXPORT) and (user.has_perm(VIEW) or user.has_perm(CHANGE))


def consultations_visible_to(user):
    if user.is_superuser:
        return ConsultationPage.objects.all()
    return ConsultationPage.objects.filter(Q(team__in=user.groups.all()))


class ResponseFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Consultation"), queryset=lambda request: consultations_visible_to(request.user)
    )
    quote_approved = django_filters.BooleanFilter(label=gettext_lazy("Quote approved"))

    class Meta:
        model = ConsultationResponse
        fields = ["page", "quote_approved"]


class ResponseIndexView(IndexView):
    model = ConsultationResponse
    filterset_class = ResponseFilterSet
    search_fields = ["reference_code", "response"]
    search_backend_name = None
    default_ordering = "-submitted_at"
    paginate_by = 50
    any_permission_required = None

    @answer_403
    def dispatch(self, request, *args, **kwargs):
        if not (request.user.has_perm(VIEW) or request.user.has_perm(CHANGE)):
            raise PermissionDenied
        page_id = request.GET.get("page")
        if (
            page_id
            and not consultations_visible_to(request.user).filter(pk=page_id if page_id.isdigit() else None).exists()
        ):
            raise PermissionDenied
        if request.GET.get("export") in self.FORMATS and not can_export(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return responses_visible_to(self.request.user).select_related("page")

    def get_page_title(self):
        return _("Consultation responses")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "reference_code",
                label=_("Reference code"),
                sort_key="reference_code",
                get_url=lambda r: reverse("consultation_responses:detail", args=[quote(r.pk)]),
            ),
            Column("page", label=_("Consultation"), accessor="page.title"),
            DateColumn("submitted_at", label=_("Received"), sort_key="submitted_at"),
            Column("topics", label=_("Topics"), accessor="topics_label"),
            StatusFlagColumn("quote_approved", label=_("Quote"), true_label=_("Approved")),
        ]

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "-submitted_at"]

    @cached_property
    def header_more_buttons(self):
        if not can_export(self.request.user):
            return []
        return [
            HeaderButton(_("Download XLSX"), url=self.xlsx_export_url, icon_name="download"),
            HeaderButton(_("Download CSV"), url=self.csv_export_url, icon_name="download"),
        ]

    @cached_property
    def show_export_buttons(self):
        return False  # ours are in header_more_buttons, shown only to users who may export

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """XLSX or CSV of the responses, with a column per question of their consultations' forms.

        Written by home/spreadsheets.py's `export_response` (cells as text, formula-looking CSV cells
        neutralised); each export is recorded in the audit log of every consultation it contains.
        """
        responses = list(queryset)
        for page in {r.page for r in responses}:
            log(
                page,
                EXPORT_ACTION,
                user=self.request.user,
                data={"count": sum(r.page_id == page.pk for r in responses), "format": spreadsheet_format},
            )
        answers = answers_by_entry([r.entry_id for r in responses])
        questions = export_questions(responses, answers)
        headers = [
            _("Reference code"),
            _("Consultation"),
            _("Received (WIB)"),
            _("Topics"),
            _("Response"),
            *(label for _pk, label in questions),
        ]
        rows = [
            [
                r.reference_code,
                r.page.title,
                timezone.localtime(r.submitted_at).strftime("%Y-%m-%d %H:%M"),
                r.topics_label,
                r.response,
                *(answers.get(r.entry_id, {}).get(pk, "") for pk, _label in questions),
            ]
            for r in responses
        ]
        return export_response(spreadsheet_format, f"tanggapan-konsultasi-{timezone.localdate():%Y%m%d}", headers, rows)


def export_questions(responses, answers):
    """[(field id, label)]: every question of these consultations' forms, in the editors' order, then any question
    answered but since removed from its form, so an editor's later change never hides what people answered."""
    form_ids = {r.page.question_form_id for r in responses if r.page.question_form_id}
    return question_labels(Q(built_form_id__in=form_ids), answers)


def question_labels(current, answers):
    answered = {field_id for given in answers.values() for field_id in given}
    columns = list(
        BuiltFormField.objects.filter(current | Q(pk__in=answered))
        .order_by("built_form_id", "sort_order", "pk")
        .values_list("pk", "label")
    )
    known = {pk for pk, _label in columns}
    removed = [(pk, _("Removed question %(number)s") % {"number": pk}) for pk in sorted(answered - known)]
    return columns + removed


class QuoteForm(forms.ModelForm):
    class Meta:
        model = ConsultationResponse
        fields = ["quote", "quote_approved"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("quote_approved") and not cleaned.get("quote", "").strip():
            self.add_error("quote", _("Write the anonymised quote before approving it."))
        return cleaned


class ResponseDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/response_detail.html"
    header_icon = "comment"

    @answer_403
    def dispatch(self, request, pk):
        self.item = get_object_or_404(ConsultationResponse.objects.select_related("page"), pk=pk)
        if not responses_visible_to(request.user).filter(pk=pk).exists():
            raise PermissionDenied
        if request.method == "POST" and not request.user.has_perm(CHANGE):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Consultation response")

    def get_page_subtitle(self):
        return self.item.reference_code

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "item": self.item,
                "answers": self.answers(),
                "form": form or QuoteForm(instance=self.item),
                "can_change": self.request.user.has_perm(CHANGE),
            }
        )
        return context

    def answers(self):
        """[(question, answer)] for the response's answers, in the order of the form's questions."""
        if not self.item.entry_id:
            return []
        answers = answers_by_entry([self.item.entry_id])
        given = answers.get(self.item.entry_id, {})
        return [(label, given[pk]) for pk, label in question_labels(Q(pk__in=[]), answers)]

    def post(self, request, pk):
        form = QuoteForm(request.POST, instance=self.item)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        response = form.save(commit=False)
        response.quote_approved_by = request.user if response.quote_approved else None
        response.save()
        # Approved quotes are shown on the published page; a response is no page, so its save purges nothing itself.
        page_cache.purge_pages([self.item.page])
        messages.success(request, _("Quote saved."))
        return redirect("consultation_responses:detail", pk=pk)


class ResponsesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW) or request.user.has_perm(CHANGE)


class ConsultationResponseViewSet(ViewSet):
    name = "consultation_responses"
    url_prefix = "konsultasi-tanggapan"
    icon = "comment"
    menu_label = gettext_lazy("Consultation responses")
    menu_name = "consultation-responses"
    menu_order = 260
    add_to_admin_menu = True
    menu_item_class = ResponsesMenuItem

    def get_urlpatterns(self):
        urls = {
            "index_url_name": "consultation_responses:index",
            "index_results_url_name": "consultation_responses:index_results",
        }
        return [
            path("", ResponseIndexView.as_view(**urls), name="index"),
            path("results/", ResponseIndexView.as_view(**urls, results_only=True), name="index_results"),
            path("<int:pk>/", ResponseDetailView.as_view(), name="detail"),
        ]
