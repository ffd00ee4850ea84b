"""Every ormas page is in the sitemap (served by OrmasIndexPage's route, so Wagtail does not list it by itself)."""

import pytest

from tests.ormas.conftest import URL, make_ormas

pytestmark = pytest.mark.django_db


def test_each_ormas_page_is_in_the_sitemap_and_answers(client, index_page):
    rows = [make_ormas(name=f"Perkumpulan Peta Situs {n}") for n in range(3)]
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"{URL}</loc>" in sitemap
    for ormas in rows:
        location = f"{URL}{ormas.slug}/"
        assert f"{location}</loc>" in sitemap
        assert client.get(location).status_code == 200


def test_the_sitemap_reads_the_same_number_of_queries_for_2_and_8_ormas(client, index_page):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap.xml").status_code == 200
        return len(queries)

    for _ in range(2):
        make_ormas()
    count()  # the first request also creates what every later one reads (the site token, the settings row)
    two = count()
    for _ in range(6):
        make_ormas()
    assert count() == two
