"""RSS 2.0 and Atom feeds of the news, for all categories and per category.

Every link is absolute, on the public address (SITE_URL, which Wagtail's site record follows: the same host as the
canonical links, never the host a request came in on); each item's GUID (RSS) or id (Atom) is a tag: URI that stays
the same when the address changes (home/siteurl.py), so readers never see the news twice. Dates carry their zone,
and text is escaped by the feed generator.

Feed readers poll, so every feed answers conditional GETs (RFC 7232) by itself, with or without the page cache:
`conditional(feed)` sends an ETag and Last-Modified worked out from one small query, and answers a matching
If-None-Match / If-Modified-Since with 304 before the feed is built (`django.views.decorators.http.condition`).
"""

import hashlib
import unicodedata
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.db.models import Max
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import condition
from wagtail.models import PageLogEntry

from home import siteurl
from home.models import SiteSettings

from .models import NewsCategory, NewsIndexPage, NewsPage

FEED_LENGTH = 20


def xml_text(value):
    """Text without the control characters XML 1.0 forbids (a strict parser rejects the whole feed for one)."""
    return "".join(ch for ch in str(value) if ch in "\t\n\r" or unicodedata.category(ch) != "Cc")


@dataclass
class FeedSource:
    request: object
    category: NewsCategory | None
    settings: SiteSettings
    index: NewsIndexPage | None


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "id"
    kind = "rss"

    def get_object(self, request, category=None):
        return FeedSource(
            request=request,
            category=get_object_or_404(NewsCategory, slug=category) if category else None,
            settings=SiteSettings.load(request_or_site=request),
            index=NewsIndexPage.objects.live().public().first(),
        )

    def title(self, source):
        section = source.category.name if source.category else _("News")
        return xml_text(f"{section} — {source.settings.short_name}")

    def description(self, source):
        if source.category and source.category.description:
            return xml_text(source.category.description)
        return xml_text(_("News and announcements from %(agency)s") % {"agency": source.settings.agency_name})

    def link(self, source):
        if source.index is None:
            return siteurl.absolute("/")
        url = source.index.get_full_url(source.request)
        return f"{url}?kategori={source.category.slug}" if source.category else url

    def feed_url(self, source):
        return siteurl.absolute(source.request.path)

    def feed_guid(self, source):
        # Atom's feed <id>: one per feed, by the category's id (its slug may be renamed).
        return siteurl.tag_uri(f"news-feed-{source.category.pk}" if source.category else "news-feed")

    def author_name(self, source):
        return xml_text(source.settings.agency_name)

    def feed_copyright(self, source):
        return xml_text(f"© {source.settings.agency_name}")

    def items(self, source):
        articles = NewsPage.objects.live().public().select_related("category").defer_streamfields()
        if source.category:
            articles = articles.filter(category=source.category)
        return articles.prefetch_related("tags").newest_first()[:FEED_LENGTH]

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        # Readers treat an RSS description (and Atom's type="html" summary) as HTML; the summary is plain text,
        # so it is HTML-escaped first and then XML-escaped by the generator: "<b>" reads as "<b>", not bold.
        return escape(xml_text(item.summary))

    def item_link(self, item):
        return item.get_full_url()

    # Not the link: an article moved to another URL, or a site moved to another host, is still the same article.
    item_guid_is_permalink = False

    def item_guid(self, item):
        return siteurl.tag_uri(f"news-{item.pk}")

    # Dates in WIB, the zone the site shows them in (the feed generators write the offset).
    def item_pubdate(self, item):
        return timezone.localtime(item.date)

    def item_updateddate(self, item):
        return timezone.localtime(max(item.last_published_at or item.date, item.date))

    def item_author_name(self, item):
        return xml_text(item.reporter) if item.reporter else None

    def item_categories(self, item):
        return [xml_text(item.category.name), *(xml_text(tag.name) for tag in item.tags.all())]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    kind = "atom"

    def subtitle(self, source):
        return self.description(source)


def feed_url(kind, category=None):
    if category is None:
        return reverse(f"news_feed_{kind}")
    return reverse(f"news_category_feed_{kind}", kwargs={"category": category.slug})


def feed_validators(request, category=None):
    """(ETag, Last-Modified) of the feed this request asks for, or (None, None) for an unknown category (its 404
    must not become a 304). Worked out once per request, in two or three queries, without building the feed.

    The ETag fingerprints what the feed shows: its items (id and last change, in order: an article published,
    republished, unpublished or deleted changes it), the category's text and the site's names. Last-Modified is the
    newest item's last change, or the newest logged action on any article if later: unpublishing or deleting the
    newest article removes it from the feed, and Last-Modified must not go back in time (RFC 7232, 2.2.1) or a
    reader that only sends If-Modified-Since would be told nothing changed.
    """
    memo = getattr(request, "_feed_validators", None)
    if memo is not None and memo[0] == category:
        return memo[1]
    articles = NewsPage.objects.live().public()
    parts = [category or ""]
    if category:
        row = NewsCategory.objects.filter(slug=category).values_list("pk", "name", "description").first()
        if row is None:
            request._feed_validators = (category, (None, None))
            return None, None
        parts.append(row)
        articles = articles.filter(category_id=row[0])
    settings = SiteSettings.load(request_or_site=request)
    parts.append((settings.short_name, settings.agency_name))
    items = list(articles.newest_first().values_list("pk", "date", "last_published_at")[:FEED_LENGTH])
    parts.append(items)
    changes = [max(published or date, date) for _pk, date, published in items]
    logged = PageLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(NewsPage)).aggregate(
        newest=Max("timestamp")
    )["newest"]
    changes += [logged] if logged else []
    etag = '"' + hashlib.sha256(repr(parts).encode()).hexdigest()[:32] + '"'
    validators = (etag, max(changes) if changes else None)
    request._feed_validators = (category, validators)
    return validators


def conditional(feed):
    """The feed view, answering If-None-Match / If-Modified-Since with 304 (RFC 7232) before building anything.

    The `condition` decorator rather than ConditionalGetMiddleware: the middleware compares only after the whole
    feed was rendered (all its queries), and would apply to every view of the site; here a 304 costs the two or
    three queries above. With the page cache on, PageCacheMiddleware (home/middleware.py) replaces the ETag by a
    hash of the stored content and answers from the stored copy; either validator then gets a 304.
    """
    return condition(
        etag_func=lambda request, category=None: feed_validators(request, category)[0],
        last_modified_func=lambda request, category=None: feed_validators(request, category)[1],
    )(feed)
