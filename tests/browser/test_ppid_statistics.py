"""Browser journey of the PPID statistics and register of requests (ppid/public_reports.py): reach them from the PPID
page, choose a semester without JavaScript, download a table's CSV; axe on each page."""

import re

from django.utils import timezone
from playwright.sync_api import expect


def test_statistics_and_register_from_the_ppid_page(page, live_site, axe, open_page):
    year = timezone.localdate().year
    page.goto(live_site.url("/ppid/"))
    page.get_by_role("link", name="Statistik layanan PPID").click()
    expect(page.locator("h1")).to_contain_text(f"Statistik layanan PPID: {year}")
    expect(page.locator('table[data-report="ppid-permohonan"] tfoot td').last).not_to_have_text("0")
    axe.check(page, "ppid-statistik")

    page.goto(live_site.url("/ppid/"))
    page.get_by_role("link", name="Register permohonan").click()
    expect(page.locator("table.register-table tbody tr").first).to_contain_text("[Contoh konten demo]")
    axe.check(page, "ppid-register")

    no_js = open_page(java_script_enabled=False)
    no_js.goto(live_site.url("/ppid/statistik/"))
    no_js.get_by_label("Periode", exact=True).select_option("2")
    no_js.get_by_role("button", name="Tampilkan").click()
    expect(no_js).to_have_url(re.compile(r"semester=2"))
    expect(no_js.locator("h1")).to_contain_text(f"Juli–Desember {year}")
    no_js.get_by_label("Tahun", exact=True).fill("1999")  # a number field takes no letters; the server checks too
    no_js.get_by_role("button", name="Tampilkan").click()
    expect(no_js.locator(".field-error")).to_contain_text("Pilih tahun dari 2010")
    no_js.goto(live_site.url("/ppid/statistik/"))
    with no_js.expect_download() as download:
        no_js.locator('a[href*="unduh/ppid-waktu/"]').click()
    assert download.value.suggested_filename == f"ppid-waktu-{year}.csv"
