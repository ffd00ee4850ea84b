"""Admin registration of the news snippets, and the latest-news section of the home page."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.sections import HomeSection

from .models import Announcement, NewsCategory, NewsIndexPage, NewsPage

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
    """The three newest articles and a link to Berita: a fixed number of queries, whatever the number of articles."""
    # `.public()` reads the private sections once per request (home/visibility.py): no query of its own.
    index = NewsIndexPage.objects.live().public().only("id", "url_path", "path", "depth").first()
    if index is None:
        return None
    articles = NewsPage.objects.child_of(index).live().public().for_listing(with_tags=False)
    items = list(articles.newest_first()[:HOME_NEWS_COUNT])
    return HomeSection(
        order=10,
        title=_("Latest news"),
        template="news/includes/home_section.html",
        items=items,
        more_url=index.get_url(request),
        more_label=_("All news"),
    )
