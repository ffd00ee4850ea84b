"""Home page sections that fill themselves from live pages.

An app adds a section by registering a `home_page_sections` hook in its `wagtail_hooks.py`:

    @hooks.register("home_page_sections")
    def latest_news(request, home_page):
        return HomeSection(order=10, title=_("Latest news"), template="news/includes/home_section.html",
                           items=list(NewsPage.objects.live().public().order_by("-date")[:3]),
                           more_url=..., more_label=_("All news"))

A section whose `items` is empty is hidden. Keep each section to a fixed, small number of queries.
"""

from dataclasses import dataclass, field


@dataclass
class HomeSection:
    order: int
    title: str
    template: str
    items: list = field(default_factory=list)
    more_url: str = ""
    more_label: str = ""


def parent_url(page, request):
    """The URL of `page`'s parent (a section's "all" link from its first item), without a query for the parent:
    Wagtail builds a page's URL from its `url_path`, the parent's plus the page's slug (`Page.get_url_parts`), so the
    parent's URL is the page's without its last segment."""
    url = page.get_url(request) or ""
    return url[: url.rstrip("/").rfind("/") + 1]
