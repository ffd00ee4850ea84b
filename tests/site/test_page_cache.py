"""The anonymous page cache: each way content changes reaches the next anonymous reader, and nothing that belongs
to one visitor (a CSRF token, a flash message, an editor's view) is ever served to another.

The cache is on in the test settings, as in production; every test starts with it empty (tests/conftest.py).
"""

import re
import socket

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction

from home import cache as page_cache
from home.models import HomePage, SiteSettings, StandardPage
from tests.cacheprobe.models import Notice, PrivateProbePage, ProbePage
from tests.factories import make_image, make_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings_exist(db):
    # Wagtail creates the settings row on the first page view, and that save purges the cache (as it should):
    # create it up front so that each test's first request is not special.
    SiteSettings.objects.get_or_create()


@pytest.fixture
def anon():
    return Client()


def fetch(client, path, **extra):
    response = client.get(path, **extra)
    return response, response.content.decode()


def cached_twice(client, path):
    """GET twice; the second answer must come from the cache."""
    first, _ = fetch(client, path)
    assert first.status_code == 200 and first["X-Cache"] == "MISS", first.get("X-Cache")
    second, body = fetch(client, path)
    assert second["X-Cache"] == "HIT"
    return body


def publish(page):
    page.save_revision().publish()


def test_second_anonymous_request_is_served_from_the_cache_without_queries(anon, home_page, django_assert_num_queries):
    page = make_page(home_page, title="Profil Badan", slug="profil")
    first, body = fetch(anon, page.url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second, cached_body = fetch(anon, page.url)
    assert second["X-Cache"] == "HIT" and cached_body == body
    assert "Profil Badan" in cached_body
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_publishing_a_change_shows_it_to_the_next_anonymous_reader(anon, home_page):
    page = make_page(home_page, title="Jadwal pelayanan", slug="jadwal")
    assert "Senin sampai Kamis" not in cached_twice(anon, "/jadwal/")
    page.intro = "Senin sampai Kamis, 07.30–16.00 WIB"
    publish(page)
    response, body = fetch(anon, "/jadwal/")
    assert response["X-Cache"] == "MISS"
    assert "Senin sampai Kamis" in body


def test_a_draft_is_not_shown_but_publishing_it_is(anon, home_page):
    page = make_page(home_page, title="Pengumuman", slug="pengumuman")
    cached_twice(anon, "/pengumuman/")
    page.title = "Pengumuman (draf)"
    page.save_revision()
    assert "Pengumuman (draf)" not in fetch(anon, "/pengumuman/")[1]
    page.get_latest_revision().publish()
    assert "Pengumuman (draf)" in fetch(anon, "/pengumuman/")[1]


def test_unpublishing_removes_the_page_and_its_menu_entry(anon, home_page):
    page = make_page(home_page, title="Kontak Kami", slug="kontak", show_in_menus=True)
    assert 'href="/kontak/"' in cached_twice(anon, "/")
    cached_twice(anon, "/kontak/")
    page.unpublish()
    assert fetch(anon, "/kontak/")[0].status_code == 404
    assert 'href="/kontak/"' not in fetch(anon, "/")[1]


def test_moving_a_page_changes_its_address_everywhere(anon, home_page):
    section = make_page(home_page, title="Layanan", slug="layanan", show_in_menus=True)
    page = make_page(home_page, title="Daftar Ormas", slug="daftar-ormas", show_in_menus=True)
    assert 'href="/daftar-ormas/"' in cached_twice(anon, "/")
    cached_twice(anon, "/daftar-ormas/")
    page.move(section, pos="last-child")
    # Wagtail leaves a redirect at the old address, instead of the cached page.
    old = fetch(anon, "/daftar-ormas/")[0]
    assert old.status_code == 301 and old["Location"] == "/layanan/daftar-ormas/"
    assert fetch(anon, "/layanan/daftar-ormas/")[0].status_code == 200
    assert 'href="/daftar-ormas/"' not in fetch(anon, "/")[1]


def test_deleting_a_page_removes_it(anon, home_page):
    page = make_page(home_page, title="Agenda Lama", slug="agenda-lama", show_in_menus=True)
    cached_twice(anon, "/agenda-lama/")
    assert 'href="/agenda-lama/"' in cached_twice(anon, "/")
    page.delete()
    assert fetch(anon, "/agenda-lama/")[0].status_code == 404
    assert 'href="/agenda-lama/"' not in fetch(anon, "/")[1]


def test_changing_site_settings_changes_every_cached_page(anon, home_page):
    make_page(home_page, title="Profil", slug="profil")
    cached_twice(anon, "/")
    cached_twice(anon, "/profil/")
    settings = SiteSettings.load()
    settings.phone = "(0536) 3229999"
    settings.save()
    for path in ("/", "/profil/"):
        assert "(0536) 3229999" in fetch(anon, path)[1]


def test_saving_or_deleting_any_snippet_shows_on_the_next_request(anon, home_page):
    probe = make_page(home_page, ProbePage, title="Papan Informasi", slug="papan")
    notice = Notice.objects.create(text="Kantor tutup 17 Agustus")
    assert "Kantor tutup 17 Agustus" in cached_twice(anon, probe.url)
    notice.text = "Kantor buka seperti biasa"
    notice.save()
    assert "Kantor buka seperti biasa" in fetch(anon, probe.url)[1]
    assert fetch(anon, probe.url)[0]["X-Cache"] == "HIT"
    notice.delete()
    assert "Kantor buka seperti biasa" not in fetch(anon, probe.url)[1]


def test_deleting_an_image_removes_it_from_pages_that_show_it(anon, home_page):
    image = make_image("Foto kantor")
    home = HomePage.objects.get(pk=home_page.pk)
    home.hero_image = image
    publish(home)
    assert "<picture" in cached_twice(anon, "/")
    # The page row loses its image through ON DELETE SET NULL, which sends no signal: the image's own delete must purge.
    image.delete()
    assert "<picture" not in fetch(anon, "/")[1]


def test_making_a_page_private_stops_serving_the_cached_public_copy(anon, home_page):
    page = make_page(home_page, title="Notulen rapat", slug="notulen", intro="Isi notulen yang rahasia.")
    assert "Isi notulen yang rahasia." in cached_twice(anon, "/notulen/")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="rahasia")
    response, body = fetch(anon, "/notulen/")
    assert "Isi notulen yang rahasia." not in body
    assert response.get("X-Cache") != "HIT"


