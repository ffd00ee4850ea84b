"""The register's admin: the spreadsheet import (upload → preview → confirm), its template, and the editing viewset.

The import views call ormas/importing.py; only users with `ormas.import_ormas` (the Tim Ormas role) reach them.
Every confirmed import is written to the audit log with its counts (home/audit.py), never with names.
"""

from django import forms
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Site

from home.audit import record
from ormas import importing
from ormas.models import Ormas
from ormas.register import IMPORT_ACTION

IMPORT_PERMISSION = "ormas.import_ormas"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (XLSX or CSV)"),
        help_text=gettext_lazy("At most 5 MB. Use the template's columns; personal columns are ignored."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


def _check(request):
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied


def import_view(request):
    _check(request)
    context = {"template_url": reverse("ormas_import:template"), "form": UploadForm()}
    if request.method != "POST":
        return TemplateResponse(request, "ormas/admin/import.html", context)

    if "payload" in request.POST:  # the confirmation of a preview
        try:
            content, filename = importing.unsign(request.POST["payload"])
        except signing.BadSignature:
            messages.error(request, _("The preview expired or was changed; upload the file again."))
            return redirect("ormas_import:index")
        outcome = importing.run(content, filename, dry_run=False)
        if not outcome.ok:
            messages.error(request, _("Nothing was imported: the file has refused rows or could not be read."))
            return TemplateResponse(request, "ormas/admin/import.html", {**context, "outcome": outcome})
        counts = outcome.counts
        record(
            Site.objects.get(is_default_site=True),
            IMPORT_ACTION,
            user=request.user,
            rows=len(outcome.rows),
            ignored_columns=len(outcome.ignored_personal),
            **counts,
        )
        messages.success(
            request,
            _("Import done: %(new)d new, %(changed)d changed, %(unchanged)d unchanged.") % counts,
        )
        return redirect("ormas_import:index")

    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return TemplateResponse(request, "ormas/admin/import.html", {**context, "form": form}, status=400)
    upload = form.cleaned_data["file"]
    content = upload.read(importing.MAX_FILE_BYTES + 1)
    outcome = importing.run(content, upload.name, dry_run=True)
    context.update({"form": form, "outcome": outcome, "filename": upload.name})
    if outcome.ok:
        context["payload"] = importing.sign(content, upload.name)
    return TemplateResponse(request, "ormas/admin/import.html", context)


def template_view(request):
    _check(request)
    response = HttpResponse(
        importing.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-data-ormas.xlsx"'
    return response


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


class OrmasImportViewSet(ViewSet):
    name = "ormas_import"
    url_prefix = "ormas/impor"
    icon = "upload"
    menu_icon = "upload"
    menu_label = gettext_lazy("Import spreadsheet")
    menu_item_class = ImportMenuItem

    @property
    def menu_url(self):
        return reverse("ormas_import:index")

    def get_urlpatterns(self):
        return [path("", import_view, name="index"), path("templat/", template_view, name="template")]


class OrmasViewSet(ModelViewSet):
    model = Ormas
    icon = "group"
    menu_label = gettext_lazy("Ormas")
    url_prefix = "ormas/data"
    list_display = ["name", "legal_form", "regency", "activity", "skt_valid_until", "updated_at"]
    list_filter = ["legal_form", "regency", "activity", "scope", "officers_consent", "is_example"]
    list_export = [
        "register_number",
        "name",
        "abbreviation",
        "legal_form",
        "ahu_number",
        "skt_number",
        "skt_valid_until",
        "scope",
        "activity",
        "regency",
        "district",
        "latest_report_date",
        "updated_at",
    ]
    export_filename = "data-ormas"
    search_fields = ["name", "abbreviation", "register_number", "ahu_number", "skt_number"]
    ordering = ["name"]
    form_fields = [
        "name",
        "abbreviation",
        "legal_form",
        "ahu_number",
        "ahu_date",
        "skt_number",
        "skt_date",
        "skt_issuer",
        "skt_valid_until",
        "register_number",
        "scope",
        "activity",
        "regency",
        "district",
        "address",
        "address_is_office",
        "contact_email",
        "contact_phone",
        "website",
        "board_term_start",
        "board_term_end",
        "latest_report_date",
        "chair_name",
        "secretary_name",
        "treasurer_name",
        "officers_consent",
        "sanction",
        "sanction_decree_number",
        "sanction_date",
        "is_example",
    ]
