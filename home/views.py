"""Site-wide views: search, robots.txt, favicon."""

import sys
import unicodedata

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

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


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    results = Page.objects.live().public().filter(depth__gt=1).specific().search(terms) if terms else []
    paginator = Paginator(results, SEARCH_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "home/search.html",
        {"query": query, "page_obj": page_obj, "paginator": paginator},
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
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


def server_error(request):
    """handler500: the database or disk failure pages for errors raised outside views, else the plain 500 page.

    Django calls this inside its exception handler, so sys.exc_info() is the error being handled.
    """
    response = unavailable_response(sys.exc_info()[1])
    return response or HttpResponseServerError(render_to_string("500.html"))
