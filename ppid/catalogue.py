"""The public lists of the PPID section: the Daftar Informasi Publik (DIP) and the Daftar Informasi yang Dikecualikan
(DIK), served by PPIDPage's routes (ppid/models.py).

The DIP is filtered by a plain GET form (category, year), so it works without JavaScript, and the XLSX and CSV
downloads take the same query string and list exactly the same items (home/spreadsheets.py writes them, safe from
CSV injection). The listing costs a fixed number of queries whatever the number of items: the filter choices and the
list's last change (one query), the count and the page of items with their documents (one each).
"""

from django import forms
from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Case, Max, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.spreadsheets import export_response
from ppid.models import SUBCATEGORY_CATEGORY, ExemptInformation, InformationCategory, InformationItem

ITEMS_PER_PAGE = 25
SUBCATEGORY_RANK = Case(*(When(subcategory=key, then=Value(rank)) for rank, key in enumerate(SUBCATEGORY_CATEGORY)))
DOWNLOAD_FORMATS = ("xlsx", "csv")

# The request form page (permohonan informasi, ppid/models.py PPIDRequestPage). The link is left out while no live
# page of it exists.
REQUEST_PAGE_MODEL = "ppid.PPIDRequestPage"

# What a role (the "Petugas PPID" group gets it in migration 0004) needs to manage both lists and nothing
# else: model permissions for the lists, and on the root collection the right to upload and choose documents (Wagtail
# grants document permissions per collection, not per model). `grant_catalogue_permissions(group)` gives both.
CATALOGUE_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "ppid.view_informationitem",
    "ppid.add_informationitem",
    "ppid.change_informationitem",
    "ppid.delete_informationitem",
    "ppid.view_exemptinformation",
    "ppid.add_exemptinformation",
    "ppid.change_exemptinformation",
    "ppid.delete_exemptinformation",
]
CATALOGUE_COLLECTION_PERMISSIONS = ["wagtaildocs.add_document", "wagtaildocs.choose_document"]


def grant_catalogue_permissions(group):
    """Give `group` exactly what managing the DIP and DIK takes (adds to what it has; idempotent)."""
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission

    def permission(name):
        app_label, codename = name.split(".")
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    group.permissions.add(*(permission(name) for name in CATALOGUE_PERMISSIONS))
    root = Collection.get_first_root_node()
    for name in CATALOGUE_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission(name))


def request_page_url():
    """The URL of the live request form page, or '' when there is none (yet)."""
    try:
        model = apps.get_model(REQUEST_PAGE_MODEL)
    except (LookupError, ValueError):
        return ""
    page = model.objects.live().public().first()
    return page.url if page else ""


class DIPFilterForm(forms.Form):
    kategori = forms.ChoiceField(label=_("Category"), required=False)
    tahun = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, years):
        super().__init__(data)
        self.fields["kategori"].choices = [("", _("All categories")), *InformationCategory.choices]
        self.fields["tahun"].choices = [("", _("All years")), *((str(y), str(y)) for y in years)]

    def filters(self):
        """The valid choices only: a tampered or outdated value is ignored, not an error page."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {"category": cleaned.get("kategori") or None, "year": cleaned.get("tahun")}


def _years_and_last_change():
    """The years that have published items (newest first) and when the published list last changed: one query."""
    rows = list(
        InformationItem.objects.published()
        .order_by()
        .values("year")
        .annotate(latest=Max("modified_at"))
        .values_list("year", "latest")
    )
    years = sorted({year for year, _latest in rows}, reverse=True)
    last_change = max((latest for _year, latest in rows), default=None)
    return years, last_change


def filtered_items(category=None, year=None):
    items = InformationItem.objects.published().select_related("document")
    if category:
        items = items.filter(category=category)
    if year:
        items = items.filter(year=year)
    # The law's order of the subcategories (a, b, c, …), not the alphabet of their keys.
    return items.annotate(subcategory_rank=SUBCATEGORY_RANK).order_by(
        "category", "subcategory_rank", "-year", "title", "pk"
    )


def _filters(request):
    years, last_change = _years_and_last_change()
    form = DIPFilterForm(request.GET or None, years)
    return form, form.filters(), last_change


def dip_listing(page, request):
    form, filters, last_change = _filters(request)
    items = filtered_items(**filters)
    paginator = Paginator(items, ITEMS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page.render(
        request,
        template="ppid/catalogue/dip.html",
        context_overrides={
            "form": form,
            "filters": filters,
            "page_obj": page_obj,
            "paginator": paginator,
            "last_change": last_change,
            "download_query": query.urlencode(),
            "dip_url": page.dip_url(),
            "today": timezone.localdate(),
        },
    )


EXPORT_HEADERS = [
    _("No."),
    _("Title"),
    _("Summary of contents"),
    _("Category"),
    _("Subcategory"),
    _("Official or unit holding it"),
    _("Person responsible"),
    _("Time and place made"),
    _("Form available"),
    _("Retention period"),
    _("Year"),
    _("Information last updated"),
    _("Link"),
]


def export_rows(items):
    from home import siteurl

    for number, item in enumerate(items, start=1):
        url = item.url
        yield [
            number,
            item.title,
            item.summary,
            item.get_category_display(),
            item.get_subcategory_display(),
            item.holding_unit,
            item.responsible_person,
            item.made_when_where,
            item.get_form_display(),
            item.retention_period,
            item.year,
            item.last_updated,
            siteurl.absolute(url) if url.startswith("/") else url,
        ]


def dip_download(page, request, fmt):
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404
    _form, filters, _last_change = _filters(request)
    rows = list(export_rows(filtered_items(**filters)))
    return export_response(
        fmt,
        f"daftar-informasi-publik-{timezone.localdate():%Y%m%d}",
        [str(h) for h in EXPORT_HEADERS],
        rows,
        sheet_title="DIP",
    )


def dik_listing(page, request):
    entries = list(ExemptInformation.objects.filter(published=True).select_related("consequence_test"))
    return page.render(
        request,
        template="ppid/catalogue/dik.html",
        context_overrides={
            "entries": entries,
            "last_change": max((e.modified_at for e in entries), default=None),
            "dip_url": page.dip_url(),
        },
    )
