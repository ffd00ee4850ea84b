"""The event page with open registration is the same for every visitor and served from the page cache; the form,
with each visitor's tokens, lives at `<event-url>daftar/` and is never stored (docs/performance.md, "Event pages")."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from events.models import Registration
from home.models import SiteSettings
from tests.factories.events import make_event
from tests.support.event_forms import click_confirmation, form_url, registration_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings_exist(db):
    # The first page view would create the settings row, and that save purges the cache (tests/site/test_page_cache.py).
    SiteSettings.objects.get_or_create()


@pytest.fixture
def event(home_page):
    return make_event(home_page, capacity=5, title="FGD Wawasan Kebangsaan")


def seats_text(html):
    return BeautifulSoup(html, "html.parser").select_one(".event-registration__seats").get_text(" ", strip=True)


def test_a_second_anonymous_visitor_gets_the_event_page_from_the_cache(event):
    first = Client().get(event.url)
    assert first.status_code == 200 and first["X-Cache"] == "MISS"
    second = Client().get(event.url)
    assert second["X-Cache"] == "HIT"
    html = second.content.decode()
    assert "csrfmiddlewaretoken" not in html and "form_started" not in html and "submission_token" not in html
    assert not second.cookies, "a cached page sets no cookie"
    link = BeautifulSoup(html, "html.parser").select_one("#pendaftaran a.button")
    assert link["href"] == form_url(event) and link.get_text(strip=True) == "Daftar"
    assert seats_text(html) == "5 kursi tersisa"


def test_the_form_route_is_never_stored_and_each_visitor_gets_own_tokens(event):
    a, b = Client(), Client()
    first, second = a.get(form_url(event)), b.get(form_url(event))
    for response in (first, second):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["X-Cache"] == "PASS"
    a_fields = BeautifulSoup(first.content, "html.parser").select_one("form.registration-form")
    b_fields = BeautifulSoup(second.content, "html.parser").select_one("form.registration-form")
    assert a_fields["action"] == form_url(event)
    for name in ("form_started", "submission_token"):
        assert a_fields.select_one(f"[name={name}]")["value"] != b_fields.select_one(f"[name={name}]")["value"]


def test_a_registration_makes_the_cached_page_show_one_seat_fewer(client, event):
    assert Client().get(event.url)["X-Cache"] == "MISS"
    assert Client().get(event.url)["X-Cache"] == "HIT"
    assert client.post(form_url(event), registration_data(client, event)).status_code == 302
    after = Client().get(event.url)
    assert after["X-Cache"] == "MISS", "the registration purged the event page"
    assert seats_text(after.content.decode()) == "4 kursi tersisa"
    click_confirmation(client, Registration.objects.get())
    assert seats_text(Client().get(event.url).content.decode()) == "4 kursi tersisa"


def test_a_form_posted_to_the_event_page_itself_still_registers(client, event):
    """Forms rendered before the form moved (a tab left open over a deploy) posted to the event's URL."""
    response = client.post(event.url, registration_data(client, event))
    assert response.status_code == 302 and Registration.objects.count() == 1


def test_errors_are_shown_on_the_form_route_and_never_stored(client, event):
    response = client.post(form_url(event), registration_data(client, event, email="bukan-alamat"))
    assert response.status_code == 400 and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "bukan-alamat" in html and 'class="error-summary' in html
    assert "bukan-alamat" not in Client().get(event.url).content.decode()


def test_the_resend_link_answer_lands_on_the_form_route(client, event):
    response = client.post(event.url + "kirim-ulang-tautan/", {"email": "siapa@contoh.example"})
    assert response["Location"] == form_url(event) + "?tautan=terkirim"
    assert "kami telah mengirim" in client.get(response["Location"]).content.decode().lower()


def test_a_closed_event_has_no_register_link_and_its_form_route_says_why(home_page):
    event = make_event(home_page, capacity=5, title="FGD Selesai", cancelled=True)
    assert "daftar/" not in Client().get(event.url).content.decode()
    response = Client().get(form_url(event))
    assert response.status_code == 200 and "registration-form" not in response.content.decode()
