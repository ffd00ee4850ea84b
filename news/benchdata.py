"""Articles for bench/scale.py (the contract is in its docstring): make Berita hold `count` articles.

Creating 10,000 pages through `add_child` (a revision, signals, search indexing and a tree update each) takes
hours on the shared 2-core machine, so this writes the rows in bulk instead: the page rows with their tree paths
computed the way treebeard does, the article rows, their tags, and the search index entries through the search
backend's own bulk call. Only for the benchmark's throwaway database: no revisions, no log entries, no signals
(the page cache is off while the benchmark measures, and is purged once at the end).
"""

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

SLUG_PREFIX = "uji-skala-berita"
WORDS = ["ormas", "kamtibmas", "kebangsaan", "pemilu", "forum", "dialog", "pembinaan", "wawasan", "politik", "desa"]
BATCH = 500


def _article_fields(n, index, content_type, categories, images, now):
    """The page row and the article row of article number `n` (the oldest is number 0)."""
    from wagtail.models import Page

    from news.models import NewsPage

    words = " ".join(WORDS[(n + i) % len(WORDS)] for i in range(12))
    slug = f"{SLUG_PREFIX}-{n:05d}"
    title = f"Kabar uji skala {n:05d}: {WORDS[n % len(WORDS)]} dan {WORDS[(n + 3) % len(WORDS)]}"
    # Older articles further back in time, one every six hours: 10,000 of them span about seven years.
    published = now - dt.timedelta(days=1) - dt.timedelta(hours=6) * (100_000 - n)
    page = Page(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        locale_id=index.locale_id,
        translation_key=uuid.uuid4(),
        url_path=f"{index.url_path}{slug}/",
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        numchild=0,
        depth=index.depth + 1,
    )
    article = NewsPage(
        date=published,
        category=categories[n % len(categories)],
        summary=f"Uji skala nomor {n}. {words}.",
        hero_image=images[n % len(images)] if images else None,
        hero_alt="Foto kegiatan" if images else "",
        body=[("paragraph", f"<p>Berita uji skala nomor {n}. {words}.</p>")],
    )
    return page, article


def grow(count, stdout):
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag
    from wagtail.images import get_image_model
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from home import cache as page_cache
    from news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag

    index = NewsIndexPage.objects.get()
    have = NewsPage.objects.child_of(index).count()
    if have >= count:
        return
    content_type = ContentType.objects.get_for_model(NewsPage)
    categories = list(NewsCategory.objects.order_by("sort_order", "pk"))
    images = list(get_image_model().objects.order_by("pk")[:5])
    tags = [Tag.objects.get_or_create(slug=word, defaults={"name": word})[0] for word in WORDS]
    now = timezone.now()
    first = NewsPage.objects.filter(slug__startswith=SLUG_PREFIX).count()
    made = 0
    while have + made < count:
        batch = range(first + made, first + made + min(BATCH, count - have - made))
        with transaction.atomic():
            index = NewsIndexPage.objects.select_for_update().get(pk=index.pk)
            last = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).order_by("-path").first()
            step = Page._str2int(last.path[-Page.steplen :]) if last else 0
            pages, articles = [], []
            for offset, n in enumerate(batch, start=1):
                page, article = _article_fields(n, index, content_type, categories, images, now)
                page.path = Page._get_path(index.path, index.depth + 1, step + offset)
                pages.append(page)
                articles.append(article)
            Page.objects.bulk_create(pages)
            for page, article in zip(pages, articles, strict=True):
                article.page_ptr_id = article.id = page.pk
            # bulk_create refuses multi-table models; _insert writes just the article table's rows, in one query.
            fields = [f for f in NewsPage._meta.local_concrete_fields if not f.primary_key] + [NewsPage._meta.pk]
            NewsPage.objects._insert(articles, fields=fields, raw=True)
            NewsPageTag.objects.bulk_create(
                NewsPageTag(content_object_id=page.pk, tag=tags[(n + k) % len(tags)])
                for page, n in zip(pages, batch, strict=True)
                for k in range(2)
            )
            Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))
        get_search_backend().add_bulk(NewsPage, list(NewsPage.objects.filter(pk__in=[p.pk for p in pages])))
        made += len(pages)
        stdout.write(f"  {have + made}/{count} articles\n")
        stdout.flush()
    page_cache.purge_all()


def urls():
    from news.models import NewsIndexPage, NewsPage
    from news.models.news import NEWS_PER_PAGE

    index = NewsIndexPage.objects.get()
    pages = max(1, -(-NewsPage.objects.child_of(index).live().count() // NEWS_PER_PAGE))
    article = NewsPage.objects.filter(slug=f"{SLUG_PREFIX}-00042").first() or NewsPage.objects.live().first()
    return {
        "news index": index.url,
        # "Deep" is the middle of the archive: the page OFFSET costs most to reach relative to its peers.
        "news index, deep page": f"{index.url}?page={max(1, pages // 2)}",
        "article": article.url,
        "search, common words": "/cari/?q=kamtibmas+pemilu",
        "search, common words, page 20": "/cari/?q=kamtibmas&page=20",
        "search, rare word": "/cari/?q=00042",
    }
