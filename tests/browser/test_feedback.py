"""Browser journey of Saran dan Pengaduan: a citizen complains, an editor answers, the citizen reads the answer."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

ADMIN_PASSWORD = "correct-horse-battery-staple"


def send_complaint(page, live_site, email="warga.uji@contoh.id"):
    page.goto(live_site.url("/saran-dan-pengaduan/"))
    expect(page.locator("h1")).to_have_text("Saran dan Pengaduan")
    page.get_by_label("Pengaduan").check()
    page.get_by_label("Topik").select_option(label="Pendaftaran ormas/SIOLA")
    page.get_by_label("Pesan Anda").fill("Berkas pendaftaran ormas kami di SIOLA ditolak tanpa keterangan apa pun.")
    page.get_by_label("Nama (tidak wajib)").fill("Warga Uji")
    page.get_by_label("E-mail (tidak wajib)").fill(email)
    page.get_by_label(re.compile("^Saya setuju")).check()
    page.get_by_role("button", name="Kirim").click()
    expect(page).to_have_url(live_site.url("/saran-dan-pengaduan/terkirim/"))
    code = page.locator("#tracking-code").inner_text()
    assert re.fullmatch(r"ADU-\d{4}-\d{5}", code)
    return code


def check_status(page, live_site, code, proof):
    page.goto(live_site.url("/saran-dan-pengaduan/status/"))
    page.get_by_label("Kode pelacakan").fill(code)
    page.get_by_label("Kode rahasia (PIN)").fill(proof)
    page.get_by_role("button", name="Tampilkan status").click()
    expect(page.locator("h1")).to_have_text(f"Status {code}")


def test_complaint_answered_by_an_editor_reaches_the_citizen(page, open_page, live_site, axe, django_user_model):
    from feedback.models import Feedback
    from home.models import OutboxMessage

    page.goto(live_site.url("/saran-dan-pengaduan/"))
    axe.check(page, "feedback-form")
    page.get_by_role("button", name="Kirim").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe.check(page, "feedback-form-errors")

    code = send_complaint(page, live_site)
    axe.check(page, "feedback-confirmation")
    item = Feedback.objects.get(tracking_code=code)
    assert item.topic.name == "Pendaftaran ormas/SIOLA" and item.team.name == "Tim Ormas dan SIOLA"

    # The editor verifies the complaint and writes the answer in the Wagtail admin.
    django_user_model.objects.create_superuser("kabid", "kabid@kesbangpol.example", ADMIN_PASSWORD)
    editor = open_page(viewport={"width": 1280, "height": 900})
    editor.goto(live_site.url("/admin/login/"))
    editor.locator("#id_username").fill("kabid")
    editor.locator("#id_password").fill(ADMIN_PASSWORD)
    editor.locator("#id_password").press("Enter")
    editor.goto(live_site.url("/admin/saran-pengaduan/"))
    editor.get_by_role("link", name=code).click()
    editor.locator("#id_status-status").select_option("diverifikasi")
    editor.get_by_role("button", name="Ubah status").click()
    expect(editor.locator(".messages")).to_contain_text("Diverifikasi")
    editor.locator("#id_answer-text").fill("Berkas Anda kurang akta notaris. Silakan unggah ulang di SIOLA.")
    editor.get_by_role("button", name="Terbitkan jawaban").click()
    expect(editor.locator(".messages")).to_contain_text("Jawaban diterbitkan")

    # The citizen, on another device, opens the link in the answer mail (an address alone opens nothing).
    citizen = open_page()
    citizen.goto(live_site.url("/saran-dan-pengaduan/status/"))
    citizen.get_by_label("Kode pelacakan").fill(code)
    citizen.get_by_label("Kode rahasia (PIN)").fill("warga.uji@contoh.id")
    citizen.get_by_role("button", name="Tampilkan status").click()
    expect(citizen.locator("#id_secret-error")).to_contain_text("tidak cocok")
    answer_mail = OutboxMessage.objects.get(key__startswith=f"feedback:{code}:answer:")
    link = urlsplit(re.search(r"https?://\S+/saran-dan-pengaduan/status/\?\S+", answer_mail.body_text)[0])
    citizen.goto(live_site.url(f"{link.path}?{link.query}"))
    expect(citizen.locator("h1")).to_have_text(f"Status {code}")
    expect(citizen.locator(".feedback-answer")).to_contain_text("kurang akta notaris")
    expect(citizen.locator(".feedback-history")).to_contain_text("Diverifikasi")
    expect(citizen.locator("main")).not_to_contain_text("Warga Uji")
    expect(citizen.locator("main")).not_to_contain_text("ditolak tanpa keterangan")
    axe.check(citizen, "feedback-status")


def test_the_citizen_journey_works_without_javascript(open_page, live_site, axe):
    page = open_page(java_script_enabled=False)
    page.goto(live_site.url("/saran-dan-pengaduan/"))
    page.get_by_label("Saran").check()
    page.get_by_label("Topik").select_option(label="Layanan Kesbangpol lainnya")
    page.get_by_label("Pesan Anda").fill("Mohon jam layanan hari Jumat diperpanjang sampai sore.")
    page.get_by_label(re.compile("Anonim: jangan simpan")).check()
    page.get_by_label(re.compile("^Saya setuju")).check()
    page.get_by_role("button", name="Kirim").click()
    code = page.locator("#tracking-code").inner_text()
    secret = page.locator("#tracking-secret").inner_text()
    axe.screenshot(page, "anonymous-confirmation")
    check_status(page, live_site, code, secret)
    expect(page.locator(".status-badge")).to_have_text("Baru")
