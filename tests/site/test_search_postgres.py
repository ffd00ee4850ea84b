"""On PostgreSQL, site search uses the 'indonesian' text search configuration (WAGTAILSEARCH_BACKENDS)."""

import pytest
from django.db import connection

from tests.factories import make_page


@pytest.mark.django_db
def test_search_finds_other_forms_of_an_indonesian_word(client, home_page):
    if connection.vendor != "postgresql":
        pytest.skip("Indonesian stemming is PostgreSQL's; SQLite's full-text search has none")
    make_page(home_page, title="Cara mendaftarkan ormas", slug="cara-mendaftarkan", intro="Langkah demi langkah.")
    make_page(home_page, title="Jadwal kegiatan", slug="jadwal", intro="Forum dan dialog.")
    # "pendaftaran" and "mendaftarkan" share the stem "daftar" only with the Indonesian configuration.
    body = client.get("/cari/", {"q": "pendaftaran"}).content.decode()
    assert 'href="/cara-mendaftarkan/"' in body
    assert 'href="/jadwal/"' not in body
