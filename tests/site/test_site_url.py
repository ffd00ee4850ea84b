"""SITE_URL, the public address: the default Wagtail site follows it after `migrate` and `manage.py sync_site`, and
every absolute link a visitor or a crawler is given names it, whatever Host the request came in on.

The test settings set SITE_URL to https://kesbangpol.test; the test client's own host is "testserver", and
"localhost" stands for a forged or internal Host header (it is in the test ALLOWED_HOSTS, as it is by default).
"""

import io
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Site

from tests.factories import make_page

PUBLIC = "https://kesbangpol.kaltengprov.go.id"
FORGED = {"HTTP_HOST": "localhost", "HTTP_X_FORWARDED_HOST": "evil.example"}


def as_wagtail_migration_left_it():
    """The default site as Wagtail's initial migration creates it (localhost:80), which nothing used to correct."""
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)


def default_site():
    return Site.objects.get(is_default_site=True)


def test_the_test_database_was_migrated_onto_site_url(db):
    site = default_site()
    assert (site.hostname, site.port, site.root_url) == ("kesbangpol.test", 443, "https://kesbangpol.test")


def test_migrate_points_the_default_site_at_site_url(db, settings):
    as_wagtail_migration_left_it()
    settings.SITE_URL = PUBLIC
    call_command("migrate", verbosity=0)
    site = default_site()
    assert (site.hostname, site.port) == ("kesbangpol.kaltengprov.go.id", 443)
    assert site.root_page.get_full_url() == PUBLIC + "/"


def test_sync_site_command_corrects_the_site_once_and_then_changes_nothing(db, settings):
    as_wagtail_migration_left_it()
    settings.SITE_URL = "http://127.0.0.1:8000"

    def run():
        out = io.StringIO()
        call_command("sync_site", stdout=out)
        return out.getvalue()

    assert "localhost:80 -> 127.0.0.1:8000" in run()
    assert (default_site().hostname, default_site().port) == ("127.0.0.1", 8000)
    assert run().strip() == "The site already answers to http://127.0.0.1:8000."
    assert default_site().root_url == "http://127.0.0.1:8000"


def test_page_links_for_crawlers_name_site_url_whatever_the_host_header(client, home_page):
    page = make_page(home_page, title="Profil", slug="profil", intro="Tentang kami.")
    soup = BeautifulSoup(client.get(page.url, **FORGED).content, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == "https://kesbangpol.test/profil/"
    assert soup.find("meta", property="og:url")["content"] == "https://kesbangpol.test/profil/"

    sitemap = ElementTree.fromstring(client.get("/sitemap.xml", **FORGED).content)
    locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://kesbangpol.test/profil/" in locs
    assert all(loc.startswith("https://kesbangpol.test/") for loc in locs), locs

    robots = client.get("/robots.txt", **FORGED).content.decode()
    assert "Sitemap: https://kesbangpol.test/sitemap.xml" in robots


@pytest.mark.parametrize(
    "url, problem",
    [
        ("ftp://kesbangpol.kaltengprov.go.id", "http(s)"),
        ("https://kesbangpol.kaltengprov.go.id/portal/", "root of the site"),
        ("https://kesbangpol.kaltengprov.go.id:8443", "https on port 443"),
    ],
)
def test_an_address_wagtail_cannot_serve_is_refused_in_every_environment(url, problem):
    from home.siteurl import parse

    with pytest.raises(ValueError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        parse(url)
