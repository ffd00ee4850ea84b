"""Browser journey of the PPID section: find it in the menu, filter the Daftar Informasi Publik without JavaScript,
download the filtered list, read the exempt list; axe on each page."""

import re

from playwright.sync_api import expect


def test_filter_the_public_information_list_without_javascript(page, live_site, axe, open_page):
    page.goto(live_site.url("/"))
    expect(page.locator("nav.main-nav a[href='/ppid/']")).to_have_count(1)
    page.goto(live_site.url("/ppid/"))
    expect(page.locator("h1")).to_have_text("PPID")
    axe.check(page, "ppid")
    page.get_by_role("link", name="Daftar Informasi Publik (DIP)").first.click()
    expect(page.locator("h1")).to_have_text("Daftar Informasi Publik")
    axe.check(page, "ppid-dip")

    no_js = open_page(java_script_enabled=False)
    no_js.goto(live_site.url("/ppid/daftar-informasi/"))
    no_js.get_by_label("Kategori").select_option("serta_merta")
    no_js.get_by_role("button", name="Tampilkan").click()
    expect(no_js).to_have_url(re.compile(r"kategori=serta_merta"))
    rows = no_js.locator("table.dip-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Serta merta")
    expect(no_js.get_by_role("status")).to_contain_text("Ditemukan 1 informasi")
    with no_js.expect_download() as download:
        no_js.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.startswith("daftar-informasi-publik-")

    page.goto(live_site.url("/ppid/informasi-dikecualikan/"))
    expect(page.locator("table.dik-table caption")).to_have_text("Daftar Informasi yang Dikecualikan")
    axe.check(page, "ppid-dik")
