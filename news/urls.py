"""Public URLs of the news app that are not Wagtail pages: the RSS 2.0 and Atom feeds."""

from django.urls import path

from home import cache as page_cache

from .feeds import NewsAtomFeed, NewsRssFeed, conditional

# Feed readers poll: the feeds live in the shared page cache like pages do, purged by the same content changes
# (a published article purges everything), and readers revalidate with the ETag or Last-Modified, which the
# feeds also answer by themselves when the page cache is off or cannot serve (news/feeds.py).
urlpatterns = [
    path("feed/rss/", page_cache.cache_public(conditional(NewsRssFeed())), name="news_feed_rss"),
    path("feed/atom/", page_cache.cache_public(conditional(NewsAtomFeed())), name="news_feed_atom"),
    path(
        "feed/<slug:category>/rss/", page_cache.cache_public(conditional(NewsRssFeed())), name="news_category_feed_rss"
    ),
    path(
        "feed/<slug:category>/atom/",
        page_cache.cache_public(conditional(NewsAtomFeed())),
        name="news_category_feed_atom",
    ),
]
