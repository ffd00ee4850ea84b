"""The public JSON API at /api/v2/ (docs/api.md): Wagtail's API v2 router with three read-only endpoints.

- pages: live pages that anyone may see; each page type publishes only its `api_fields` allow-list
  (https://docs.wagtail.org/en/stable/advanced_topics/api/v2/configuration.html, "Adding custom page fields");
- ormas: the public register, the fields of its downloads (ormas/api.py);
- statistics: the public statistics of home/reports.py (home/api.py).

Mounted in site_cms/urls.py before Wagtail's catch-all page serving.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page, Site

from home.api import PublicAPIMixin, StatisticsAPIViewSet
from ormas.api import OrmasAPIViewSet


class RequestHtmlUrlField(PageHtmlUrlField):
    """The page's public address, with the site root paths read once per request instead of once per page."""

    def to_representation(self, page):
        return page.get_full_url(request=self.context["request"])


class PublicPageSerializer(PageSerializer):
    html_url = RequestHtmlUrlField(read_only=True)


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    """Live pages without any view restriction, whoever asks.

    Wagtail's own endpoint lists a restricted page to a request that passes the restriction (a logged-in group
    member, a session that typed the password; wagtail/api/querysets.py). These answers are cached publicly, so a
    restricted page is never listed here, to anyone.
    """

    base_serializer_class = PublicPageSerializer
    # One site: `?site=` would be accepted and ignored, so it is refused like any unknown parameter.
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"site"}
    # Stream fields and tags cost queries per page: read one page at a time, never in a listing.
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "body", "tags"]

    def get_base_queryset(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        return Page.objects.live().public().descendant_of(site.root_page, inclusive=True)

    def get_queryset(self):
        queryset = super().get_queryset()
        # The related rows the model's api_fields read (a page type's `api_select_related`/`api_prefetch_related`),
        # fetched with the listing: the number of queries stays the same however many pages are listed.
        # The locale is every page's (`?fields=*` asks for it).
        model = queryset.model
        related = ("locale", *getattr(model, "api_select_related", ()))
        prefetch = getattr(model, "api_prefetch_related", ())
        return queryset.select_related(*related).prefetch_related(*prefetch)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("ormas", OrmasAPIViewSet)
api_router.register_endpoint("statistics", StatisticsAPIViewSet)
