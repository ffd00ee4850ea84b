"""home/routing.py finds the page for a URL in one query for the path: it must answer exactly as Wagtail's walk
down the tree does, for every kind of path, and cost the same whatever the depth."""

import warnings

import pytest
from django.core.cache.backends.base import CacheKeyWarning
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from feedback.models import FeedbackPage
from home.models import StandardPage
from tests.factories import make_page


def outcome(route, request, components):
    """What a route call decides: the page and the routable view with its arguments, or 404."""
    try:
        page, args, kwargs = route(request, components)
    except Http404:
        return "404"
    view = args[0].__name__ if args else None
    return (page.pk, type(page).__name__, view, tuple(args[1:]), tuple(sorted(kwargs.items())))


@pytest.fixture
def tree(home_page):
    profil = make_page(home_page, StandardPage, title="Profil", slug="profil")
    visi = make_page(profil, StandardPage, title="Visi", slug="visi")
    make_page(visi, StandardPage, title="Misi", slug="misi")
    draft = make_page(home_page, StandardPage, title="Arsip", slug="arsip", publish=False)
    make_page(draft, StandardPage, title="Lama", slug="lama")  # live under a draft parent: Wagtail serves it
    feedback = make_page(home_page, FeedbackPage, title="Saran", slug="saran")
    # A child whose slug is also one of the routable parent's own routes: the route wins in Wagtail.
    make_page(feedback, StandardPage, title="Terkirim", slug="terkirim")
    make_page(feedback, StandardPage, title="Lampiran", slug="lampiran")
    return home_page


PATHS = [
    "",
    "profil",
    "profil/visi",
    "profil/visi/misi",
    "profil/visi/misi/tidak-ada",
    "profil/tidak-ada/misi",
    "tidak-ada",
    "arsip",  # a draft: 404
    "arsip/lama",
    "saran",  # routable page, its "" route
    "saran/terkirim",  # its own route, not the child page of the same slug
    "saran/status/ABC123",  # a route with an argument
    "saran/lampiran",  # no route matches: the child page
    "saran/lampiran/lebih",
    "profil/visi/",
    "PROFIL",
    "profil/%F0%9F%99%82",
]


@pytest.mark.parametrize("path", PATHS)
def test_the_shortcut_answers_as_wagtails_walk_does(tree, path):
    request = RequestFactory().get("/" + path)
    components = [part for part in path.split("/") if part]
    root = Page.objects.get(pk=tree.pk).specific
    wagtail = outcome(lambda r, c: Page.route(root, r, c), request, components)
    assert outcome(root.route, request, components) == wagtail


def test_a_deep_page_is_found_in_two_queries_whatever_its_depth(tree, client):
    root = Page.objects.get(pk=tree.pk).specific
    request = RequestFactory().get("/")
    counts = []
    for path in (["profil"], ["profil", "visi"], ["profil", "visi", "misi"]):
        with CaptureQueriesContext(connection) as queries:
            page = root.route(request, path).page
        assert page.slug == path[-1]
        counts.append(len(queries))
    # The pages along the path, then the last one as its own type (Wagtail's walk: two per level).
    assert counts == [2, 2, 2]


def test_pages_are_served_through_the_shortcut(tree, client):
    assert client.get("/profil/visi/misi/").status_code == 200
    assert client.get("/arsip/").status_code == 404
    assert client.get("/arsip/lama/").status_code == 200
    assert client.get("/saran/lampiran/").status_code == 200


def test_a_renamed_or_moved_page_is_found_at_its_new_address(tree, client):
    assert client.get("/profil/visi/misi/").status_code == 200
    misi = StandardPage.objects.get(slug="misi")
    misi.slug = "misi-baru"
    misi.save_revision().publish()
    assert client.get("/profil/visi/misi-baru/").status_code == 200
    assert client.get("/profil/visi/misi/").status_code in (301, 302, 404)  # Wagtail may leave a redirect
    misi.refresh_from_db()
    misi.move(Page.objects.get(slug="profil"), pos="last-child")
    assert "Misi" in client.get("/profil/misi-baru/").content.decode()
    assert client.get("/profil/visi/misi-baru/").status_code in (301, 302, 404)


def test_any_path_makes_a_valid_cache_key(tree, client):
    # Whatever path a visitor makes up, nothing it leads to (fragments, the page cache) makes an invalid cache key.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for path in ("/profil/ada spasi/", "/" + "panjang-" * 60 + "/", "/profil/%E2%80%8B/"):
            assert client.get(path).status_code == 404
    assert not [w for w in caught if issubclass(w.category, CacheKeyWarning)]
