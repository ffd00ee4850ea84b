"""Wagtail admin for feedback: the inbox (filters, search, bulk actions, export), an item's page, its attachment.

Every view asks feedback.permissions; the inbox lists only `Feedback.objects.visible_to(user)`.
URLs (under /admin/saran-pengaduan/): "" inbox, "results/" (AJAX refresh of the inbox), "<pk>/" the item,
"<pk>/lampiran/" the attachment.
"""

import django_filters
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from feedback import export as feedback_export
from feedback import service as feedback_service
from feedback.admin_forms import AnswerForm, AssignForm, NoteForm, RouteForm, StatusForm
from feedback.models import Feedback, FeedbackSettings
from feedback.permissions import can_change, can_export, can_use_inbox, item_for, topics_visible_to
from home.security import answer_403

EXPORT_ACTION = "feedback.export"


class FeedbackFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Feedback.Status.choices)
    topic = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Topic"), queryset=lambda request: topics_visible_to(request.user)
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=Feedback.Kind.choices)
    overdue = django_filters.BooleanFilter(label=gettext_lazy("Overdue"), method="filter_overdue")
    mine = django_filters.BooleanFilter(label=gettext_lazy("Assigned to me"), method="filter_mine")

    class Meta:
        model = Feedback
        fields = ["status", "topic", "kind"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        condition = Feedback.objects.overdue_condition(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        mine = {"assignee": self.request.user}
        return queryset.filter(**mine) if value else queryset.exclude(**mine)


class DueColumn(Column):
    """The deadline that matters now (verify while new, then answer), flagged when it has passed."""

    cell_template_name = "feedback/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        today = parent_context.get("today") or timezone.localdate()
        step = instance.overdue_step(today)
        due = instance.verify_due if instance.status == Feedback.Status.NEW else instance.answer_due
        context.update(
            {
                "due": due,
                "overdue": bool(step),
                "done": instance.is_final or (instance.answered_at and instance.status != Feedback.Status.NEW),
            }
        )
        return context


class FeedbackIndexView(IndexView):
    model = Feedback
    template_name = "feedback/admin/index.html"
    filterset_class = FeedbackFilterSet
    search_fields = ["tracking_code", "message", "forwarded_to", "lapor_reference"]
    search_backend_name = None  # plain database lookups: the model is not in the search index
    default_ordering = "-submitted_at"
    # Wagtail's table costs a few ms per row (bench/feedback.py); 30 rows keep a page well under a second.
    paginate_by = 30
    any_permission_required = None  # checked in dispatch with the team rules

    @answer_403
    def dispatch(self, request, *args, **kwargs):
        if not can_use_inbox(request.user):
            raise PermissionDenied
        topic = request.GET.get("topic")
        # Asking for another team's topic by URL is refused outright, not silently ignored.
        if topic and not topics_visible_to(request.user).filter(pk=topic if topic.isdigit() else None).exists():
            raise PermissionDenied
        if request.GET.get("export") in self.FORMATS and not can_export(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return Feedback.objects.visible_to(self.request.user).select_related("topic", "team", "assignee")

    def get_page_title(self):
        return _("Feedback and complaints")

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="feedback"),
            TitleColumn(
                "tracking_code",
                label=_("Tracking code"),
                sort_key="tracking_code",
                get_url=lambda item: reverse("feedback_admin:detail", args=[quote(item.pk)]),
                get_title_id=lambda item: f"feedback_{quote(item.pk)}_title",
            ),
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
            Column("topic", label=_("Topic"), accessor="topic.name", sort_key="topic__name"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda item: not item.is_final,
            ),
            Column("assignee", label=_("Assignee"), accessor="assignee_name"),
            DateColumn("submitted_at", label=_("Received"), sort_key="submitted_at"),
            DueColumn("due", label=_("Due"), sort_key="answer_due"),
        ]

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "-submitted_at"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context

    @cached_property
    def header_more_buttons(self):
        buttons = []
        if can_export(self.request.user):
            buttons = [
                HeaderButton(_("Download XLSX"), url=self.xlsx_export_url, icon_name="download"),
                HeaderButton(_("Download CSV"), url=self.csv_export_url, icon_name="download"),
            ]
        return buttons

    @cached_property
    def show_export_buttons(self):
        return False  # ours are in header_more_buttons, shown only to users who may export

    def as_spreadsheet(self, queryset, spreadsheet_format):
        items = list(queryset)
        # One audit entry per export: who, when, which format and filters, which codes. No search text (it may be a
        # name) and no personal data.
        filters = {
            key: self.request.GET[key]
            for key in ("status", "topic", "kind", "overdue", "mine")
            if self.request.GET.get(key)
        }
        log(
            FeedbackSettings.load(),
            EXPORT_ACTION,
            user=self.request.user,
            data={
                "format": spreadsheet_format,
                "count": len(items),
                "filters": filters,
                "searched": bool(self.request.GET.get("q")),
                "codes": [item.tracking_code for item in items],
            },
        )
        if spreadsheet_format == self.FORMAT_CSV:
            return feedback_export.response("csv", items)
        return feedback_export.response("xlsx", items)


class FeedbackDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "feedback/admin/detail.html"
    header_icon = "mail"
    ACTIONS = ("status", "assign", "note", "answer", "route")

    @answer_403
    def dispatch(self, request, pk):
        self.item = item_for(request.user, pk, change=request.method == "POST")
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Feedback")

    def get_page_subtitle(self):
        return self.item.tracking_code

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("feedback_admin:index"), "label": _("Feedback and complaints")},
            {"url": "", "label": self.item.tracking_code},
        ]

    def forms(self, data=None, action=None):
        def bound(name):
            return data if action == name else None

        return {
            "status_form": StatusForm(bound("status"), item=self.item, prefix="status"),
            "assign_form": AssignForm(
                bound("assign"),
                users=_assignable(self.item),
                initial={"assignee": self.item.assignee_id},
                prefix="assign",
            ),
            "note_form": NoteForm(bound("note"), prefix="note"),
            "route_form": RouteForm(bound("route"), initial={"topic": self.item.topic_id}, prefix="route"),
            "answer_form": AnswerForm(bound("answer"), initial={"text": self.item.public_answer}, prefix="answer"),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.item
        context.update(
            {
                "item": item,
                "events": item.events.select_related("user"),
                "can_change": can_change(self.request.user, item),
                "overdue_step": item.overdue_step(),
                "attachment_url": reverse("feedback_admin:attachment", args=[item.pk]) if item.attachment else "",
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
            self.perform(action, form)
        except feedback_service.WorkflowError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(forms=forms_), status=400)
        if action == "route" and not can_change(request.user, self.item):
            # Routed to a team the editor is not in: the item has left their inbox.
            return redirect("feedback_admin:index")
        return redirect("feedback_admin:detail", pk=self.item.pk)

    def perform(self, action, form):
        user, item = self.request.user, self.item
        data = form.cleaned_data
        if action == "status":
            item = feedback_service.change_status(
                item,
                user,
                data["status"],
                forwarded_to=form.forwarded_to(),
                lapor_reference=data.get("lapor_reference", ""),
                reason=data.get("reason", ""),
            )
            messages.success(
                self.request, _("%(code)s is now “%(status)s”.") % {"code": item, "status": item.get_status_display()}
            )
        elif action == "assign":
            feedback_service.assign(item, user, data["assignee"])
            messages.success(self.request, _("Assignee saved."))
        elif action == "route":
            self.item = feedback_service.reroute(item, user, data["topic"])
            messages.success(
                self.request, _("%(code)s now belongs to “%(topic)s”.") % {"code": item, "topic": data["topic"].name}
            )
        elif action == "note":
            feedback_service.add_note(item, user, data["text"])
            messages.success(self.request, _("Note added."))
        elif action == "answer":
            feedback_service.publish_answer(item, user, data["text"])
            messages.success(self.request, _("Answer published; the citizen is told if they gave an e-mail address."))


def _assignable(item):
    from feedback.permissions import assignable_users

    return assignable_users(item)


@answer_403
def attachment(request, pk):
    """The attachment, to permitted editors only, as a download that the browser may not render or sniff."""
    item = item_for(request.user, pk)
    if not item.attachment:
        raise Http404
    extension = item.attachment.name.rsplit(".", 1)[-1]
    response = FileResponse(
        item.attachment.open("rb"),
        as_attachment=True,
        filename=f"{item.tracking_code}-lampiran.{extension}",
        content_type=item.attachment_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_inbox(request.user)


class FeedbackViewSet(ViewSet):
    name = "feedback_admin"
    url_prefix = "saran-pengaduan"
    icon = "mail"
    menu_label = gettext_lazy("Feedback inbox")
    menu_name = "feedback-inbox"
    menu_item_class = FeedbackMenuItem

    def get_urlpatterns(self):
        urls = {"index_url_name": "feedback_admin:index", "index_results_url_name": "feedback_admin:index_results"}
        return [
            path("", FeedbackIndexView.as_view(**urls), name="index"),
            path("results/", FeedbackIndexView.as_view(**urls, results_only=True), name="index_results"),
            path("<int:pk>/", FeedbackDetailView.as_view(), name="detail"),
            path("<int:pk>/lampiran/", attachment, name="attachment"),
        ]
