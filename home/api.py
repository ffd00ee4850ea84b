"""The shared pieces of the public, read-only JSON API (docs/api.md): what every endpoint does alike, and the
statistics endpoint over `home.reports.open_statistics`. The serializer fields the page models' `api_fields` use are
in home/api_fields.py (models import it; this module imports Wagtail's API views, which need the models loaded).

Every endpoint is anonymous and read-only: no authentication class (a request's session or password is never
looked at, so no answer depends on who asks and every answer may be cached by anyone), JSON only (no browsable
HTML that would load scripts), and one rate limit per client address across all endpoints (home/ratelimit.py).
The router lives in site_cms/api.py; Wagtail's API v2 is described at
https://docs.wagtail.org/en/stable/advanced_topics/api/v2/configuration.html.
"""

import time

from django.conf import settings
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.utils import get_full_url
from wagtail.api.v2.views import BaseAPIViewSet

from . import ratelimit
from .reports import Report, open_statistics

RATE_SCOPE = "api"


class TooManyRequests(Exception):
    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = retry_after


class PublicAPIMixin:
    """Anonymous, JSON only, rate limited per client address, cacheable by anyone for API_CACHE_SECONDS."""

    authentication_classes = []
    permission_classes = []
    parser_classes = []
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "head"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        window = settings.API_RATE_WINDOW_SECONDS
        if not ratelimit.allow(RATE_SCOPE, ratelimit.client_ip(request), settings.API_RATE_LIMIT, window):
            # Fixed windows (home/ratelimit.py): the counter starts again at the next multiple of the window.
            raise TooManyRequests(window - int(time.time()) % window)

    def handle_exception(self, exc):
        if isinstance(exc, TooManyRequests):
            message = _("Too many requests. Try again in %(seconds)s seconds.") % {"seconds": exc.retry_after}
            response = Response({"message": message}, status=429)
            response["Retry-After"] = str(exc.retry_after)
            return response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if 200 <= response.status_code < 300:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        else:
            # Never let a shared cache hand one client's 429 (or a passing error) to everyone behind it.
            patch_cache_control(response, no_store=True)
        return response


# -- statistics --------------------------------------------------------------------------------------------------
class StatisticsAPIViewSet(PublicAPIMixin, BaseAPIViewSet):
    """The public statistics (home/reports.py `open_statistics`): a list of keys, and headers and rows per key.

    Not a model, so not Wagtail's listing machinery: the list is short (a handful of reports), never paginated, and
    takes no query parameter.
    """

    # The router looks endpoints up by model (WagtailAPIRouter.get_model_endpoint); nothing else serves a Report.
    model = Report

    def reports(self):
        return open_statistics(timezone.localdate())

    def check_no_parameters(self, request):
        if request.GET:
            return Response(
                {"message": "query parameter is not an operation or a recognised field: " + ", ".join(request.GET)},
                status=400,
            )
        return None

    def listing_view(self, request):
        if bad := self.check_no_parameters(request):
            return bad
        items = [
            {"key": report.key, "title": str(report.title), "detail_url": self.detail_url(request, report.key)}
            for report in self.reports()
        ]
        return Response({"meta": {"total_count": len(items)}, "items": items})

    def detail_view(self, request, key):
        if bad := self.check_no_parameters(request):
            return bad
        for report in self.reports():
            if report.key == key:
                return Response(report_json(report))
        raise Http404("not found")

    def detail_url(self, request, key):
        # The namespace the router gave this endpoint ("wagtailapi:statistics"), whatever name it was registered by.
        return get_full_url(request, reverse(f"{request.resolver_match.namespace}:detail", args=[key]))

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<slug:key>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]


def report_json(report):
    """One report as the API gives it: what the page's table shows (the chart is a drawing of the same numbers)."""
    return {
        "key": report.key,
        "title": str(report.title),
        "intro": str(report.intro),
        "headers": [str(header) for header in report.headers],
        "rows": report.rows,
        "footer": report.footer,
    }
