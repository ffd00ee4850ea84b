"""Sharing and structured data on the seeded demo, as a crawler or a phone reads the pages: WhatsApp share links,
og:image, the JSON-LD of news and events, the agency and the site on the home page, the office's WhatsApp number."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from consultations.models import ConsultationPage
from events.models import EventPage
from home.models import SiteSettings
from news.models import GuidancePage, NewsPage

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def json_ld_items(soup):
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def on_our_media(url):
    """An absolute URL of an image rendition on the configured public address (settings.SITE_URL)."""
    return url.startswith(f"{settings.SITE_URL}/media/images/")


def test_every_news_article_and_event_gives_an_absolute_image_and_events_a_locality(client, seeded):
    pages = [*NewsPage.objects.live(), *EventPage.objects.live()]
    assert len(pages) >= 9
    for page in pages:
        items = json_ld_items(soup_of(client.get(page.url)))
        kind = "NewsArticle" if isinstance(page, NewsPage) else "Event"
        (item,) = [item for item in items if item["@type"] == kind]
        assert item["image"] and all(on_our_media(url) for url in item["image"]), (page.title, item.get("image"))
        if kind == "Event" and page.attendance_mode != EventPage.AttendanceMode.ONLINE:
            locations = item["location"] if isinstance(item["location"], list) else [item["location"]]
            (address,) = [place["address"] for place in locations if place["@type"] == "Place"]
            assert address["addressLocality"] == "Palangka Raya", page.title
            assert address["addressRegion"] == "Kalimantan Tengah", page.title


def test_the_home_page_names_the_agency_and_the_site_with_its_search(client, seeded):
    items = json_ld_items(soup_of(client.get("/")))
    (organization,) = [item for item in items if item["@type"] == "GovernmentOrganization"]
    (website,) = [item for item in items if item["@type"] == "WebSite"]
    site = SiteSettings.load()
    home = f"{settings.SITE_URL}/"
    assert organization["name"] == site.agency_name
    assert organization["url"] == home
    assert organization["logo"]["url"].startswith(settings.SITE_URL)
    points = {point["contactType"]: point for point in organization["contactPoint"]}
    assert points["customer service"]["email"] == site.email
    assert points["customer service"]["telephone"] == site.phone
    assert points["WhatsApp"]["telephone"] == "+6281200000000"
    assert points["WhatsApp"]["url"] == "https://wa.me/6281200000000"
    assert website["url"] == home
    assert website["publisher"] == {"@id": organization["@id"]}
    search = website["potentialAction"]
    assert search["@type"] == "SearchAction"
    assert search["target"]["urlTemplate"] == f"{settings.SITE_URL}/cari/?q={{search_term_string}}"
    assert search["query-input"] == "required name=search_term_string"
    # The search the template points at answers.
    assert client.get("/cari/", {"q": "ormas"}).status_code == 200


@pytest.mark.parametrize("model", [EventPage, ConsultationPage, GuidancePage], ids=lambda m: m.__name__)
def test_event_consultation_and_guidance_pages_share_on_whatsapp_with_an_image(client, seeded, model):
    page = model.objects.live().first()
    url = page.get_full_url()
    assert url.startswith(f"{settings.SITE_URL}/")
    soup = soup_of(client.get(page.url))
    whatsapp = soup.select_one('.share-links a[href^="https://wa.me/"]')
    parts = urlsplit(whatsapp["href"])
    assert parts.path == "/"
    assert parse_qs(parts.query)["text"] == [f"{page.title} {url}"]
    assert soup.select_one(".share-links a[data-copy-url]")["data-copy-url"] == url
    assert soup.find("meta", property="og:url")["content"] == url
    assert on_our_media(soup.find("meta", property="og:image")["content"])
    assert not soup.select("script[src^='http']"), "nothing may load from another host"


def test_the_footer_links_the_office_whatsapp_number_from_the_settings(client, seeded):
    link = soup_of(client.get("/kontak/")).select_one('footer a[href^="https://wa.me/"]')
    assert link["href"] == "https://wa.me/6281200000000"
    assert "0812-0000-0000" in link.get_text()

    site = SiteSettings.load()
    site.whatsapp_number = "6285212345678"
    site.save()
    link = soup_of(client.get("/")).select_one('footer a[href^="https://wa.me/"]')
    assert link["href"] == "https://wa.me/6285212345678"


def settings_form(client):
    response = client.get(reverse("wagtailsettings:edit", args=["home", "sitesettings"]), follow=True)
    assert response.status_code == 200
    url = response.request["PATH_INFO"]
    form = BeautifulSoup(response.content.decode(), "html.parser").find(
        lambda tag: tag.name == "form" and tag.find("input", attrs={"name": "whatsapp_number"})
    )
    data = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name, kind = element.get("name"), (element.get("type") or "text").lower()
        if not name or kind in {"submit", "button", "file"}:
            continue
        if element.name == "textarea":
            data[name] = element.get_text()
        elif element.name == "select":
            chosen = element.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        elif kind in {"checkbox", "radio"}:
            if element.has_attr("checked"):
                data[name] = element.get("value", "on")
        else:
            data[name] = element.get("value", "")
    return url, data


def test_the_settings_form_refuses_a_number_that_is_not_indonesian_in_indonesian(client, seeded, admin_user):
    client.force_login(admin_user)
    url, data = settings_form(client)
    response = client.post(url, {**data, "whatsapp_number": "+1 202 555 0143"})
    assert response.status_code == 200
    errors = BeautifulSoup(response.content.decode(), "html.parser").get_text(" ")
    assert "Masukkan nomor WhatsApp kantor yang berlaku di Indonesia" in " ".join(errors.split())
    assert SiteSettings.objects.get().whatsapp_number == "6281200000000"

    response = client.post(url, {**data, "whatsapp_number": "0852-1234-5678"})
    assert response.status_code == 302
    assert SiteSettings.objects.get().whatsapp_number == "6285212345678"
