"""The participant's journey: find the event, register, confirm the held seat with the link from the mail, see the
code, open the management link from the mail, cancel, and watch the waitlisted person get promoted. Mail goes to a
real SMTP sink; every page is axe-checked."""

import datetime as dt
import io
import re
import time
import unicodedata
from pathlib import Path

import zxingcpp
from django.conf import settings
from django.utils import timezone, translation
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from events import links, seats
from events.models import EventPage, Registration
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


def plain(message):
    return message.get_body(("plain",)).get_content()


def manage_link(message):
    """The link to view or cancel (not the confirmation link, which a held or waitlisted registrant's mail has too)."""
    return re.search(r"https?://[^/\s]+/pendaftaran-kegiatan/(?!konfirmasi/)[^/\s]+/", plain(message)).group(0)


def confirm_link(message):
    return re.search(r"https?://[^/\s]+/pendaftaran-kegiatan/konfirmasi/[^/\s]+/", plain(message)).group(0)


def hold_deadline(email):
    """Until when the registration of `email` waits for the mailed click, as the pages and mails write it."""
    registration = Registration.objects.select_related("event").get(event__slug=OPEN_FGD, email=email)
    assert registration.hold_expires_at is not None
    with translation.override("id"):
        return registration.event.moment_display(registration.hold_expires_at)


def confirm_by_mail(page, sink, email, key_part):
    """Open the confirmation link from the mail (the page names the same deadline as the mail) and return its
    button: only pressing it (a POST) confirms, merely opening the link does not."""
    until = hold_deadline(email)
    message = mail_for(sink, email, key_part)
    assert until in plain(message)
    page.goto(confirm_link(message))
    expect(page.locator("h1")).to_have_text("Konfirmasi pendaftaran Anda")
    expect(page.get_by_text(f"Tanpa itu, pendaftaran berakhir pada {until}.")).to_be_visible()
    return page.get_by_role("button", name="Konfirmasi pendaftaran saya")


def seats_count(text):
    return int(re.match(r"\d+", text).group(0))


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
    page.locator("#pendaftaran").get_by_role("link", name="Daftar", exact=True).click()
    expect(page).to_have_url(live_site.url(event.registration_url()))
    axe.check(page, "registration-form")

    fill_registration(page, name="Rina Wulandari", email="rina@contoh.example", organisation="BEM UPR")
    # The seat is only held: the page says until when, and that the mailed link makes it hers.
    expect(page.locator("h1")).to_have_text("Periksa e-mail Anda untuk konfirmasi")
    until = hold_deadline("rina@contoh.example")
    expect(page.get_by_role("status")).to_contain_text(f"{event.title} ditahan untuk Anda sampai {until}.")
    code = page.locator(".registration-code strong").inner_text()
    assert re.fullmatch(r"FGD-\d{4}-\d{4}", code)
    axe.check(page, "check-email")

    confirm_button = confirm_by_mail(page, smtp_sink, "rina@contoh.example", ":held")
    expect(page.locator(".event-facts strong")).to_have_text(code)
    axe.check(page, "confirm")
    confirm_button.click()
    expect(page.get_by_role("status")).to_contain_text(f"kursi Anda untuk {event.title} sudah terkonfirmasi")
    expect(page.locator(".event-facts .status")).to_have_text("Terkonfirmasi")
    expect(page.get_by_role("button", name="Konfirmasi pendaftaran saya")).to_have_count(0)
    axe.check(page, "confirmed")

    page.goto(live_site.url(event.url))
    expect(page.get_by_text("Penuh, daftar tunggu dibuka").first).to_be_visible()
    page.locator(".event__header").get_by_role("link", name="Daftar sekarang").click()
    fill_registration(page, name="Yohanes Lambung", email="yohanes@contoh.example", organisation="DEMA IAIN")
    expect(page.locator("h1")).to_have_text("Anda masuk daftar tunggu")
    waiting_until = hold_deadline("yohanes@contoh.example")
    expect(
        page.get_by_text(f"mengeklik tautan di e-mail yang baru kami kirim, paling lambat {waiting_until}.")
    ).to_be_visible()
    # He keeps his place by confirming his address; moved up later, he is then confirmed without another click.
    confirm_by_mail(page, smtp_sink, "yohanes@contoh.example", ":waitlisted").click()
    expect(page.get_by_role("status")).to_contain_text("tempat Anda di daftar tunggu dipertahankan")
    expect(page.locator(".event-facts .status")).to_have_text("Daftar tunggu")

    confirmation = mail_for(smtp_sink, "rina@contoh.example", ":confirmed")
    assert code in plain(confirmation)
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
    assert "ada kursi yang kosong" in plain(promotion)
    page.goto(manage_link(mail_for(smtp_sink, "yohanes@contoh.example", ":waitlisted")))
    expect(page.locator(".event-facts .status")).to_have_text("Terkonfirmasi")


