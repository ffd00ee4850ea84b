"""Varnish (deploy/varnish.vcl) in front of the live server, purged by wagtail.contrib.frontend_cache: a second
request is a Varnish hit; publishing a change and a registration reach the next request through Varnish; a response
that sets a cookie or is private is never stored. Skipped where varnishd is not installed (Debian `varnish`),
except under .ci/run (REQUIRE_SERVICES), where that is a failure."""

import os

import pytest
import requests
from django.test import Client
from wagtail.models import Site

from deploy import varnish_local
from events.models import Registration
from home import front_cache
from home.models import SiteSettings
from tests.factories import make_page
from tests.factories.events import make_event
from tests.support.event_forms import hidden_fields


@pytest.fixture
def varnish(live_server):
    if varnish_local.VARNISHD is None:
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail("varnishd not found; .ci/run installs Debian's varnish package")
        pytest.skip("varnishd is not installed (Debian package `varnish`)")
    with varnish_local.running(int(live_server.url.rsplit(":", 1)[1])) as url:
        yield url


@pytest.fixture
def site(varnish, settings, django_db_serialized_rollback, transactional_db):
    """The Wagtail site answers at Varnish's address, so the URLs Wagtail purges are the ones readers ask for."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": varnish}
    }
    settings.FRONT_CACHE_SECONDS = 300
    port = int(varnish.rsplit(":", 1)[1])
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=port)
    SiteSettings.objects.get_or_create()
    return Site.objects.get(is_default_site=True).root_page.specific


def get(url, session=None):
    return (session or requests).get(url, timeout=30, allow_redirects=False)


def test_a_public_page_is_a_varnish_hit_and_publishing_reaches_the_next_reader(varnish, site):
    page = make_page(site, title="Profil Badan", slug="profil")
    first = get(varnish + "/profil/")
    assert first.status_code == 200 and first.headers["X-Front-Cache"] == "MISS"
    assert "s-maxage=300" in first.headers["Cache-Control"] and "public" in first.headers["Cache-Control"]
    second = get(varnish + "/profil/")
    assert second.headers["X-Front-Cache"] == "HIT" and int(second.headers["Age"]) >= 0
    assert second.text == first.text

    page.title = "Profil Badan Kesbangpol"
    page.save_revision().publish()  # Wagtail's signal handler sends the PURGE
    after = get(varnish + "/profil/")
    assert after.headers["X-Front-Cache"] == "MISS" and "Profil Badan Kesbangpol" in after.text
    assert get(varnish + "/profil/").headers["X-Front-Cache"] == "HIT"

    page.unpublish()
    assert get(varnish + "/profil/").status_code == 404


def test_a_registration_reaches_the_cached_event_page_through_varnish(varnish, site):
    event = make_event(site, capacity=5, title="FGD Wawasan Kebangsaan")
    assert "5 kursi tersisa" in get(varnish + event.url).text
    assert get(varnish + event.url).headers["X-Front-Cache"] == "HIT"

    visitor = requests.Session()
    form_page = get(varnish + event.registration_url(), visitor)
    assert form_page.headers["X-Front-Cache"] == "MISS" and "private" in form_page.headers["Cache-Control"]
    data = hidden_fields(form_page.text)
    data.update(
        full_name="Rina Wulandari",
        email="rina@contoh.example",
        phone="0812-3456-7890",
        organisation="BEM Universitas Palangka Raya",
        category=str(event.categories.get().category_id),
        consent="on",
        website="",
    )
    done = visitor.post(varnish + event.registration_url(), data=data, timeout=30, allow_redirects=False)
    assert done.status_code == 302, done.text[:1000]
    assert Registration.objects.filter(event=event).count() == 1

    after = get(varnish + event.url)
    assert after.headers["X-Front-Cache"] == "MISS" and "4 kursi tersisa" in after.text


def test_personal_responses_are_never_stored(varnish, site):
    event = make_event(site, capacity=5, title="FGD Moderasi")
    # The form page: private and sets the CSRF cookie; each visitor gets their own from the backend.
    a, b = get(varnish + event.registration_url()), get(varnish + event.registration_url())
    assert a.headers["X-Front-Cache"] == b.headers["X-Front-Cache"] == "MISS"
    assert "csrftoken" in a.headers.get("Set-Cookie", "") and "no-store" in a.headers["Cache-Control"]
    token = hidden_fields(a.text)["csrfmiddlewaretoken"]
    assert token not in b.text
    # A visitor with a session (an editor) is passed to the backend, even for a page Varnish holds.
    make_page(site, title="Jadwal", slug="jadwal")
    get(varnish + "/jadwal/"), get(varnish + "/jadwal/")
    editor = requests.get(varnish + "/jadwal/", cookies={"sessionid": "x"}, timeout=30)
    assert editor.headers["X-Front-Cache"] == "MISS"
    # The admin is never stored.
    assert (
        get(varnish + "/admin/login/").headers["X-Front-Cache"]
        == get(varnish + "/admin/login/").headers["X-Front-Cache"]
        == "MISS"
    )


def test_purges_come_only_from_the_loopback_and_without_a_purge_url_nothing_is_sent(varnish, site, settings):
    assert requests.request("PURGE", varnish + "/", timeout=10).status_code == 200  # from 127.0.0.1
    settings.WAGTAILFRONTENDCACHE = {}
    assert not front_cache.enabled()
    settings.FRONT_CACHE_SECONDS = 0
    assert "s-maxage" not in Client().get("/").get("Cache-Control", "")


@pytest.mark.django_db
def test_only_shareable_pages_carry_s_maxage(settings, home_page, client, django_user_model):
    """Without Varnish: the headers the VCL relies on. Public pages get s-maxage; personal answers private, no-store."""
    settings.FRONT_CACHE_SECONDS = 60
    SiteSettings.objects.get_or_create()
    make_page(home_page, title="Profil", slug="profil")
    event = make_event(home_page, capacity=3, title="FGD Uji")
    for path in ("/profil/", event.url):
        first, second = Client().get(path), Client().get(path)
        assert first["Cache-Control"] == second["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=60"
    form = Client().get(event.registration_url())
    assert "private" in form["Cache-Control"] and "no-store" in form["Cache-Control"]
    assert "s-maxage" not in form["Cache-Control"]
    editor = django_user_model.objects.create_superuser("redaksi", "redaksi@contoh.example", "x")
    client.force_login(editor)
    mine = client.get("/profil/")
    assert mine["X-Cache"] == "BYPASS" and "private" in mine["Cache-Control"] and "no-store" in mine["Cache-Control"]