def test_editors_are_never_served_or_stored(anon, client, home_page, admin_user):
    make_page(home_page, title="Profil", slug="profil")
    client.force_login(admin_user)
    editor_response, editor_body = fetch(client, "/profil/")
    assert editor_response["X-Cache"] == "BYPASS"
    assert "Cache-Control" in editor_response and "private" in editor_response["Cache-Control"]
    # The editor's copy (with the Wagtail user bar) was not stored for the public.
    public_response, public_body = fetch(anon, "/profil/")
    assert public_response["X-Cache"] == "MISS"
    assert "wagtail-userbar" in editor_body and "wagtail-userbar" not in public_body
    # And a page cached for the public is not served to the editor.
    assert fetch(anon, "/profil/")[0]["X-Cache"] == "HIT"
    assert "wagtail-userbar" in fetch(client, "/profil/")[1]


def test_a_post_is_never_answered_from_the_cache_nor_stored(home_page):
    visitor = Client()
    make_page(home_page, ProbePage, title="Formulir", slug="formulir", mode="plain")
    cached_twice(visitor, "/formulir/")
    response = visitor.post("/formulir/", {"nama": "Budi Santoso"})
    assert response.get("X-Cache") != "HIT"
    assert "Diterima: Budi Santoso" in response.content.decode()
    assert "Budi Santoso" not in fetch(Client(), "/formulir/")[1]


def csrf_token_in(body):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert match, "the form has no CSRF token"
    return match.group(1)


