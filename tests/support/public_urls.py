"""Every public URL of the site, discovered rather than listed, so new pages and views are covered automatically.

- Pages: whatever the sitemap lists (every live, public Wagtail page of any app).
- Links: every same-site link on those pages (documents, pagination, filters, feeds).
- Views: every pattern in the URLconf outside the admin. Parameters are filled with values that match nothing
  (`/documents/999999/tidak-ada/`), so the view's not-found path is exercised too. Regex patterns with groups
  (Wagtail's page catch-all) are left to the sitemap.
"""

import re
from urllib.parse import urlparse
from xml.etree import ElementTree

from bs4 import BeautifulSoup
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

NOT_PUBLIC_PREFIXES = ("admin/",)
SAMPLE_VALUES = {
    "int": "999999",
    "slug": "tidak-ada",
    "str": "tidak-ada",
    "path": "tidak/ada",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _pattern_path(pattern):
    if isinstance(pattern, RoutePattern):
        return _PARAM.sub(lambda m: SAMPLE_VALUES.get(m["converter"] or "str", "tidak-ada"), str(pattern._route))
    if isinstance(pattern, RegexPattern):
        regex = pattern._regex
        if "(" in regex or any(ch in regex.replace("\\.", "") for ch in "[]*+?|{}"):
            return None
        return regex.lstrip("^").rstrip("$").replace("\\.", ".").replace("\\/", "/")
    return None


def urlconf_paths(urlconf=None):
    """Paths for every non-admin pattern of the URLconf, parameters filled with SAMPLE_VALUES."""
    paths = set()

    def walk(patterns, prefix):
        for entry in patterns:
            part = _pattern_path(entry.pattern)
            if part is None:
                continue
            full = prefix + part
            if full.startswith(NOT_PUBLIC_PREFIXES):
                continue
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, full)
            elif isinstance(entry, URLPattern):
                paths.add("/" + full)

    walk(get_resolver(urlconf).url_patterns, "")
    return paths


def sitemap_paths(sitemap_xml):
    root = ElementTree.fromstring(sitemap_xml)
    return {urlparse(loc.text).path for loc in root.findall("s:url/s:loc", SITEMAP_NS)}


def is_public(path):
    return path.startswith("/") and not path.startswith(tuple("/" + p for p in NOT_PUBLIC_PREFIXES))


def linked_paths(html):
    """Same-site links (path and query) in a page; absolute links to other hosts are not ours to test."""
    paths = set()
    for link in BeautifulSoup(html, "html.parser").find_all("a", href=True):
        url = urlparse(link["href"])
        if url.scheme in ("", "http", "https") and url.netloc in ("", "localhost", "testserver") and url.path:
            path = url.path + (f"?{url.query}" if url.query else "")
            if is_public(path):
                paths.add(path)
    return paths


def public_paths(get):
    """All public paths; `get(path)` returns the body of a GET (test client or live server)."""
    pages = sitemap_paths(get("/sitemap.xml"))
    paths = pages | urlconf_paths()
    for page in sorted(pages):
        paths |= linked_paths(get(page))
    return sorted(p for p in paths if is_public(p))
