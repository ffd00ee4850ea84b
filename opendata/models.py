"""Data dan Statistik: the public page of the site's figures, one section per statistic that the feature apps
register on the `register_open_statistics` hook (home/reports.py), each a chart, a table and a CSV download.

The page is an ordinary Wagtail page, so the page cache (home/cache.py) keeps it and its CSV routes like any other
page: a content change anywhere (purge_all) or a purge of its path shows new figures; otherwise they are at most
PAGE_CACHE_SECONDS old (docs/opendata.md).
"""

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.models import BasePage
from home.reports import open_statistics

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.id"


class DataStatisticsPage(RoutablePageMixin, BasePage):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What the figures are and how often they change, in one or two sentences."),
    )

    summary_field = "intro"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("data and statistics page")

    @path("")
    def index_view(self, request):
        today = timezone.localdate()
        context = {
            **self.get_context(request),
            "reports": open_statistics(today),
            "today": today,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
        }
        return TemplateResponse(request, "opendata/data_statistics_page.html", context)

    @path("unduh/<slug:key>/", name="csv")
    def csv_view(self, request, key):
        from opendata.views import report_csv

        today = timezone.localdate()
        report = next((r for r in open_statistics(today) if r.key == key), None)
        if report is None:
            raise Http404
        return report_csv(self, report, today)
