"""Smoke journey: open the home page, follow the menu, search. With and without JavaScript, axe-clean."""

import re

from playwright.sync_api import expect


def walk_the_site(page, live_site, check):
    page.goto(live_site.url("/"))
    expect(page).to_have_title(re.compile("Kesbangpol Kalteng"))
    expect(page.locator("h1")).to_have_text("Kesatuan bangsa dimulai dari kita")
    check(page, "home")

    page.locator(".site-header summary", has_text="Menu").click()  # folded on a phone (header.html)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Profil").click()
    expect(page).to_have_url(live_site.url("/profil/"))
    expect(page.locator("h1")).to_have_text("Profil")
    expect(page.get_by_role("navigation", name="Jejak navigasi")).to_contain_text("Beranda")
    check(page, "profil")

    page.get_by_role("searchbox", name="Cari di situs ini").fill("Kamtibmas")
    page.get_by_role("searchbox", name="Cari di situs ini").press("Enter")
    expect(page).to_have_url(re.compile(r"/cari/\?q=Kamtibmas"))
    results = page.locator(".result-list h2 a")
    expect(results.first).to_be_visible()
    check(page, "search")

    results.filter(has_text="Sinergi Polri").first.click()
    expect(page.locator("h1")).to_contain_text("Sinergi Polri dan Masyarakat")
    check(page, "story")

    page.goto(live_site.url("/tidak-ada/"))
    expect(page.locator("h1")).to_have_text("Halaman tidak ditemukan")
    check(page, "not-found")


def test_smoke_journey(page, live_site, axe):
    walk_the_site(page, live_site, axe.check)


def test_smoke_journey_without_javascript(open_page, live_site, axe):
    page = open_page(java_script_enabled=False)
    # axe itself needs JavaScript, so this walk keeps screenshots only; the journey must still work.
    walk_the_site(page, live_site, axe.screenshot)


def test_skip_link_is_the_first_tab_stop(page, live_site):
    page.goto(live_site.url("/profil/"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Langsung ke konten utama"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"
