"""Browser journey of the PPID request service: ask, get the receipt, track it, object; axe on every page."""

import re

from playwright.sync_api import expect


def test_request_receipt_tracking_and_objection(open_page, live_site, axe):
    # JavaScript on: axe runs in the page. The same journey without JavaScript is tests/ppid/test_public.py (plain
    # HTML forms, nothing to script).
    page = open_page()
    page.goto(live_site.url("/permohonan-informasi/"))
    expect(page.locator("h1")).to_have_text("Permohonan Informasi Publik")
    axe.check(page, "ppid-form")
    page.get_by_role("button", name="Kirim permohonan").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe.check(page, "ppid-form-errors")

    page.locator("input[name=requester_type][value=perorangan]").check()
    page.locator("#id_name").fill("Pemohon Uji Peramban")
    page.locator("#id_nik").fill("6271015203900007")
    page.locator("#id_address").fill("Jl. Uji No. 1, Palangka Raya")
    page.locator("#id_email").fill("pemohon.uji@contoh.id")
    page.locator("#id_information").fill("Daftar ormas terdaftar tahun 2025.")
    page.locator("#id_purpose").fill("Penelitian.")
    page.locator("input[name=obtain][value=softcopy]").check()
    page.locator("input[name=delivery][value=email]").check()
    page.get_by_role("button", name="Kirim permohonan").click()
    expect(page).to_have_url(live_site.url("/permohonan-informasi/terkirim/"))
    number = page.locator("#ppid-number").inner_text()
    secret = page.locator("#ppid-secret").inner_text()
    assert re.fullmatch(r"PPID-\d{4}-\d{5}", number)
    axe.check(page, "ppid-receipt")

    other = open_page()
    other.goto(live_site.url("/permohonan-informasi/lacak/"))
    other.get_by_label("Nomor pendaftaran").fill(number)
    other.get_by_label("Kode rahasia").fill(secret)
    other.get_by_role("button", name="Tampilkan permohonan").click()
    expect(other.locator("h1")).to_have_text(f"Permohonan {number}")
    expect(other.locator("main")).not_to_contain_text("Pemohon Uji Peramban")
    expect(other.locator("main")).not_to_contain_text("6271015203900007")
    axe.check(other, "ppid-tracking")

    other.goto(live_site.url(f"/permohonan-informasi/keberatan/?nomor={number}"))
    axe.check(other, "ppid-objection-form")
    other.get_by_label("Kode rahasia").fill(secret)
    other.get_by_role("checkbox", name=re.compile(r"c\. permohonan tidak ditanggapi")).check()
    other.get_by_label("Kasus posisi").fill("Belum ada tanggapan atas permohonan saya.")
    other.get_by_role("button", name="Kirim keberatan").click()
    expect(other.locator("#ppid-objection-number")).to_have_text(re.compile(r"KBR-\d{4}-\d{5}"))
    axe.check(other, "ppid-objection-receipt")
