"""Admin registration of the news snippets, and the latest-news section of the home page."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.sections import HomeSection, parent_url

from .models import Announcement, NewsCategory, NewsPage

HOME_NEWS_COUNT = 3


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class AnnouncementViewSet(SnippetViewSet):
    model = Announcement
    icon = "warning"
    menu_label = _("Announcement banners")
    list_display = ["text", "starts_at", "ends_at"]
    list_filter = ["starts_at"]


class NewsSnippets(SnippetViewSetGroup):
    items = (AnnouncementViewSet, NewsCategoryViewSet)
    menu_icon = "doc-full"
    menu_label = _("News")
    menu_name = "news"
    menu_order = 250


register_snippet(NewsSnippets)


@hooks.register("home_page_sections")
def latest_news(request, home_page):
    """The three newest articles and a link to Berita, in one query whatever the number of articles.

    Every article is a child of a news index (`NewsPage.parent_page_types`), so the link is the newest article's
    parent, without a query for it; with several indexes the newest articles of all of them are shown."""
    # `.public()` reads the private sections once per request (home/frame.py): no query of its own.
    items = list(NewsPage.objects.live().public().for_listing(with_tags=False).newest_first()[:HOME_NEWS_COUNT])
    return HomeSection(
        order=10,
        title=_("Latest news"),
        template="news/includes/home_section.html",
        items=items,
        more_url=parent_url(items[0], request) if items else "",
        more_label=_("All news"),
    )
