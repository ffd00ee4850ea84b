"""Panduan: guidance on registering and running an ormas, and the SIOLA readiness self-check."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from home.blocks import RICHTEXT_FEATURES
from home.models import BasePage

from ..blocks import GuidanceStreamBlock, ReadinessItemBlock


def today():
    return timezone.localdate()


class GuidanceFields(models.Model):
    """What every guidance page shows under its title: a summary and when its content was last checked."""

    intro = models.TextField(
        _("introduction"),
        max_length=500,
        help_text=_("Who this page is for and what they will be able to do after reading it."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        default=today,
        help_text=_("The day someone last checked this page against the regulations and SIOLA. Update it each time."),
    )

    guidance_panels = [FieldPanel("intro"), FieldPanel("last_reviewed")]

    class Meta:
        abstract = True


class GuidanceIndexPage(BasePage):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences shown under the title and in search results."),
    )

    summary_field = "intro"
    search_result_type = _("Guidance")
    search_first = True
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.GuidancePage", "news.ReadinessCheckPage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("guidance index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Editors order the guides in the page tree; one query per page type, whatever the number of guides.
        context["guides"] = self.get_children().live().public().defer_streamfields().specific().order_by("path")
        return context


class GuidancePage(BasePage, GuidanceFields):  # noqa: DJ008 (Page.__str__, the title, applies)
    body = StreamField(
        GuidanceStreamBlock(),
        verbose_name=_("body"),
        help_text=_("The guide step by step: a heading per step, plain words, and the FAQ block for common questions."),
    )

    summary_field = "intro"
    search_result_type = _("Guidance")
    search_first = True
    parent_page_types = ["news.GuidanceIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + GuidanceFields.guidance_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("guidance page")


class ReadinessCheckPage(BasePage, GuidanceFields):  # noqa: DJ008 (Page.__str__ applies)
    """A checklist a group ticks through before going to SIOLA. It is a plain GET form: it works without
    JavaScript, the answers live only in the address bar, and nothing is stored."""

    items = StreamField(
        [("item", ReadinessItemBlock())],
        verbose_name=_("questions"),
        min_num=1,
        help_text=_("One checkbox per document or condition a group needs before registering."),
    )
    ready_text = RichTextField(
        _("text when everything is ready"),
        features=RICHTEXT_FEATURES,
        help_text=_("Shown when every box was ticked, above the link to SIOLA."),
    )

    summary_field = "intro"
    search_result_type = _("Guidance")
    search_first = True
    parent_page_types = ["news.GuidanceIndexPage"]
    subpage_types = []

    content_panels = (
        BasePage.content_panels + GuidanceFields.guidance_panels + [FieldPanel("items"), FieldPanel("ready_text")]
    )
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("items")]

    class Meta:
        verbose_name = _("SIOLA readiness check")

    def evaluate(self, query):
        """The check's outcome for a query string: (submitted, ticked ids, missing items).

        Only the ids of this page's own items count; unknown or hostile values are ignored.
        """
        known = {block.id for block in self.items}
        ticked = {value for value in query.getlist("ada") if value in known}
        submitted = query.get("cek") == "1"
        missing = [block for block in self.items if block.id not in ticked] if submitted else []
        return submitted, ticked, missing

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        submitted, ticked, missing = self.evaluate(request.GET)
        context.update(submitted=submitted, ticked=ticked, missing=missing)
        return context
