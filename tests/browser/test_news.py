"""Reader journey through news and guidance: read Berita, filter, open an article, download a template, follow
the SIOLA self-check. axe-core must find nothing serious on any page; the self-check also works without JS."""

import re

from playwright.sync_api import expect


def test_news_and_guidance_journey(page, live_site, axe):
    page.goto(live_site.url("/"))
    expect(page.locator("section.announcements")).to_contain_text("Pendaftaran FGD Wawasan Kebangsaan")
    page.locator(".site-header summary", has_text="Menu").click()  # folded on a phone (header.html)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Berita").click()
    expect(page).to_have_url(live_site.url("/berita/"))
    expect(page.locator("h1")).to_have_text("Berita")
    expect(page.locator(".news-card").first).to_contain_text("Disematkan")
    axe.check(page, "berita")

    page.get_by_role("navigation", name="Kategori berita").get_by_role("link", name="Pengumuman").click()
    expect(page).to_have_url(live_site.url("/berita/?kategori=pengumuman"))
    expect(page.locator("h1")).to_have_text("Berita: Pengumuman")
    metas = page.locator(".news-card .card__meta")
    expect(metas).to_have_count(3)
    for i in range(3):
        expect(metas.nth(i)).to_contain_text("Pengumuman")
    axe.check(page, "berita-pengumuman")

    page.get_by_role("link", name="Jadwal Layanan Konsultasi Pendaftaran Ormas Bulan Juni 2024").click()
    expect(page.locator("h1")).to_have_text("Jadwal Layanan Konsultasi Pendaftaran Ormas Bulan Juni 2024")
    expect(page.locator(".news-article time")).to_contain_text("WIB")
    expect(page.get_by_role("link", name="Salin tautan")).to_have_attribute("href", re.compile(r"^http"))
    axe.check(page, "article")

    page.get_by_role("region", name="Baca juga").get_by_role("link", name="Persyaratan Dokumen SKT").click()
    expect(page.locator("h1")).to_have_text("Persyaratan Dokumen SKT")
    expect(page.locator(".guidance-header")).to_contain_text("Terakhir ditinjau")
    axe.check(page, "guide-skt")
    template = page.get_by_role("link", name=re.compile("Contoh Surat Pernyataan Tidak Dalam Sengketa"))
    expect(page.locator(".checklist .document-link").first).to_contain_text("PDF")
    # Every document downloads as an attachment (WAGTAILDOCS_INLINE_CONTENT_TYPES = []: nothing uploaded renders in
    # our origin), so the click is a download and the reader stays on the guide. The stored name carries a random
    # suffix (home/storage.py).
    with page.expect_download() as info:
        template.click()
    download = info.value
    assert re.fullmatch(r"contoh-pernyataan-tidak-dalam-sengketa[^/]*\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    expect(page.locator("h1")).to_have_text("Persyaratan Dokumen SKT")

    page.locator(".site-header summary", has_text="Menu").click()  # folded on a phone (header.html)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Panduan Ormas").click()
    axe.check(page, "panduan")
    page.get_by_role("link", name="Mendaftarkan Ormas melalui SIOLA").click()
    expect(page.locator(".external-service")).to_contain_text("Anda akan meninggalkan situs ini.")
    axe.check(page, "guide-siola")
    page.get_by_role("link", name="Cek kesiapan").click()
    fill_self_check(page)
    axe.check(page, "self-check-result")


def fill_self_check(page):
    expect(page.locator("h1")).to_have_text("Cek Kesiapan Mendaftar di SIOLA")
    page.get_by_label("Akta pendirian dari notaris yang memuat AD atau AD/ART").check()
    page.get_by_label("Program kerja organisasi").check()
    page.get_by_label("Susunan pengurus").check()
    page.get_by_role("button", name="Periksa kesiapan").click()
    expect(page).to_have_url(re.compile(r"cek=1.*#hasil$"))
    result = page.locator("#hasil")
    expect(result.locator(".readiness-missing li")).to_have_count(3)
    expect(result).to_contain_text("NPWP atas nama organisasi")
    expect(result.get_by_role("link", name=re.compile("Buka SIOLA"))).to_have_attribute("href", re.compile("^https://"))
    expect(page.get_by_label("Susunan pengurus")).to_be_checked()


def test_self_check_works_without_javascript(open_page, live_site, axe):
    page = open_page(java_script_enabled=False)
    page.goto(live_site.url("/panduan-ormas/cek-kesiapan-siola/"))
    fill_self_check(page)
    axe.screenshot(page, "self-check-no-js")
