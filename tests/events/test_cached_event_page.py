"""The event page with open registration is the same for every visitor and served from the page cache; the form,
with each visitor's tokens, lives at `<event-url>daftar/` and is never stored (docs/performance.md, "Event pages")."""

import datetime as dt
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

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


def s_maxage(response):
    """How long a front cache may keep the response (the number, so that 60 is not found inside 600)."""
    found = re.search(r"s-maxage=(\d+)", response["Cache-Control"])
    return int(found.group(1)) if found else None


def status_and_link(html):
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one(".event__status").get_text(" ", strip=True), soup.select_one("#pendaftaran a.button")


def test_the_cached_page_is_kept_only_until_registration_closes(home_page, settings):
    """The page says registration is open; once it closes, no cache may go on saying so."""
    settings.FRONT_CACHE_SECONDS = 600
    with time_machine.travel(timezone.now(), tick=False) as clock:
        event = make_event(home_page, capacity=5, registration_closes_at=timezone.now() + dt.timedelta(seconds=120))
        first = Client().get(event.url)
        assert first["X-Cache"] == "MISS" and s_maxage(first) == 120
        assert status_and_link(first.content.decode())[1] is not None
        assert "https://schema.org/InStock" in first.content.decode()  # what search engines read, too
        clock.shift(60)
        second = Client().get(event.url)
        assert second["X-Cache"] == "HIT"
        # A front cache is told what is left of the time, not the whole of it again.
        assert s_maxage(second) == 60
        clock.shift(61)
        closed = Client().get(event.url)
        assert closed["X-Cache"] != "HIT"
        status, link = status_and_link(closed.content.decode())
        assert link is None and status == "Pendaftaran ditutup"
        assert "https://schema.org/InStock" not in closed.content.decode()


def test_a_held_seat_that_runs_out_shows_as_free_again_without_waiting_for_the_cache(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 24 * 3600  # longer than the hold: purges keep pages fresh, the clock must too
    with time_machine.travel(timezone.now(), tick=False) as clock:
        event = make_event(home_page, capacity=1, waitlist_enabled=False)
        assert client.post(form_url(event), registration_data(client, event)).status_code == 302
        full = Client().get(event.url)
        assert status_and_link(full.content.decode()) == ("Penuh", None)
        assert Client().get(event.url)["X-Cache"] == "HIT"
        held = Registration.objects.get()
        clock.move_to(held.hold_expires_at + dt.timedelta(seconds=1))
        freed = Client().get(event.url)
        assert freed["X-Cache"] != "HIT"
        assert seats_text(freed.content.decode()) == "1 kursi tersisa"
        assert status_and_link(freed.content.decode())[1] is not None
        held.refresh_from_db()
        assert held.status != Registration.Status.HELD


def test_the_agenda_is_kept_only_until_a_listed_event_changes_status(home_page, settings):
    settings.FRONT_CACHE_SECONDS = 600
    with time_machine.travel(timezone.now(), tick=False):
        event = make_event(home_page, registration_closes_at=timezone.now() + dt.timedelta(seconds=90))
        response = Client().get(event.get_parent().url)
        assert response["X-Cache"] == "MISS" and s_maxage(response) == 90


def home_card_status(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.select_one("#section-events").find_parent("section").select_one(".card__meta span").get_text(strip=True)


def test_the_home_page_is_kept_only_until_an_upcoming_event_changes_status(home_page, settings):
    """The home page's event card says registration is open: neither the page cache nor a front cache may keep
    saying so after it closes."""
    settings.FRONT_CACHE_SECONDS = 600
    with time_machine.travel(timezone.now(), tick=False) as clock:
        make_event(home_page, registration_closes_at=timezone.now() + dt.timedelta(seconds=90))
        first = Client().get("/")
        assert first["X-Cache"] == "MISS" and s_maxage(first) == 90
        assert home_card_status(first) == "Pendaftaran dibuka"
        clock.shift(91)
        closed = Client().get("/")
        assert closed["X-Cache"] != "HIT"
        assert home_card_status(closed) == "Pendaftaran ditutup"


def test_a_kept_home_fragment_carries_the_moment_its_event_cards_change(home_page, settings):
    """The cards sit in the home page's kept fragment: a render that reuses it is kept no longer than the fragment's
    cards stay true, and the fragment itself is rendered afresh once they no longer are."""
    settings.FRONT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_SECONDS = 0  # every request renders the page, reusing the fragment
    with time_machine.travel(timezone.now(), tick=False) as clock:
        make_event(home_page, registration_closes_at=timezone.now() + dt.timedelta(seconds=90))
        assert home_card_status(Client().get("/")) == "Pendaftaran dibuka"
        clock.shift(30)
        settings.PAGE_CACHE_SECONDS = 300
        reused = Client().get("/")
        assert home_card_status(reused) == "Pendaftaran dibuka"
        assert s_maxage(reused) == 60  # what is left of the fragment's time, not 300 or 600
        settings.PAGE_CACHE_SECONDS = 0
        clock.shift(61)
        assert home_card_status(Client().get("/")) == "Pendaftaran ditutup"
