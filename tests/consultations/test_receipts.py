"""Consultation receipts (issue 15: a code is no key). Reference codes are sequential, like feedback codes; they stay
harmless only while nothing public takes one."""

import pytest
from django.core.cache import cache
from django.test import Client

from consultations.models import ConsultationIndexPage, ConsultationPage, ConsultationResponse
from home.models import OutboxMessage
from tests.consultations.test_consultations import answer, consultation
from tests.factories import make_page


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def index(home_page):
    return make_page(home_page, ConsultationIndexPage, title="Konsultasi Publik", slug="konsultasi-publik")


def test_a_reference_code_opens_nothing_and_only_the_responding_browser_sees_its_receipt(index, client):
    """Reference codes are sequential, like feedback codes; they stay harmless only while nothing public takes one:
    the receipt is kept in the responder's session, and no route looks a response up by code or address. A lookup
    added here would need a secret, as the feedback status has (docs/security.md)."""
    page = consultation(index)
    client.post(page.url, answer(page))
    stored = ConsultationResponse.objects.get()
    assert client.get(page.url + "terkirim/").status_code == 200

    stranger = Client()
    assert stranger.get(page.url + "terkirim/")["Location"] == page.url
    for path in (
        f"terkirim/{stored.reference_code}/",
        f"status/{stored.reference_code}/",
        f"status/?kode={stored.reference_code}&email=yohana@contoh.id",
    ):
        assert stranger.get(page.url + path).status_code == 404, path
    assert {str(route.pattern) for route in ConsultationPage.get_subpage_urls()} == {"", "terkirim/"}
    ack = OutboxMessage.objects.get(key=f"consultation:{stored.reference_code}:received")
    assert "kode=" not in ack.body_text, "the mail links the public page, not a lookup"
