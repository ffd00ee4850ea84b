"""home/visibility.py keeps the private sections and the request's site in the shared cache: the answers must be
Wagtail's, and a change must reach the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from home import cache as page_cache
from home import visibility
from home.models import StandardPage
from tests.factories import make_page


def wagtails_private_q(queryset):
    """Wagtail's own PageQuerySet.private_q, which visibility.install() replaced."""
    q = None
    for restriction in PageViewRestriction.objects.select_related("page"):
        part = queryset.descendant_of_q(restriction.page, inclusive=True)
        q = part if q is None else q | part
    return q


@pytest.fixture
def sections(home_page):
    public = make_page(home_page, StandardPage, title="Profil", slug="profil")
    make_page(public, StandardPage, title="Visi", slug="visi")
    private = make_page(home_page, StandardPage, title="Internal", slug="internal")
    make_page(private, StandardPage, title="Notulen", slug="notulen")
    nested = make_page(public, StandardPage, title="Rapat", slug="rapat")
    return home_page, private, nested


def test_public_and_not_public_match_wagtail(sections):
    _home, private, nested = sections
    assert PageQuerySet.private_q is visibility.private_q
    every = set(Page.objects.values_list("pk", flat=True))
    assert set(Page.objects.public().values_list("pk", flat=True)) == every  # nothing private yet
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=nested, restriction_type=PageViewRestriction.PASSWORD, password="x")
    expected_private = set(Page.objects.filter(wagtails_private_q(Page.objects.all())).values_list("pk", flat=True))
    assert expected_private == {private.pk, nested.pk, *private.get_descendants().values_list("pk", flat=True)}
    assert set(Page.objects.not_public().values_list("pk", flat=True)) == expected_private
    assert set(Page.objects.public().values_list("pk", flat=True)) == every - expected_private


def test_public_listings_read_the_sections_once_per_request(sections):
    with page_cache.request_scope(), CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            list(Page.objects.live().public())
    assert len(queries) == 1 + 3  # the sections once, then the three listings themselves


def test_a_page_made_private_is_hidden_from_the_next_request_and_public_again_after(sections, client):
    _home, private, _nested = sections
    page = make_page(private, StandardPage, title="Daftar hadir", slug="daftar-hadir", intro="Isi yang rahasia.")
    assert "Isi yang rahasia." in client.get(page.url).content.decode()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    response = client.get(page.url)
    assert "Isi yang rahasia." not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    PageViewRestriction.objects.all().delete()
    assert "Isi yang rahasia." in client.get(page.url).content.decode()


def test_an_alias_anywhere_sends_every_page_to_wagtails_own_check(sections, client):
    home, private, _nested = sections
    notulen = private.get_children().first().specific
    PageViewRestriction.objects.create(page=notulen, restriction_type=PageViewRestriction.LOGIN)
    # An alias of a private page, placed in the public part of the site, is just as private (Wagtail's rule: the
    # alias takes the restrictions of the page it copies), though its own path is in no private section.
    alias = notulen.create_alias(parent=home, update_slug="salinan-notulen")
    assert alias.get_view_restrictions().exists()
    response = client.get("/salinan-notulen/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_the_site_is_looked_up_once_per_request_and_follows_changes(sections, client):
    assert client.get("/profil/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get("/profil/visi/")
    assert len([q for q in queries if 'FROM "wagtailcore_site"' in q["sql"]]) == 1
    # A new root for the site is used by the next request.
    site = Site.objects.get(is_default_site=True)
    site.root_page = Page.objects.get(slug="profil")
    site.save()
    assert client.get("/visi/").status_code == 200
