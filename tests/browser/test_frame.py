"""The site frame as a citizen meets it on a cheap phone (360 px): the page's own content near the top, a "Menu"
disclosure that works by keyboard and without JavaScript, no banner on the page it leads to, the way from an event's
top to its registration form; on a wide screen the whole menu inline and a hero as wide as the page; landmarks
with unique names (axe `landmark-unique`)."""

import pytest
from playwright.sync_api import expect

from events.models import EventPage
from news.models import NewsPage

OPEN_FGD = "fgd-wawasan-kebangsaan-generasi-muda"
ARTICLE_TITLE = "Sinergi Polri dan Masyarakat Jaga Kamtibmas Kalteng Menjelang Pilkada 2024"
# The first screenful of a 740 px phone screen: the <h1> starts in its upper part, not below a screen of header.
H1_TOP_LIMIT = 300


def menu_toggle(page):
    return page.locator(".site-header summary", has_text="Menu")


@pytest.mark.parametrize("java_script_enabled", [True, False], ids=["js", "no-js"])
def test_on_a_phone_the_page_starts_near_the_top_and_the_menu_folds(open_page, live_site, axe, java_script_enabled):
    page = open_page(java_script_enabled=java_script_enabled)
    event = EventPage.objects.get(slug=OPEN_FGD)
    article = NewsPage.objects.get(title=ARTICLE_TITLE)
    banner = page.locator("section.announcements")

    for path, banner_shown in [("/", True), (article.url, True), (event.url, False)]:
        page.goto(live_site.url(path))
        top = page.locator("h1").bounding_box()["y"]
        assert top <= H1_TOP_LIMIT, f"<h1> of {path} starts {top:.0f} px down"
        # The site-wide banner leads to the open event: shown everywhere but on that event's own page.
        if banner_shown:
            expect(banner).to_contain_text("Pendaftaran FGD Wawasan Kebangsaan")
        else:
            expect(banner).to_have_count(0)
        # The menu is folded; the search form stays in view.
        expect(page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Profil")).to_be_hidden()
        expect(page.get_by_role("searchbox", name="Cari di situs ini")).to_be_visible()

    # Opened and followed by keyboard alone.
    page.goto(live_site.url("/"))
    toggle = menu_toggle(page)
    expect(toggle).to_be_visible()
    page.get_by_role("searchbox", name="Cari di situs ini").focus()
    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    menu = page.get_by_role("navigation", name="Menu utama")
    expect(menu.get_by_role("link", name="Profil")).to_be_visible()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Beranda")).to_be_focused()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Profil")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_site.url("/profil/"))
    expect(page.locator("h1")).to_have_text("Profil")
    # Closed again on the new page, and Space opens it too.
    expect(menu.get_by_role("link", name="Berita")).to_be_hidden()
    menu_toggle(page).focus()
    page.keyboard.press(" ")
    expect(menu.get_by_role("link", name="Berita")).to_be_visible()
    # axe needs JavaScript; without it the screenshot is kept.
    (axe.check if java_script_enabled else axe.screenshot)(page, "menu-open")


def test_on_a_wide_screen_the_menu_is_inline_and_the_hero_fills_the_page(open_page, live_site, axe):
    page = open_page(viewport={"width": 1280, "height": 800})
    page.goto(live_site.url("/"))
    expect(menu_toggle(page)).to_be_hidden()
    expect(page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Profil")).to_be_visible()

    hero = page.locator("section.hero")
    image = hero.locator("img.hero__image")
    expect(image).to_be_visible()
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.bounding_box()["width"] >= 0.95 * hero.bounding_box()["width"]
    axe.check(page, "home-wide")


def test_every_landmark_has_a_name_of_its_own(page, live_site):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for path in ["/", "/cari/?q=FGD", "/tidak-ada/"]:
        page.goto(live_site.url(path))
        result = axe.run(page, options={"runOnly": {"type": "rule", "values": ["landmark-unique"]}})
        violations = result.response["violations"]
        assert violations == [], f"{path}: {[n['target'] for v in violations for n in v['nodes']]}"
        assert result.response["passes"] or result.response["inapplicable"], "the rule did not run"


@pytest.mark.parametrize("java_script_enabled", [True, False], ids=["js", "no-js"])
def test_from_the_banner_or_the_top_of_an_open_event_straight_to_its_form(open_page, live_site, java_script_enabled):
    page = open_page(java_script_enabled=java_script_enabled)
    event = EventPage.objects.get(slug=OPEN_FGD)
    first_field = page.get_by_label("Nama lengkap")

    # The banner's "Daftar sekarang" opens the event at its registration part: seats left and the "Daftar" link to
    # the form's own page (the event page is cached for everyone; the form is each visitor's own).
    page.goto(live_site.url("/"))
    page.locator("section.announcements").get_by_role("link", name="Daftar sekarang").click()
    expect(page).to_have_url(live_site.url(event.url + "#pendaftaran"))
    register = page.locator("#pendaftaran").get_by_role("link", name="Daftar", exact=True)
    expect(register).to_be_in_viewport()
    register.click()
    expect(page).to_have_url(live_site.url(event.registration_url()))
    expect(first_field).to_be_visible()

    # Opened at the top, the "Daftar sekarang" button beside the status badge leads to the form too.
    page.goto(live_site.url(event.url))
    badge = page.locator(".event__header").get_by_text("Pendaftaran dibuka")
    button = page.locator(".event__header").get_by_role("link", name="Daftar sekarang")
    expect(button).to_have_attribute("href", event.registration_url())
    expect(badge).to_be_in_viewport()
    expect(button).to_be_in_viewport()
    assert abs(button.bounding_box()["y"] - badge.bounding_box()["y"]) < 60, "the button is not beside the badge"
    button.click()
    expect(first_field).to_be_visible()
