"""Site-wide views: search, robots.txt, favicon, the server error page."""

import sys
import unicodedata
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

from . import siteurl
from .middleware import unavailable_response

SEARCH_MAX_LENGTH = 200
SEARCH_PER_PAGE = 10


def clean_query(raw):
    """The query as the reader typed it, minus control and invisible characters (PostgreSQL refuses NUL), one
    space between words, at most SEARCH_MAX_LENGTH characters. Shown back to the reader (escaped)."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in raw)
    return " ".join(text.split())[:SEARCH_MAX_LENGTH]


def search_terms(query):
    """Only the words of the query: letters, digits and combining marks. Punctuation is syntax to the full-text
    engines (SQLite FTS5 fails on a stray quote or semicolon), and nobody searches for it."""
    text = "".join(ch if unicodedata.category(ch)[0] in "LNM" else " " for ch in query)
    return " ".join(text.split())


def ranked_search(terms):
    """The live public pages that match `terms`, best first: guidance (page types with `search_first`, BasePage), then
    pages whose title matches, then the rest; within each group in the search backend's order of relevance.

    Why groups and not boosts: Wagtail's database backend (wagtail/django-modelsearch, modelsearch/backends/database)
    honours `index.SearchField(..., boost=...)` on PostgreSQL only, as the tsvector weights A-D written when a page
    is indexed; Wagtail's own title boost (Page.search_fields: boost=2) already ranks title matches first there. The
    SQLite backend ignores boosts: it ranks by FTS5's bm25() over the title and body columns alike, times a factor
    (title_norm) that grows as the title gets shorter whether or not the title matched, so the page "Profil" came
    first for "ormas". Neither has a boost per page type. Groups rank the same on both (tests/news/test_search.py).
    Wagtail docs: https://docs.wagtail.org/en/stable/topics/search/indexing.html (boosting) and
    https://docs.wagtail.org/en/stable/topics/search/searching.html (`fields`, `order_by_relevance`).

    Two queries, whatever the number of matches: the pages (Page rows, not their specific types) and those whose
    title matches (`search(..., fields=["title"])`: the backend's own matching, with stemming on PostgreSQL).
    """
    pages = Page.objects.live().public().filter(depth__gt=1)
    found = list(pages.search(terms))
    in_title = {page.pk for page in pages.search(terms, fields=["title"], order_by_relevance=False)}

    def group(page):
        return (not getattr(page.specific_class, "search_first", False), page.pk not in in_title)

    return sorted(found, key=group)  # sorted() is stable: the backend's order stays within each group


def specific_results(pages):
    """`pages` as their specific types, in the same order, each type read with the objects its type and date show
    (`search_result_related`, e.g. a news article's category, joined): one query per page type, whatever the number
    of results. The pages already carry their content type, so the id-and-type query that Wagtail's `.specific()`
    starts with is not needed."""
    pks_by_type = defaultdict(list)
    for page in pages:
        pks_by_type[page.content_type_id].append(page.pk)
    by_pk = {}
    for content_type_id, pks in pks_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page  # a removed type: plain page
        rows = model.objects.filter(pk__in=pks).select_related(*getattr(model, "search_result_related", ()))
        by_pk.update((page.pk, page) for page in rows.defer_streamfields())
    return [by_pk[page.pk] for page in pages if page.pk in by_pk]


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    paginator = Paginator(ranked_search(terms) if terms else [], SEARCH_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    page_obj.object_list = specific_results(page_obj.object_list)
    return render(
        request,
        "home/search.html",
        {"query": query, "page_obj": page_obj, "paginator": paginator},
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = siteurl.absolute("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cari/",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    return HttpResponsePermanentRedirect(static("home/img/favicon.ico"))


def page_not_found(request, exception, template_name="404.html"):
    """handler404: Django's view without its CSRF wrapper. The wrapper *checks* a POST's token, which reads the
    body: a POST with too many fields to an address no view answers (one outside Wagtail's page URLs, such as
    /x.ics) then failed again inside the 404 page and became a 500. The page only needs a token for its templates,
    which get_token() provides without reading anything."""
    get_token(request)
    return defaults.page_not_found.__wrapped__(request, exception, template_name)


def bad_request(request, exception, template_name="400.html"):
    """handler400, for the same reason: the 400 for an unreadable body must not read the body again."""
    get_token(request)
    return defaults.bad_request.__wrapped__(request, exception, template_name)


def server_error(request, template_name="500.html"):
    """handler500: the database or disk failure pages (503/507) for errors raised outside views, else the plain
    500 page with the Content-Security-Policy nonce for its one inline <style>.

    Django calls this inside its exception handler, so sys.exc_info() is the error being handled. Like Django's
    own view it renders without the request context and without the database: whatever broke the page must not
    break the error page too.
    """
    response = unavailable_response(sys.exc_info()[1])
    if response is not None:
        return response
    nonce = getattr(request, "csp_nonce", None)
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({"csp_nonce": str(nonce) if nonce is not None else ""}))
