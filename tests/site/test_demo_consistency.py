"""The demo site agrees with itself and with the day `seed_demo` runs, and says where its facts are made up.

A reviewer who opens the demo reads it as a real portal: a banner or an article that says registration is open must
lead to an event in the agenda that takes registrations now; the footer's office hours must be the ones the published
consultation outcome announces; pages with invented figures, names or quotes say so (home/seeding.py, DEMO_NOTE).
"""

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from consultations.models import ConsultationPage
from events.models import EventIndexPage, EventPage, EventStatus
from home.models import SiteSettings
from home.seeding import DEMO_NOTE
from news.models import Announcement, NewsPage
from tests.factories.events import make_event
from tests.factories.news import make_news, make_news_index

WIB = ZoneInfo("Asia/Jakarta")


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def says_registration_is_open(text):
    text = text.lower()
    return "pendaftaran" in text and "dibuka" in text


def linked_events(soup):
    """The live events the page's main content links to."""
    hrefs = {link["href"] for link in soup.select("main a[href]")}
    return [event for event in EventPage.objects.live() if event.url in hrefs]


def test_every_live_banner_leads_to_a_live_page_and_open_registration_to_an_open_event(seeded, client):
    banners = list(Announcement.objects.current())
    assert banners
    for banner in banners:
        assert banner.link_page is not None and banner.link_page.live, banner.text
        soup_of(client, banner.link_page.url)
        if says_registration_is_open(banner.text):
            event = banner.link_page.specific
            assert isinstance(event, EventPage) and event.status() == EventStatus.OPEN, banner.text
            assert banner.ends_at <= event.registration_window()[1], "the banner outlives the registration"


def test_articles_saying_registration_is_open_lead_to_an_open_event_in_the_agenda(seeded, client):
    now = timezone.now()
    agenda = EventIndexPage.objects.get(slug="agenda-kegiatan")
    claims = [a for a in NewsPage.objects.live() if says_registration_is_open(a.title)]
    assert claims, "the demo announces the open FGD in the news too"
    for article in claims:
        events = linked_events(soup_of(client, article.url))
        assert events, f"{article.title}: links to no event"
        for event in events:
            assert event.get_parent().pk == agenda.pk and event.status() == EventStatus.OPEN, article.title
            opens, closes = event.registration_window()
            assert opens <= article.date <= now, f"{article.title}: dated {article.date:%Y-%m-%d}"
            assert article.pinned_until is None or article.pinned_until <= closes, "pinned past the registration"


@pytest.mark.parametrize("today", [dt.datetime(2025, 3, 10, 9, tzinfo=WIB), dt.datetime(2027, 8, 20, 9, tzinfo=WIB)])
def test_current_demo_content_follows_the_day_of_seeding(db, client, today):
    with time_machine.travel(today, tick=False):
        call_command("seed_demo", stdout=io.StringIO())
        now = timezone.now()
        fgd = EventPage.objects.get(slug="fgd-wawasan-kebangsaan-generasi-muda")
        assert fgd.status() == EventStatus.OPEN and fgd.start_date > today.date()
        [banner] = Announcement.objects.current()
        assert banner.link_page_id == fgd.pk
        [article] = [a for a in NewsPage.objects.live() if says_registration_is_open(a.title)]
        assert now - dt.timedelta(days=7) <= article.date <= now
        assert article.is_pinned_now() and article.pinned_until == fgd.registration_window()[1]
        assert [a.pk for a in NewsPage.objects.live().pinned_first() if a.is_pinned_now()] == [article.pk]
        open_one = ConsultationPage.objects.get(slug="sinergi-polri-dan-masyarakat-menjelang-pemilu")
        assert open_one.opens_at <= now < open_one.closes_at
        assert fgd.title in open_one.other_ways and fgd.ends_at <= open_one.closes_at, "respond at the FGD"
        closed = ConsultationPage.objects.get(slug="jam-dan-cara-layanan-kesbangpol")
        assert closed.closes_at < now
        assert "Pendaftaran FGD Wawasan Kebangsaan" in soup_of(client, "/").select_one("section.announcements").text


def test_footer_office_hours_are_the_ones_the_published_consultation_outcome_announces(seeded, client):
    closed = ConsultationPage.objects.get(slug="jam-dan-cara-layanan-kesbangpol")
    assert closed.outcome_published
    outcome = soup_of(client, closed.url).select_one(".consultation__outcome").get_text(" ", strip=True)
    friday_close = re.search(r"sampai pukul (\d\d\.\d\d) WIB pada hari Jumat", outcome).group(1)
    footer = soup_of(client, "/").find("section", attrs={"aria-labelledby": "footer-hours"})
    lines = [line.strip() for line in footer.p.get_text("\n").splitlines() if line.strip()]
    [friday] = [line for line in lines if "Jumat" in line]
    assert friday.endswith(f"–{friday_close} WIB"), lines


def test_a_site_seeded_before_is_brought_in_line_and_an_editors_hours_are_kept(seeded):
    """What the seed wrote before: Friday until 11.00, and a June 2024 article pinned as "registration open"."""
    settings = SiteSettings.load()
    settings.office_hours = "Senin–Kamis: 07.30–16.00 WIB\nJumat: 07.30–11.00 WIB"
    settings.save()
    stale = make_news(
        NewsPage.objects.get(slug="pendaftaran-fgd-wawasan-kebangsaan-dibuka").get_parent(),
        slug="pendaftaran-fgd-pilkada-damai-dibuka",
        title="Pendaftaran FGD Pilkada Damai untuk Pengurus Ormas Dibuka",
        pinned_until=timezone.now() + dt.timedelta(days=60),
    )
    call_command("seed_demo", stdout=io.StringIO())
    assert "11.00" not in SiteSettings.load().office_hours
    assert not NewsPage.objects.get(pk=stale.pk).live

    settings = SiteSettings.load()
    settings.office_hours = "Senin–Jumat 08.00–15.00 WIB"
    settings.save()
    call_command("seed_demo", stdout=io.StringIO())
    assert SiteSettings.load().office_hours == "Senin–Jumat 08.00–15.00 WIB", "an editor's hours are kept"


def test_demo_pages_with_invented_figures_names_or_quotes_say_so(seeded, client):
    must_say = {
        "pendampingan-pengisian-data-siola",
        "fgd-wawasan-kebangsaan-generasi-muda",
        "fgd-sinergitas-polri-dan-masyarakat-2024",
        "sosialisasi-pendaftaran-ormas-siola",
        "forum-kewaspadaan-dini-masyarakat",
        "jam-dan-cara-layanan-kesbangpol",
        "sinergi-polri-dan-masyarakat-menjelang-pemilu",
    }
    pages = [*NewsPage.objects.live(), *EventPage.objects.live(), *ConsultationPage.objects.live()]
    checked = set()
    for page in pages:
        main = soup_of(client, page.url).select_one("main")
        states_figures_or_quotes = (
            main.select("blockquote") or main.select(".event-report table") or page.slug in must_say
        )
        if states_figures_or_quotes:
            assert DEMO_NOTE in main.get_text(" ", strip=True), page.title
            checked.add(page.slug)
    assert must_say <= checked
    assert "Dua puluh pengurus" not in NewsPage.objects.get(slug="pendampingan-pengisian-data-siola").summary


def test_a_page_an_editor_writes_shows_no_demo_note(home_page, client):
    article = make_news(make_news_index(home_page), source="Humas Kesbangpol")
    event = make_event(home_page)
    for page in (article, event):
        assert DEMO_NOTE not in soup_of(client, page.url).get_text(" ", strip=True)
