"""The Berita index and its articles."""

import re

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import BooleanField, Case, Exists, OuterRef, Prefetch, Subquery, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.queryset import FakeQuerySet
from rest_framework import serializers
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import BasePage

from .snippets import NewsCategory

NEWS_PER_PAGE = 10

# The renditions a news card shows. The same spec is written literally in news/templates/news/includes/news_card.html
# ({% picture %} takes no variables); the listing prefetches exactly these so a page of cards costs one query.
CARD_IMAGE_SPEC = "format-{avif,webp,jpeg} fill-{400x225,800x450}"
CARD_IMAGE_FILTERS = Filter.expand_spec(CARD_IMAGE_SPEC)

# Filter values from the query string are looked up only when they look like a slug; anything else (NUL bytes,
# markup, 5000 characters) is a 404 before it reaches the database, which would refuse a NUL with an error.
SLUG_PARAM = re.compile(r"^[-\w]{1,100}$")


def slug_param(request, name):
    """The whitelisted filter value `name` from the query string, None when absent; 404 when it is not a slug."""
    value = request.GET.get(name)
    if value is None or value == "":
        return None
    if not SLUG_PARAM.fullmatch(value):
        raise Http404(f"invalid {name}")
    return value


class NewsPageQuerySet(PageQuerySet):
    def for_listing(self, image_filters=CARD_IMAGE_FILTERS, with_tags=True):
        """Everything a card shows, in a fixed number of queries whatever the number of cards: the category and
        image joined, the card renditions (and tags) prefetched, the body not loaded at all."""
        Rendition = get_image_model().get_rendition_model()
        specs = [f if isinstance(f, str) else f.spec for f in image_filters]
        prefetches = [
            Prefetch(
                "hero_image__renditions",
                queryset=Rendition.objects.filter(filter_spec__in=specs),
                to_attr="prefetched_renditions",
            )
        ]
        if with_tags:
            prefetches.append("tags")
        return self.select_related("category", "hero_image").defer_streamfields().prefetch_related(*prefetches)

    def pinned_first(self, now=None):
        """Articles pinned until a moment still to come first, then newest first."""
        now = now or timezone.now()
        pinned = Case(When(pinned_until__gt=now, then=Value(True)), default=Value(False), output_field=BooleanField())
        return self.annotate(is_pinned=pinned).order_by("-is_pinned", "-date", "-pk")

    def newest_first(self):
        return self.order_by("-date", "-pk")


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class NewsIndexPage(BasePage):
    """Berita: the newest articles first, pinned announcements on top, filters by category and tag."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences shown under the title and in search results."),
    )

    summary_field = "intro"
    search_result_type = _("News")
    # One news section per site: the feeds, the home page section and the banner links all point to it.
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("news index page")

    def get_filters(self, request, categories):
        """The active category and tag, from whitelisted query parameters; Http404 for unknown values."""
        category = tag = None
        category_slug = slug_param(request, "kategori")
        if category_slug is not None:
            category = next((c for c in categories if c.slug == category_slug), None)
            if category is None:
                raise Http404("unknown category")
        tag_slug = slug_param(request, "tag")
        if tag_slug is not None:
            tag = Tag.objects.filter(slug=tag_slug).first()
            if tag is None:
                raise Http404("unknown tag")
        return category, tag

    def get_articles(self, category=None, tag=None):
        articles = NewsPage.objects.child_of(self).live().public()
        if category is not None:
            articles = articles.filter(category=category)
        if tag is not None:
            articles = articles.filter(tags=tag)
        return articles.for_listing().pinned_first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        categories = list(NewsCategory.objects.all())
        category, tag = self.get_filters(request, categories)
        articles = self.get_articles(category, tag)
        paginator = Paginator(articles, NEWS_PER_PAGE)
        context.update(
            categories=categories,
            active_category=category,
            active_tag=tag,
            paginator=paginator,
            page_obj=paginator.get_page(request.GET.get("page")),
        )
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsPage(BasePage):
    date = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        db_index=True,
        help_text=_("Shown in WIB and used to order the news. For a scheduled article, use the go-live time."),
    )
    # Joined into the routing query (home/routing.py): every article shows its category and photo.
    route_select_related = ("category", "hero_image")

    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="news_pages",
        help_text=_(
            "Where the article is listed: Berita for news, Pengumuman for notices, Siaran Pers for press releases."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("Two sentences at most: what happened, where and when. Shown on cards, in feeds and searches."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A landscape photo at least 1200 px wide; also the picture shown when the article is shared."),
    )
    hero_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the photo shows for people who cannot see it."),
    )
    hero_decorative = models.BooleanField(
        _("decorative image"),
        default=False,
        help_text=_("Tick only if the photo adds no information; screen readers will then skip it."),
    )
    hero_caption = models.CharField(
        _("caption"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, where and when, e.g. 'Peserta FGD di Aula Kesbangpol, 12 Juni 2024'."),
    )
    hero_credit = models.CharField(
        _("credit"), max_length=120, blank=True, help_text=_("Who took or owns the photo, e.g. 'Humas Kesbangpol'.")
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The full story: key facts first, headings for long articles, alternative text for every image."),
    )
    source = models.CharField(
        _("source"),
        max_length=120,
        blank=True,
        help_text=_("Where the story was first published, e.g. 'mmc.kalteng'. Shown as 'Sumber: …'."),
    )
    source_url = models.URLField(
        _("source address"),
        blank=True,
        help_text=_("Link to the original story when it was first published elsewhere (https://…)."),
    )
    reporter = models.CharField(
        _("reporter"), max_length=120, blank=True, help_text=_("The writer's name, if it should be shown.")
    )
    pinned_until = models.DateTimeField(
        _("pinned until"),
        null=True,
        blank=True,
        help_text=_("Keep this article at the top of the news list until this date and time (WIB)."),
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("A few words readers may follow, e.g. 'ormas', 'pilkada', 'FGD'."),
    )

    objects = NewsPageManager()

    summary_field = "summary"
    search_result_related = ("category",)
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt"),
                FieldPanel("hero_decorative"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_credit"),
            ],
            _("Main image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("source_url"), FieldPanel("reporter")], _("Source and reporter")
        ),
        FieldPanel("tags"),
        FieldPanel("pinned_until"),
        InlinePanel("related_links", label=_("Related pages"), max_num=6),
    ]

    # The public API (site_cms/api.py, docs/api.md) publishes these and nothing else of an article; `body` and
    # `tags` only one article at a time (detail_only_fields there). Not the reporter's name nor the photo fields.
    api_fields = [
        APIField("date"),
        APIField("category", serializer=serializers.CharField(source="category.name", read_only=True)),
        APIField("summary"),
        APIField("source"),
        APIField("source_url"),
        APIField("tags"),
        APIField("body"),
    ]
    api_select_related = ("category",)

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("date"),
        index.FilterField("category"),
    ]

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_decorative and not self.hero_alt.strip():
            message = _("Write an alternative text, or tick 'Decorative image' if the photo adds no information.")
            raise ValidationError({"hero_alt": message})

    def get_meta_image(self):
        return self.hero_image

    @property
    def search_result_type(self):
        return self.category.name  # Berita, Pengumuman, Siaran Pers

    def search_result_date(self):
        return timezone.localdate(self.date)

    @property
    def hero_alt_text(self):
        return "" if self.hero_decorative else self.hero_alt

    def is_pinned_now(self, now=None):
        return bool(self.pinned_until and self.pinned_until > (now or timezone.now()))

    def get_related_pages(self):
        """The pages the editor chose (live and public ones, in their order); otherwise the three latest articles
        of the same category. One query for the chosen pages, one more for the latest when none is chosen."""
        links = self.related_links.all()
        if isinstance(links, FakeQuerySet):
            # A preview: the editor's unsaved choice, held in memory by modelcluster.
            chosen_ids = [link.linked_page_id for link in links]
            pages = {p.pk: p for p in Page.objects.live().public().filter(pk__in=chosen_ids)} if chosen_ids else {}
            chosen = [pages[pk] for pk in chosen_ids if pk in pages]
        else:
            # The saved choice: the links and their pages in one query, in the editor's order.
            link = NewsPageRelatedLink.objects.filter(page_id=self.pk, linked_page_id=OuterRef("pk"))
            chosen = list(
                Page.objects.live()
                .public()
                .filter(Exists(link))
                .annotate(link_order=Subquery(link.values("sort_order")[:1]))
                .order_by("link_order")
            )
        if chosen:
            return chosen
        return list(
            NewsPage.objects.live()
            .public()
            .filter(category_id=self.category_id)
            .exclude(pk=self.pk)
            .defer_streamfields()
            .newest_first()[:3]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the kept article fragments have to be rendered (news/templates/news/news_page.html).
        context["related_pages"] = SimpleLazyObject(self.get_related_pages)
        context["tags"] = SimpleLazyObject(lambda: sorted(self.tags.all(), key=lambda tag: tag.slug))
        return context


class NewsPageRelatedLink(Orderable):
    page = ParentalKey(NewsPage, related_name="related_links", on_delete=models.CASCADE)
    linked_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Another article or a guidance page that helps the reader go further."),
    )

    panels = [FieldPanel("linked_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")