def test_a_page_with_a_form_never_serves_one_visitors_csrf_token_to_another(home_page):
    make_page(home_page, ProbePage, title="Pendaftaran", slug="pendaftaran", mode="form")
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

    alice_page, alice_body = fetch(alice, "/pendaftaran/")
    bob_page, bob_body = fetch(bob, "/pendaftaran/")
    assert alice_page["X-Cache"] == bob_page["X-Cache"] == "PASS"
    assert "Cookie" in alice_page["Vary"] and "private" in alice_page["Cache-Control"]
    alice_token, bob_token = csrf_token_in(alice_body), csrf_token_in(bob_body)
    assert alice.cookies["csrftoken"].value != bob.cookies["csrftoken"].value

    # A third visitor without cookies still gets a fresh page of their own, not Alice's.
    carol_page, carol_body = fetch(Client(), "/pendaftaran/")
    assert carol_page["X-Cache"] == "PASS"
    assert csrf_token_in(carol_body) not in (alice_token, bob_token)

    # Each visitor's own token works; Alice's token with Bob's cookie is refused.
    assert alice.post("/pendaftaran/", {"csrfmiddlewaretoken": alice_token, "nama": "Alice"}).status_code == 200
    assert bob.post("/pendaftaran/", {"csrfmiddlewaretoken": bob_token, "nama": "Bob"}).status_code == 200
    forged = Client(enforce_csrf_checks=True)
    forged.cookies["csrftoken"] = bob.cookies["csrftoken"].value
    assert forged.post("/pendaftaran/", {"csrfmiddlewaretoken": "x" * 64, "nama": "Mallory"}).status_code == 403


def test_a_flash_message_shown_in_the_same_response_is_not_stored(anon, home_page):
    make_page(home_page, ProbePage, title="Terima kasih", slug="terima-kasih", mode="message")
    first, body = fetch(anon, "/terima-kasih/")
    assert "data Anda tersimpan" in body and first["X-Cache"] == "PASS"
    assert fetch(Client(), "/terima-kasih/")[0]["X-Cache"] == "PASS"


def test_a_request_carrying_a_messages_cookie_bypasses_the_cache(anon, home_page):
    make_page(home_page, title="Profil", slug="profil")
    cached_twice(anon, "/profil/")
    anon.cookies["messages"] = "anything"
    assert fetch(anon, "/profil/")[0]["X-Cache"] == "BYPASS"


def test_a_page_that_starts_a_session_is_not_stored(anon, home_page):
    make_page(home_page, ProbePage, title="Langkah 1", slug="langkah", mode="session")
    first, _ = fetch(anon, "/langkah/")
    assert first["X-Cache"] == "PASS" and first.cookies
    # The visitor now has a session: their next request skips the cache altogether.
    assert fetch(anon, "/langkah/")[0]["X-Cache"] == "BYPASS"


def test_pages_that_opt_out_are_never_stored(anon, home_page):
    make_page(home_page, PrivateProbePage, title="Data pendaftar", slug="data-pendaftar")
    make_page(home_page, ProbePage, title="Konfirmasi", slug="konfirmasi", mode="dont_cache")
    for path in ("/data-pendaftar/", "/konfirmasi/"):
        for _ in range(2):
            response, _ = fetch(anon, path)
            assert response["X-Cache"] == "PASS"
            assert "private" in response["Cache-Control"]


def test_views_that_are_not_pages_are_not_cached(anon, home_page):
    make_page(home_page, title="Ormas", slug="ormas")
    for _ in range(2):
        assert "X-Cache" not in fetch(anon, "/cari/?q=ormas")[0]


def test_sitemap_is_cached_and_purged(anon, home_page):
    assert "/baru/" not in cached_twice(anon, "/sitemap.xml")
    make_page(home_page, title="Baru", slug="baru")
    assert "/baru/" in fetch(anon, "/sitemap.xml")[1]


def test_purge_pages_forgets_only_those_pages(anon, home_page, settings):
    settings.PAGE_CACHE_QUERY_PARAMS = {"home.StandardPage": ("page",)}
    seats = make_page(home_page, title="FGD Ormas", slug="fgd")
    other = make_page(home_page, title="Profil", slug="profil")
    cached_twice(anon, "/fgd/")
    cached_twice(anon, "/fgd/?page=2")
    cached_twice(anon, other.url)
    page_cache.purge_pages([seats])
    assert fetch(anon, "/fgd/")[0]["X-Cache"] == "MISS"
    assert fetch(anon, "/fgd/?page=2")[0]["X-Cache"] == "MISS"
    assert fetch(anon, other.url)[0]["X-Cache"] == "HIT"


def test_a_counter_updated_without_signals_shows_after_purge_pages(anon, home_page):
    """The pattern the events app uses for seat counts: QuerySet.update() sends no signal, purge_pages does."""
    page = make_page(home_page, title="FGD", slug="fgd", intro="Sisa kursi: 50")
    cached_twice(anon, "/fgd/")
    StandardPage.objects.filter(pk=page.pk).update(intro="Sisa kursi: 49")
    assert "Sisa kursi: 50" in fetch(anon, "/fgd/")[1]  # the cache does not know yet...
    page_cache.purge_pages([page])
    assert "Sisa kursi: 49" in fetch(anon, "/fgd/")[1]  # ...until the app tells it


