"""The ormas register in the public API (/api/v2/ormas/, docs/api.md): the rows and filters of the public list.

Each row is `Ormas.public_record()`, the very record of the CSV and JSON downloads (ormas/views.py), so the API
publishes exactly their columns (`PUBLIC_COLUMNS`): officers' names only with the ormas's consent, the address only
when it is an office. The filters are the public list's own form and query (ormas/register.py) under the same
parameter names, so a list address's query string works here unchanged and the counts agree. Licence CC BY 4.0,
as for the downloads.

The register is public only through its page: while no live, public `OrmasIndexPage` exists, this answers 404.
"""

from django.http import Http404
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url, parse_fields_parameter
from wagtail.api.v2.views import BaseAPIViewSet

from home.api import PublicAPIMixin
from ormas import register
from ormas.models import PUBLIC_COLUMNS, Ormas, OrmasIndexPage

META_FIELDS = ("type", "detail_url", "html_url")
FILTERS = ("q", "kab", "bidang", "bentuk", "status", "lingkup", "urut")


class OrmasAPIViewSet(PublicAPIMixin, BaseAPIViewSet):
    name = "ormas"
    model = Ormas
    # Wagtail's `search` is taken as the list's `q`; `order` is the list's `urut`. Nothing else is silently ignored.
    known_query_parameters = frozenset({"limit", "offset", "fields", "search", "_", *FILTERS})

    # -- the register's page -------------------------------------------------------------------------------------
    def register_page(self):
        if not hasattr(self, "_register_page"):
            self._register_page = OrmasIndexPage.objects.live().public().first()
            if self._register_page is None:
                raise Http404("not found")
        return self._register_page

    # -- query parameters ----------------------------------------------------------------------------------------
    def check_query_parameters(self, queryset=None):
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            names = ", ".join(sorted(unknown))
            raise BadRequestError(f"query parameter is not an operation or a recognised field: {names}")

    def filter_values(self, request):
        data = request.GET.copy()
        if "search" in data:
            if "q" in data:
                raise BadRequestError("use either search or q, not both")
            data["q"] = data.pop("search")[-1]
        form = register.RegisterFilterForm(data, register.regencies())
        # The public list ignores a value it does not offer (a visitor's old link still shows a list); a program
        # gets a 400, so it never takes the whole register for a filtered answer.
        if form.is_bound and not form.is_valid():
            bad = ", ".join(f"{name}={data.get(name)}" for name in sorted(form.errors))
            raise BadRequestError(f"filter error: not a recognised value: {bad}")
        return form.values()

    def selected_fields(self, request):
        """The `?fields=` of Wagtail's API (`*`, `_`, names, `-name`) over the download's columns and the meta."""
        available = [*META_FIELDS, *PUBLIC_COLUMNS]
        try:
            config = parse_fields_parameter(request.GET.get("fields", ""))
        except ValueError as e:
            raise BadRequestError(f"fields error: {e}") from e
        fields = set(available)
        if config and config[0][0] == "_":
            fields, config = set(), config[1:]
        elif config and config[0][0] == "*":
            config = config[1:]
        unknown = sorted({name for name, _negated, _sub in config} - set(available))
        if unknown:
            raise BadRequestError(f"unknown fields: {', '.join(unknown)}")
        for name, negated, sub_fields in config:
            if sub_fields:
                raise BadRequestError(f"'{name}' does not support nested fields")
            (fields.discard if negated else fields.add)(name)
        return fields

    # -- output --------------------------------------------------------------------------------------------------
    def represent(self, ormas, fields):
        item = {"id": ormas.pk}
        meta = {}
        if "type" in fields:
            meta["type"] = "ormas.Ormas"
        if "detail_url" in fields:
            meta["detail_url"] = get_object_detail_url(self.request.wagtailapi_router, self.request, Ormas, ormas.pk)
        if "html_url" in fields:
            meta["html_url"] = self.register_url + ormas.slug + "/"
        if meta:
            item["meta"] = meta
        record = ormas.public_record()
        item.update((name, record[name]) for name in PUBLIC_COLUMNS if name in fields)
        return item

    def about(self):
        """Licence, source and date, as the downloads give them (ormas/views.py `download`)."""
        as_of = register.data_as_of()
        return {
            "lisensi": register.LICENCE,
            "lisensi_url": register.LICENCE_URL,
            "sumber": self.register_page().source_note,
            "data_per": as_of.isoformat() if as_of else "",
        }

    # -- views ---------------------------------------------------------------------------------------------------
    def listing_view(self, request):
        self.check_query_parameters()
        page = self.register_page()
        self.register_url = page.get_full_url(request=request)
        fields = self.selected_fields(request)
        values = self.filter_values(request)
        rows = self.paginate_queryset(register.filtered(values))
        response = self.get_paginated_response([self.represent(ormas, fields) for ormas in rows])
        response.data["meta"].update(self.about())
        return response

    def detail_view(self, request, pk):
        if request.GET.keys() - {"fields", "_"}:
            raise BadRequestError("query parameter is not an operation or a recognised field")
        page = self.register_page()
        self.register_url = page.get_full_url(request=request)
        fields = self.selected_fields(request)
        ormas = Ormas.objects.with_status().select_related("regency").filter(pk=pk).first()
        if ormas is None:
            raise Http404("not found")
        item = self.represent(ormas, fields)
        item.setdefault("meta", {}).update(self.about())
        return Response(item)
