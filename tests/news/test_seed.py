"""The news and guidance demo content that `seed_demo` loads."""

from datetime import datetime
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from wagtail.models import Page

from home.demo import FGD_SLUG
from news.models import Announcement, GuidancePage, NewsPage, ReadinessCheckPage


def test_demo_news_cover_the_categories_with_tags(seeded):
    news = list(NewsPage.objects.live().select_related("category"))
    assert len(news) >= 8
    assert {n.category.slug for n in news} == {"berita", "pengumuman", "siaran-pers"}
    assert all(n.tags.exists() for n in news)


def test_fgd_story_is_a_news_article_of_16_may_2024_from_mmc_kalteng(seeded, client):
    story = Page.objects.get(slug=FGD_SLUG).specific
    assert isinstance(story, NewsPage)
    assert story.get_parent().slug == "berita"
    assert story.date.astimezone(ZoneInfo("Asia/Jakarta")).date() == datetime(2024, 5, 16).date()
    soup = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert soup.select_one(".news-article__source").get_text() == "Sumber: mmc.kalteng"
    assert soup.select_one(".news-article time").get_text().startswith("Kamis, 16 Mei 2024")
    assert len(soup.select("main picture")) == 1, "the photo is shown once, as the main image"


def test_demo_guides_the_self_check_and_their_templates(seeded, client):
    titles = set(GuidancePage.objects.live().values_list("title", flat=True))
    assert titles == {
        "Mendaftarkan Ormas melalui SIOLA",
        "Persyaratan Dokumen SKT",
        "Kewajiban Tahunan Ormas: Laporan Kegiatan",
    }
    check = ReadinessCheckPage.objects.live().get()
    assert len(check.items) >= 5
    skt = GuidancePage.objects.get(slug="persyaratan-dokumen-skt")
    soup = BeautifulSoup(client.get(skt.url).content, "html.parser")
    downloads = soup.select(".checklist .document-link a")
    assert len(downloads) == 2
    for link in downloads:
        response = client.get(link["href"])
        assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_demo_home_menu_and_banner(seeded, client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert [a.get_text() for a in soup.select("nav.main-nav a")] == [
        "Beranda",
        "Profil",
        "Berita",
        "Agenda Kegiatan",
        "Konsultasi Publik",
        "Panduan Ormas",
        "Data Ormas",
        "Saran dan Pengaduan",
        "PPID",
        "Data dan Statistik",
        "Kontak",
    ]
    section = soup.find("section", attrs={"aria-labelledby": "home-news-title"})
    assert len(section.select(".news-card")) == 3
    assert section.select_one("a.section-more")["href"] == "/berita/"
    assert Announcement.objects.current().exists()
    # The banner leads to the FGD that is really open for registration (seeded with the events).
    [banner] = soup.select("section.announcements .announcement")
    assert "Pendaftaran FGD Wawasan Kebangsaan" in banner.get_text()
    event_page = client.get(banner.find("a")["href"])
    assert event_page.status_code == 200
    register = BeautifulSoup(event_page.content, "html.parser").select_one("#pendaftaran a.button")
    form_page = client.get(register["href"])
    assert BeautifulSoup(form_page.content, "html.parser").select_one("form.registration-form")
