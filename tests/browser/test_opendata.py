"""Data dan Statistik in a real browser on a 360 px phone: reached from the menu, axe-clean, charts fit the screen,
and a CSV downloads without JavaScript."""

from pathlib import Path

from playwright.sync_api import expect


def test_statistics_page_on_a_phone(page, live_site, axe):
    page.goto(live_site.url("/data-dan-statistik/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Data dan Statistik")
    expect(page.get_by_role("table", name="Ormas per kabupaten/kota")).to_be_visible()
    # The charts scale to the screen: the page does not scroll sideways (tables scroll inside their own region).
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe.check(page, "data-statistik")


def test_a_csv_downloads_without_javascript(open_page, live_site):
    page = open_page(java_script_enabled=False)
    page.goto(live_site.url("/data-dan-statistik/"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh “Ormas per status” sebagai CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("# Ormas per status") and "Total,30" in text
