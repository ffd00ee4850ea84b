"""Public URLs of the news app that are not Wagtail pages: the RSS 2.0 and Atom feeds."""

from django.urls import path
from django.views.decorators.cache import cache_control

from .feeds import NewsAtomFeed, NewsRssFeed

# Feed readers poll; ten minutes of caching in between costs a reader at most ten minutes of delay.
feed_cache = cache_control(max_age=600, public=True)

urlpatterns = [
    path("feed/rss/", feed_cache(NewsRssFeed()), name="news_feed_rss"),
    path("feed/atom/", feed_cache(NewsAtomFeed()), name="news_feed_atom"),
    path("feed/<slug:category>/rss/", feed_cache(NewsRssFeed()), name="news_category_feed_rss"),
    path("feed/<slug:category>/atom/", feed_cache(NewsAtomFeed()), name="news_category_feed_atom"),
]
