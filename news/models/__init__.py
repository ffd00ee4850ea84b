"""News, announcements and guidance on ormas.

- `snippets`: the news categories and the site-wide announcement banner editors schedule.
- `news`: the Berita index and its articles (tags, pinning, related pages).
- `guidance`: the Panduan index, guidance pages and the SIOLA readiness self-check.
"""

from .guidance import GuidanceIndexPage, GuidancePage, ReadinessCheckPage
from .news import NewsIndexPage, NewsPage, NewsPageQuerySet, NewsPageRelatedLink, NewsPageTag
from .snippets import Announcement, NewsCategory

__all__ = [
    "Announcement",
    "GuidanceIndexPage",
    "GuidancePage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageQuerySet",
    "NewsPageRelatedLink",
    "NewsPageTag",
    "ReadinessCheckPage",
]
