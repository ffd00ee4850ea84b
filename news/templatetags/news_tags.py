"""Template tags of the news app: the announcement banner and feed links of every page, sharing, JSON-LD."""

from datetime import timedelta
from urllib.parse import quote, urlsplit

from django import template
from django.conf import settings
from django.utils import timezone

from home import cache as page_cache
from home import siteurl
from home.templatetags.site_tags import agency_logo_url, json_ld_script, share_image_url

from ..feeds import feed_url
from ..models import Announcement

register = template.Library()


@register.inclusion_tag("news/includes/announcement_banner.html", takes_context=True)
def announcement_banner(context):
    """The announcements whose schedule includes now: no query while the list is kept, one indexed query otherwise.

    Pages are kept in the page cache for PAGE_CACHE_SECONDS, and time passing purges nothing. So when a banner
    starts or ends within that lifetime, this response stays out of the cache: the banner appears and disappears
    on time instead of up to PAGE_CACHE_SECONDS late.
    """
    request = context.get("request")
    now = timezone.now()
    horizon = now + timedelta(seconds=getattr(settings, "PAGE_CACHE_SECONDS", 0))
    rows = [a for a in _scheduled_announcements(now) if a.starts_at <= horizon and (not a.ends_at or a.ends_at > now)]
    # Not on the very page a banner leads to: there it only pushes the content the reader came for further down.
    here = getattr(context.get("page"), "pk", None)
    shown = [a for a in rows if a.starts_at <= now and not (here and a.link_page_id == here)]
    current = shown[: Announcement.MAX_SHOWN]
    if request is not None and any(a.starts_at > now or (a.ends_at and a.ends_at <= horizon) for a in rows):
        page_cache.dont_cache(request)
    return {"announcements": [(a, a.get_link_url(request)) for a in current]}


def _scheduled_announcements(now):
    """The announcements current at `now` or starting within the lifetime of anything built now, newest first.

    Read once per request (home/cache.py `site_data`); it looks ahead a page's lifetime, so a cached page plans
    for every announcement that starts while it is served. Bounded: a handful of announcements at most are ever
    scheduled that close together.
    """
    ahead = getattr(settings, "PAGE_CACHE_SECONDS", 0)

    def build():
        upcoming = Announcement.objects.current_or_starting_by(now, now + timedelta(seconds=ahead))
        return list(upcoming.select_related("link_page")[:20])

    return page_cache.site_data("announcements", build)


@register.inclusion_tag("news/includes/feed_links.html", takes_context=True)
def news_feed_links(context):
    """<link rel="alternate"> for the news feeds; no query (the site settings are already in the context)."""
    site_settings = context.get("settings")
    short_name = site_settings["home"]["SiteSettings"].short_name if site_settings else ""
    return {"rss_url": feed_url("rss"), "atom_url": feed_url("atom"), "short_name": short_name}


@register.filter
def url_host(url):
    """'https://siola.kemendagri.go.id/x' -> 'siola.kemendagri.go.id': where a link really leads."""
    return urlsplit(str(url or "")).hostname or ""


@register.inclusion_tag("news/includes/share_links.html", takes_context=True)
def share_links(context, page, heading=None):
    """Plain links to share a page (an article, an event, a consultation, a guide): no third-party script, nothing
    loaded from another host. `heading` names what is shared; an article's by default."""
    url = page.get_full_url(context.get("request"))
    text = f"{page.title} {url}"
    return {
        "url": url,
        "heading": heading,
        "links": [
            ("WhatsApp", f"https://wa.me/?text={quote(text)}"),
            ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}"),
            ("X", f"https://x.com/intent/post?text={quote(page.title)}&url={quote(url, safe='')}"),
        ],
    }


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, page, tags=()):
    """schema.org NewsArticle for search engines: headline, dates with zone, image, publisher, author."""
    request = context.get("request")
    site_settings = context["settings"]["home"]["SiteSettings"]
    url = page.get_full_url(request)
    publisher = {
        "@type": "GovernmentOrganization",
        "name": site_settings.agency_name,
        "url": siteurl.absolute("/"),
        "logo": {"@type": "ImageObject", "url": agency_logo_url(site_settings)},
    }
    published = timezone.localtime(page.date).replace(microsecond=0)
    modified = timezone.localtime(max(page.last_published_at or page.date, page.date)).replace(microsecond=0)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.summary,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "inLanguage": "id",
        "articleSection": page.category.name,
        "publisher": publisher,
        "author": [{"@type": "Person", "name": page.reporter}] if page.reporter else [publisher],
    }
    # The article's photo, else the site's default sharing image: the same URL as the page's og:image.
    image = share_image_url(page, request)
    if image:
        data["image"] = [image]
    keywords = [tag.name for tag in tags]
    if keywords:
        data["keywords"] = keywords
    if page.source_url:
        data["isBasedOn"] = page.source_url
    return json_ld_script(data)