def test_purge_all_and_purge_paths(anon, home_page):
    make_page(home_page, title="Profil", slug="profil")
    cached_twice(anon, "/profil/")
    page_cache.purge_paths(["/profil/"])
    assert fetch(anon, "/profil/")[0]["X-Cache"] == "MISS"
    page_cache.purge_all()
    assert fetch(anon, "/profil/")[0]["X-Cache"] == "MISS"


def test_purge_after_commit_catches_a_request_that_raced_the_transaction(
    anon, home_page, django_capture_on_commit_callbacks
):
    page = make_page(home_page, title="Profil", slug="profil")
    cached_twice(anon, "/profil/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.intro = "Versi baru"
        publish(page)
    # Simulate a reader that rendered the old rows after the first purge but before the commit.
    fetch(anon, "/profil/")
    assert fetch(anon, "/profil/")[0]["X-Cache"] == "HIT"
    for callback in callbacks:
        callback()
    assert fetch(anon, "/profil/")[0]["X-Cache"] == "MISS"


def test_etag_gives_a_bodiless_304_until_the_page_changes(anon, home_page):
    page = make_page(home_page, title="Profil", slug="profil")
    first, _ = fetch(anon, "/profil/")
    etag = first["ETag"]
    revalidated = anon.get("/profil/", headers={"if-none-match": etag})
    assert revalidated.status_code == 304 and revalidated.content == b""
    page.title = "Profil Badan"
    publish(page)
    changed = anon.get("/profil/", headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Profil Badan" in changed.content.decode()


def test_tracking_parameters_share_the_entry_but_real_parameters_do_not(anon, home_page, settings):
    settings.PAGE_CACHE_QUERY_PARAMS = {"home.HomePage": ("page",)}
    cached_twice(anon, "/")
    assert fetch(anon, "/?utm_source=facebook&fbclid=IwAR0abc")[0]["X-Cache"] == "HIT"
    assert fetch(anon, "/?page=2")[0]["X-Cache"] == "MISS"


# --- Floods: what a visitor's made-up URLs can leave in the cache ---------------------------------------------


def entries():
    return len(caches["default"]._cache)  # LocMemCache's own dict: every key, tokens included


def test_unknown_query_parameters_are_rendered_and_never_stored(anon, home_page, settings):
    """A parameter the page does not read would otherwise make a new entry per value: the junk-query flood that
    evicted rate-limit counters (issue 15). It is answered by a render, not by the page without the parameter,
    so a page that starts reading a new parameter is never served from the wrong entry."""
    settings.PAGE_CACHE_QUERY_PARAMS = {"news.NewsIndexPage": ("page",)}
    make_page(home_page, title="Profil", slug="profil")
    cached_twice(anon, "/profil/")
    before = entries()
    for n in range(200):
        response, body = fetch(anon, f"/profil/?x{n}={n}&page={n}")
        assert response.status_code == 200 and response["X-Cache"] == "PASS" and "Profil" in body
    assert entries() == before
    assert fetch(anon, "/profil/")[0]["X-Cache"] == "HIT"


def test_allowed_parameters_store_a_bounded_number_of_query_strings_per_path(anon, home_page, settings):
    settings.PAGE_CACHE_QUERY_PARAMS = {"home.StandardPage": ("page",)}
    settings.PAGE_CACHE_MAX_VARIANTS = 5
    make_page(home_page, title="Profil", slug="profil")
    cached_twice(anon, "/profil/")
    before = entries()
    answers = [fetch(anon, f"/profil/?page={n}")[0]["X-Cache"] for n in range(1, 101)]
    assert answers == ["MISS"] * 5 + ["PASS"] * 95
    assert entries() == before + 5 + 1  # five pages and their counter
    assert fetch(anon, "/profil/?page=3")[0]["X-Cache"] == "HIT"
    # A purge starts the count again.
    page_cache.purge_paths(["/profil/"])
    assert fetch(anon, "/profil/?page=99")[0]["X-Cache"] == "MISS"


def test_made_up_paths_leave_nothing_in_the_cache(anon, home_page):
    fetch(anon, "/")
    fetch(anon, "/tidak-ada/")  # the 404 page's own kept parts, once
    before = entries()
    for n in range(200):
        assert fetch(anon, f"/tidak-ada-{n}/")[0].status_code == 404
    assert entries() == before


def test_migrate_forgets_every_cached_page(anon, home_page):
    """Each deploy runs migrate; pages rendered by the old templates must go."""
    cached_twice(anon, "/")
    call_command("migrate", verbosity=0, interactive=False)
    assert fetch(anon, "/")[0]["X-Cache"] == "MISS"


def test_evicted_tokens_never_bring_back_a_stale_entry(anon, home_page):
    page = make_page(home_page, title="Profil", slug="profil")
    cached_twice(anon, "/profil/")
    page.title = "Profil Baru"
    publish(page)
    # Redis under memory pressure may evict the tokens but keep entries: a new token matches no old entry.
    caches["default"].delete(page_cache.SITE_TOKEN_KEY)
    caches["default"].delete(page_cache.path_token_key("/profil/"))
    assert "Profil Baru" in fetch(anon, "/profil/")[1]


def closed_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def test_pages_are_served_and_published_while_redis_is_down(anon, home_page, settings):
    page = make_page(home_page, title="Profil", slug="profil")
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    for _ in range(2):
        response, body = fetch(anon, "/profil/")
        assert response.status_code == 200 and "Profil" in body
        assert response["X-Cache"] == "PASS"
    page.title = "Profil saat Redis mati"
    publish(page)
    assert "Profil saat Redis mati" in fetch(anon, "/profil/")[1]


def test_purge_on_change_registers_more_content_models(anon, home_page):
    from django.contrib.sites.models import Site as DjangoSite

    cached_twice(anon, "/")
    DjangoSite.objects.get_current().save()
    assert fetch(anon, "/")[0]["X-Cache"] == "HIT"  # not content: no purge
    page_cache.purge_on_change(DjangoSite)
    try:
        DjangoSite.objects.get_current().save()
        assert fetch(anon, "/")[0]["X-Cache"] == "MISS"
    finally:
        page_cache._registered_models.discard(DjangoSite)
        page_cache.is_content_model.cache_clear()


def test_no_code_reads_cookies_the_page_cache_does_not_know_about():
    """The cache serves one stored page to every request without a session or messages cookie (home/middleware.py,
    HARMLESS_VARY). A view that reads another cookie directly would get someone else's page: it must call
    home.cache.dont_cache(request), and then be listed here."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    allowed = {"home/middleware.py"}
    readers = [
        str(path.relative_to(root))
        for app in ("home", "news", "events", "feedback", "consultations", "builtforms", "ppid", "desk", "site_cms")
        for path in (root / app).rglob("*.py")
        if "COOKIES" in path.read_text(encoding="utf-8") and str(path.relative_to(root)) not in allowed
    ]
    assert readers == []


def test_an_editor_sees_menu_and_settings_changes_on_the_next_render(client, home_page, admin_user):
    """Editors always get a fresh render; the header and footer kept from an earlier render (the fragments,
    tests/site/test_fragments.py) are renewed by a change of the settings or of the menu's pages."""
    client.force_login(admin_user)
    make_page(home_page, title="Profil", slug="profil", show_in_menus=True)
    fetch(client, "/profil/")
    fetch(client, "/profil/")
    settings = SiteSettings.load()
    settings.short_name = "Kesbangpol Prov. Kalteng"
    settings.save()
    make_page(home_page, title="Layanan Baru", slug="layanan-baru", show_in_menus=True)
    response, body = fetch(client, "/profil/")
    assert "Kesbangpol Prov. Kalteng" in body and 'href="/layanan-baru/"' in body


def test_production_cookie_names_bypass_the_cache(anon, home_page, settings):
    """Production names the cookies `__Host-sessionid` and `__Host-messages` (settings/production.py); a request
    carrying either is one visitor's own, whatever the names."""
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.MESSAGE_STORAGE = "home.security.HostCookieMessageStorage"
    make_page(home_page, title="Profil", slug="profil")
    cached_twice(anon, "/profil/")
    for name in ("__Host-messages", "__Host-sessionid"):
        visitor = Client()
        visitor.cookies[name] = "anything"
        assert fetch(visitor, "/profil/")[0]["X-Cache"] == "BYPASS", name
    # The CSRF cookie alone does not make a page personal: cached pages carry no token.
    visitor = Client()
    visitor.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    assert fetch(visitor, "/profil/")[0]["X-Cache"] == "HIT"