def test_registering_works_without_javascript(open_page, live_site, axe, smtp_sink):
    # axe.check needs JavaScript in the page; without it only screenshots are kept.
    page = open_page(java_script_enabled=False)
    event = EventPage.objects.get(slug=OPEN_FGD)
    page.goto(live_site.url(f"/agenda-kegiatan/{OPEN_FGD}/"))
    seats_before = page.locator("#pendaftaran .event-registration__seats").inner_text()
    # From the (cached) event page to the form by a plain link.
    page.locator("#pendaftaran").get_by_role("link", name="Daftar", exact=True).click()
    expect(page).to_have_url(live_site.url(event.registration_url()))
    page.get_by_role("button", name="Daftar").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_text("Kolom ini harus diisi.").first).to_be_visible()
    axe.screenshot(page, "errors-no-js")
    fill_registration(page, name="Siti Nurhaliza", email="siti@contoh.example", organisation="KNPI")
    expect(page.locator("h1")).to_have_text("Periksa e-mail Anda untuk konfirmasi")
    until = hold_deadline("siti@contoh.example")
    expect(page.get_by_role("status")).to_contain_text(f"ditahan untuk Anda sampai {until}.")
    code = page.locator(".registration-code strong").inner_text()
    axe.screenshot(page, "check-email-no-js")

    confirm_button = confirm_by_mail(page, smtp_sink, "siti@contoh.example", ":held")
    axe.screenshot(page, "confirm-no-js")
    confirm_button.click()  # a plain form POST
    expect(page.get_by_role("status")).to_contain_text("sudah terkonfirmasi")
    expect(page.locator(".event-facts .status")).to_have_text("Terkonfirmasi")
    axe.screenshot(page, "confirmed-no-js")
    assert code in plain(mail_for(smtp_sink, "siti@contoh.example", ":confirmed"))
    # The event page (cached for everyone) shows one seat fewer.
    page.goto(live_site.url(event.url))
    assert seats_count(page.locator("#pendaftaran .event-registration__seats").inner_text()) == (
        seats_count(seats_before) - 1
    )
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


def test_visitor_b_never_sees_visitor_a_s_token_values_or_errors(open_page, live_site):
    """Two visitors in their own browser contexts: what A typed, A's errors and A's CSRF token never reach B, on
    the cached event page or on the form's page."""
    event = EventPage.objects.get(slug=OPEN_FGD)
    a = open_page(java_script_enabled=False)
    a.goto(live_site.url(event.url))
    a.locator("#pendaftaran").get_by_role("link", name="Daftar", exact=True).click()
    a_token = a.locator("input[name=csrfmiddlewaretoken]").get_attribute("value")
    a.get_by_label("Nama lengkap").fill("Rahasia Pengunjung A")
    a.get_by_label("E-mail").fill("bukan-alamat-a")
    a.get_by_role("button", name="Daftar").click()
    expect(a.locator(".error-summary")).to_be_visible()
    expect(a.get_by_label("Nama lengkap")).to_have_value("Rahasia Pengunjung A")

    b = open_page(java_script_enabled=False)
    for path in (event.url, event.registration_url()):
        b.goto(live_site.url(path))
        html = b.content()
        assert "Rahasia Pengunjung A" not in html and "bukan-alamat-a" not in html
        assert a_token not in html
        expect(b.locator(".error-summary")).to_have_count(0)
    assert b.locator("input[name=csrfmiddlewaretoken]").get_attribute("value") != a_token
    expect(b.get_by_label("Nama lengkap")).to_have_value("")
