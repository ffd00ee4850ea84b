"""The participant's journey: find the event, register, see the code, open the management link from the mail,
cancel, and watch the waitlisted person get promoted. Mail goes to a real SMTP sink; every page is axe-checked."""

import datetime as dt
import io
import re
import time
import unicodedata
from pathlib import Path

import zxingcpp
from django.conf import settings
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from events import links, seats
from events.models import EventPage
from tests.factories.events import register

OPEN_FGD = "fgd-wawasan-kebangsaan-generasi-muda"


def mail_for(sink, to, key_part, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in sink.messages if m["To"] == to and key_part in m["X-Outbox-Key"]]
        if found:
            return found[-1]
        time.sleep(0.1)
    raise AssertionError(f"no '{key_part}' mail to {to}; got {[m['X-Outbox-Key'] for m in sink.messages]}")


def manage_link(message):
    return re.search(r"https?://\S+/pendaftaran-kegiatan/\S+/", message.get_body(("plain",)).get_content()).group(0)


def fill_registration(page, *, name, email, organisation):
    page.get_by_label("Nama lengkap").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Telepon / WhatsApp").fill("0812 3456 7890")
    page.get_by_label("Organisasi / instansi").fill(organisation)
    page.get_by_role("radio", name=re.compile("^BEM")).check()
    page.get_by_role("radio", name="Ya", exact=True).check()
    page.get_by_role("checkbox", name=re.compile("Saya setuju")).check()
    page.get_by_role("button", name="Daftar").click()


def test_register_cancel_and_the_waitlist_moves_up(page, live_site, axe, smtp_sink):
    # One seat only, so the second person waits.
    event = EventPage.objects.get(slug=OPEN_FGD)
    event.capacity = 1
    event.save_revision().publish()

    page.goto(live_site.url("/"))
    page.locator(".site-header summary", has_text="Menu").click()  # folded on a phone (header.html)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Agenda Kegiatan").click()
    expect(page.locator("h1")).to_have_text("Agenda Kegiatan")
    axe.check(page, "agenda")
    page.get_by_role("link", name=event.title).click()
    expect(page.locator("h1")).to_have_text(event.title)
    expect(page.get_by_text("Pendaftaran dibuka").first).to_be_visible()
    axe.check(page, "event")

    fill_registration(page, name="Rina Wulandari", email="rina@contoh.example", organisation="BEM UPR")
    expect(page.locator("h1")).to_have_text("Anda terdaftar")
    code = page.locator(".registration-code strong").inner_text()
    assert re.fullmatch(r"FGD-\d{4}-\d{4}", code)
    axe.check(page, "registered")

    page.goto(live_site.url(event.url))
    expect(page.get_by_text("Penuh, daftar tunggu dibuka").first).to_be_visible()
    fill_registration(page, name="Yohanes Lambung", email="yohanes@contoh.example", organisation="DEMA IAIN")
    expect(page.locator("h1")).to_have_text("Anda masuk daftar tunggu")

    confirmation = mail_for(smtp_sink, "rina@contoh.example", ":confirmed")
    assert code in confirmation.get_body(("plain",)).get_content()
    page.goto(manage_link(confirmation))
    expect(page.locator("h1")).to_have_text("Pendaftaran Anda")
    expect(page.get_by_text(code, exact=True)).to_be_visible()
    # The QR code on the screen, as the desk's phone camera sees it: a standard QR code (not Micro QR, which
    # cameras do not read) holding the link to this registration's check-in in the admin.
    [scanned] = zxingcpp.read_barcodes(Image.open(io.BytesIO(page.locator(".qr svg").screenshot())))
    assert scanned.format == zxingcpp.BarcodeFormat.QRCode
    assert scanned.text == f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/pendaftaran-kegiatan/check-in/{code}/"
    axe.check(page, "manage")
    page.get_by_role("checkbox", name=re.compile("Ya, batalkan pendaftaran saya")).check()
    page.get_by_role("button", name="Batalkan pendaftaran saya").click()
    expect(page.get_by_role("status")).to_contain_text("Pendaftaran Anda telah dibatalkan")
    axe.check(page, "cancelled")

    promotion = mail_for(smtp_sink, "yohanes@contoh.example", ":promoted:")
    assert "ada kursi yang kosong" in promotion.get_body(("plain",)).get_content()
    page.goto(manage_link(mail_for(smtp_sink, "yohanes@contoh.example", ":waitlisted")))
    expect(page.locator(".event-facts .status")).to_have_text("Terkonfirmasi")


def test_registering_works_without_javascript(open_page, live_site, axe):
    page = open_page(java_script_enabled=False)
    page.goto(live_site.url(f"/agenda-kegiatan/{OPEN_FGD}/"))
    page.get_by_role("button", name="Daftar").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_text("Kolom ini harus diisi.").first).to_be_visible()
    axe.screenshot(page, "errors-no-js")
    fill_registration(page, name="Siti Nurhaliza", email="siti@contoh.example", organisation="KNPI")
    expect(page.locator("h1")).to_have_text("Anda terdaftar")
    axe.screenshot(page, "registered-no-js")
    assert seats  # the module under test is imported here so the journey fails loudly if it cannot load


def test_a_participant_downloads_the_certificate_and_anyone_can_verify_it(open_page, live_site, axe):
    """After the event, the link from the participant's mail offers the PDF (also with JavaScript off, as on a phone
    that has it off); the address printed on it opens the public verification page."""
    event = EventPage.objects.get(slug=OPEN_FGD)
    registration = register(event, name="Ṣiti Nurḥaliza", email="siti@contoh.example", organisation="BEM UPR")
    seats.mark_attendance(registration)
    start = timezone.now() - dt.timedelta(days=1)
    EventPage.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=3))

    page = open_page()
    page.goto(live_site.url(links.manage_path(registration)))
    expect(page.locator("h1")).to_have_text("Pendaftaran Anda")
    axe.check(page, "registration-after-event")

    no_js = open_page(java_script_enabled=False, accept_downloads=True)
    no_js.goto(live_site.url(links.manage_path(registration)))
    with no_js.expect_download() as download:
        no_js.get_by_role("link", name=re.compile("Unduh sertifikat", re.I)).click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    text = unicodedata.normalize("NFC", text)
    assert "Ṣiti Nurḥaliza" in text and event.title in text

    verify_url = re.search(r"https?://\S+/sertifikat/\S+/", text).group(0)
    assert verify_url.startswith(live_site.url("/"))  # the configured public address, not localhost
    page.goto(verify_url)
    expect(page.get_by_role("status")).to_contain_text("asli")
    expect(page.get_by_text("Ṣiti Nurḥaliza")).to_be_visible()
    axe.check(page, "certificate-verified")
