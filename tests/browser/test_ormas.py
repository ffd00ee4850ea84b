"""Data Ormas in a real browser: filter and open an ormas without JavaScript, axe-clean list and page."""

from playwright.sync_api import expect


def test_filter_and_open_an_ormas_without_javascript(open_page, live_site, axe):
    page = open_page(java_script_enabled=False)
    page.goto(live_site.url("/data-ormas/"))
    expect(page.locator("#ormas-count")).to_contain_text("30 ormas")
    page.get_by_label("Kabupaten/kota", exact=True).select_option("62.06")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.locator("#ormas-count")).to_contain_text("2 ormas")
    page.locator(".ormas-list h2 a").first.click()
    expect(page.locator("#ormas-status")).to_be_visible()
    expect(page.locator("#report-correction")).to_have_text("Laporkan koreksi data")
    axe.screenshot(page, "ormas-page-no-js")


def test_the_list_and_a_page_are_accessible(page, live_site, axe):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_site.url("/data-ormas/"))
    axe.check(page, "ormas-list")
    page.locator(".ormas-list h2 a").first.click()
    axe.check(page, "ormas-page")
