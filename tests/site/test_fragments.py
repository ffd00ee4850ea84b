"""Kept fragments (`{% fragment %}`, home/cache.py): parts of a page rendered once and reused by later renders.

The page cache is off in these tests, so every request renders: what a reader sees comes either from a kept
fragment or from the database. Each test changes something a fragment shows, the way an editor or a participant
would, and the next render must show the change; the reuse itself is shown by the queries it saves.
"""

import re

import pytest
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test.utils import CaptureQueriesContext

from events.models import EventCategory
from home import cache as page_cache
from home.models import SiteSettings, StandardPage
from news.models import NewsCategory
from tests.factories import make_page
from tests.factories.events import category, make_event, register
from tests.factories.news import body, categories, make_news, make_news_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_request_renders(settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert settings.FRAGMENT_CACHE_SECONDS > 0
    SiteSettings.objects.get_or_create()


def render(client, path, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, path
    return response.content.decode()


def queries_of(client, path):
    with CaptureQueriesContext(connection) as queries:
        body = render(client, path)
    return len(queries), body


def publish(page):
    page.save_revision().publish()


def h1(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


@pytest.fixture
def article(home_page):
    index = make_news_index(home_page)
    return make_news(index, title="Rapat koordinasi ormas", body=body(("paragraph", "<p>Isi berita.</p>")))


def test_a_second_render_reuses_the_fragments_and_shows_the_same_page(client, article):
    page_cache.purge_all()
    cold, first = queries_of(client, article.url)
    warm, second = queries_of(client, article.url)
    assert second == first
    assert "Rapat koordinasi ormas" in second and "Isi berita." in second
    # The article's picture, tags, related pages, breadcrumbs and footer are kept; the frame's reads are not.
    assert warm < cold, (cold, warm)


def test_publishing_a_change_shows_it_on_the_next_render(client, article):
    render(client, article.url)
    article.title = "Rapat koordinasi ormas dan OKP"
    article.body = body(("paragraph", "<p>Isi yang diperbarui.</p>"))
    publish(article)
    html = render(client, article.url)
    assert h1(html) == "Rapat koordinasi ormas dan OKP"
    assert "Isi yang diperbarui." in html and "Isi berita." not in html
    # The breadcrumb trail and the listing are kept fragments too.
    assert 'aria-current="page">Rapat koordinasi ormas dan OKP</a>' in html
    assert "Rapat koordinasi ormas dan OKP" in render(client, article.get_parent().url)


def test_renaming_a_category_shows_on_articles_and_listings(client, article):
    index_url = article.get_parent().url
    assert article.category.name in render(client, article.url)
    render(client, index_url)
    category = NewsCategory.objects.get(pk=article.category_id)
    category.name = "Kabar Kesbangpol"
    category.save()
    assert "Kabar Kesbangpol" in render(client, article.url)
    assert "Kabar Kesbangpol" in render(client, index_url)


def test_a_new_article_appears_on_the_listing_and_the_home_page(client, article, home_page):
    index = article.get_parent()
    render(client, index.url)
    render(client, "/")
    make_news(index, title="Pengumuman jadwal FGD Pilkada damai", date=article.date.replace(year=2025))
    assert "Pengumuman jadwal FGD Pilkada damai" in render(client, index.url)
    assert "Pengumuman jadwal FGD Pilkada damai" in render(client, "/")


def test_a_draft_is_previewed_but_readers_keep_the_published_article(client, article):
    site = article.get_site()
    # The preview request is made for the site's own host: read the article on that host first, so a kept
    # fragment with the preview's key exists.
    host = {"HTTP_HOST": site.hostname, "SERVER_PORT": str(site.port)}
    assert h1(render(client, article.url, **host)) == "Rapat koordinasi ormas"
    article.title = "Judul draf yang belum terbit"
    draft = article.save_revision().as_object()
    preview = draft.make_preview_request().content.decode()
    assert h1(preview) == "Judul draf yang belum terbit"
    assert h1(render(client, article.url, **host)) == "Rapat koordinasi ormas"


def test_a_registration_updates_the_free_seats_on_the_home_page(client, home_page):
    event = make_event(home_page, title="FGD Kamtibmas jelang Pilkada", capacity=5)
    assert "5 kursi tersisa" in render(client, "/")
    register(event)
    # The seat count moves by UPDATE, which sends no signal; the home page's path token is purged instead.
    assert "4 kursi tersisa" in render(client, "/")


def test_event_description_is_kept_but_seats_stay_live(client, home_page):
    event = make_event(home_page, title="Forum kewaspadaan dini", capacity=3, summary="Ringkasan pertama.")
    assert "Ringkasan pertama." in render(client, event.url)
    register(event)
    html = render(client, event.url)
    assert "2 dari 3 tersedia" in html
    event.summary = "Ringkasan kedua."
    publish(event)
    assert "Ringkasan kedua." in render(client, event.url)


def test_the_menu_marks_the_section_of_each_page(client, article, home_page):
    profile = make_page(home_page, StandardPage, title="Profil", slug="profil", show_in_menus=True)
    article.get_parent().show_in_menus = True
    publish(article.get_parent())

    def current(html):
        menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
        return re.findall(r'<a href="([^"]+)" aria-current="page">', menu)

    assert current(render(client, article.url)) == ["/berita/"]
    assert current(render(client, profile.url)) == ["/profil/"]
    assert current(render(client, "/")) == ["/"]
    assert current(render(client, article.get_parent().url)) == ["/berita/"]


def test_the_search_box_repeats_a_query_only_on_its_results(client, home_page):
    assert 'value="kamtibmas"' in render(client, "/cari/?q=kamtibmas")
    assert 'value="kamtibmas"' not in render(client, "/")
    assert 'value=""' in render(client, "/cari/")


def test_without_a_shared_cache_nothing_is_kept(client, article, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    render(client, article.url)
    # A change that sends no signal at all still shows: nothing was kept.
    type(article).objects.filter(pk=article.pk).update(summary="Ringkasan tanpa sinyal.")
    assert "Ringkasan tanpa sinyal." in render(client, article.url)


def test_a_purge_during_a_request_is_seen_by_the_rest_of_that_request():
    with page_cache.request_scope():
        assert page_cache.site_data("probe", lambda: "lama") == "lama"
        assert page_cache.site_data("probe", lambda: "tidak dibaca") == "lama"
        page_cache.purge_all()
        assert page_cache.site_data("probe", lambda: "baru") == "baru"
    # Nothing is kept between requests.
    assert page_cache.site_data("probe", lambda: "lagi") == "lagi"


def test_the_tag_needs_a_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load site_tags %}{% fragment %}x{% endfragment %}")
    # Without a request (mail, management commands) it simply renders.
    html = Template('{% load site_tags %}{% fragment "probe" %}<b>{{ x }}</b>{% endfragment %}').render(
        Context({"x": "<i>"})
    )
    assert html == "<b>&lt;i&gt;</b>"


def test_an_open_event_registration_form_keeps_its_questions_but_shows_live_seats_and_fresh_tokens(client, home_page):
    event = make_event(home_page, title="FGD Pilkada damai", capacity=10, quotas={"Mahasiswa": 4, "Umum": None})
    form_url = event.registration_url()  # the form's own route (never cached: its tokens are each visitor's)
    first = render(client, form_url)
    html = render(client, form_url)
    assert html.count("Mahasiswa (4 dari 4 kursi tersedia)") == first.count("Mahasiswa (4 dari 4 kursi tersedia)") == 1
    assert "10 kursi tersisa" in html
    # Each view gets its own submission and anti-spam tokens, outside every kept part.
    token = re.compile(r'name="submission_token" value="([^"]+)"')
    assert token.search(html).group(1) != token.search(first).group(1)

    register(event, category_name="Mahasiswa")
    html = render(client, form_url)
    assert "Mahasiswa (3 dari 4 kursi tersedia)" in html and "9 kursi tersisa" in html
    assert "9 dari 10 tersedia" in render(client, event.url)  # the cached event page, purged


def test_a_preview_shows_the_drafts_categories_not_the_kept_ones(client, home_page):
    event = make_event(home_page, title="Forum OKP", capacity=10, quotas={"Umum": None})
    site = event.get_site()
    host = {"HTTP_HOST": site.hostname, "SERVER_PORT": str(site.port)}
    assert "Organisasi Kepemudaan" not in render(client, event.url, **host)  # seats and categories kept now
    # With a quota, so the event page's seats list names it (the form's own page lists every category).
    event.categories.add(EventCategory(category=category("Organisasi Kepemudaan"), quota=5))
    draft = event.save_revision().as_object()
    assert "Organisasi Kepemudaan" in draft.make_preview_request().content.decode()
    assert "Organisasi Kepemudaan" not in render(client, event.url, **host)


def test_the_news_list_counts_a_new_article(client, article):
    index = article.get_parent()
    other = next(c for slug, c in categories().items() if slug != article.category.slug)
    for n in range(9):
        make_news(index, category=other, title=f"Berita ke-{n}")
    assert 'rel="next"' not in render(client, index.url)  # ten articles: one page
    assert "Rapat koordinasi ormas" in render(client, index.url)
    make_news(index, category=other, title="Berita kesebelas")
    assert 'rel="next"' in render(client, index.url)
    # A category's own count is kept apart from the whole list's.
    assert 'rel="next"' not in render(client, f"{index.url}?kategori={article.category.slug}")
