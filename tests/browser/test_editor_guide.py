"""The journeys of docs/editors.md, walked in Chromium as an editor sees them, and the guide's screenshots.

The test always walks the same screens and asserts what the guide says the editor will see. With
UPDATE_SCREENSHOTS=1 it also saves each screen as docs/img/<name>.png (1024 px wide, palette PNG) so the guide's
pictures follow the admin as it changes:

    UPDATE_SCREENSHOTS=1 .venv/bin/pytest tests/browser/test_editor_guide.py -p no:cacheprovider
"""

import io
import os
import re
from pathlib import Path

from playwright.sync_api import expect

DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
PASSWORD = "kata-sandi-panduan-editor-2026"
WIDTH, HEIGHT = 1024, 720


def save_screenshot(page, name):
    """Save the visible part of the screen, reduced to a 256-colour palette PNG, when screenshots are wanted."""
    if os.environ.get("UPDATE_SCREENSHOTS") != "1":
        return None
    from PIL import Image

    image = Image.open(io.BytesIO(page.screenshot(full_page=False))).convert("RGB")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    path = DOCS_IMG / f"{name}.png"
    image.save(path, optimize=True)
    return path


def test_the_editor_guide_journeys(open_page, live_site, axe, django_user_model):
    from builtforms.models import BuiltForm
    from events.models import EventPage
    from feedback.models import Feedback
    from news.models import NewsIndexPage

    django_user_model.objects.create_superuser("editor", "editor@kesbangpol.example", PASSWORD)
    page = open_page(viewport={"width": WIDTH, "height": HEIGHT})
    page.goto(live_site.url("/admin/login/"))
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # The dashboard: upcoming events with seats and waitlist, feedback per topic.
    expect(page.get_by_role("heading", name="Agenda mendatang")).to_be_visible()
    expect(page.get_by_role("heading", name="Saran dan pengaduan per topik")).to_be_visible()
    full = EventPage.objects.get(capacity=10)
    expect(page.locator(f'[data-event="{full.pk}"] [data-waitlist]')).to_have_text("3")
    save_screenshot(page, "dasbor")

    # Publishing news: a new page under Berita, with the title, summary and the save / publish menu.
    index = NewsIndexPage.objects.get()
    page.goto(live_site.url(f"/admin/pages/{index.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Berita")
    page.goto(live_site.url(f"/admin/pages/add/news/newspage/{index.pk}/"))
    expect(page.locator("#id_title")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Simpan konsep"))).to_be_visible()
    page.locator("#id_title").fill("Sosialisasi Wawasan Kebangsaan di Kabupaten Katingan")
    save_screenshot(page, "berita-baru")

    # A registration form: the demo form with its questions.
    form = BuiltForm.objects.get(title="Formulir FGD Kebangsaan")
    page.goto(live_site.url("/admin/snippets/builtforms/builtform/"))
    expect(page.get_by_role("link", name="Formulir FGD Kebangsaan")).to_be_visible()
    page.goto(live_site.url(f"/admin/snippets/builtforms/builtform/edit/{form.pk}/"))
    question = page.locator("input[value='Pernah mengikuti FGD Kesbangpol sebelumnya?']")
    expect(question).to_have_count(1)
    question.scroll_into_view_if_needed()
    save_screenshot(page, "formulir-pendaftaran")

    # Check-in: find a participant by name, mark present.
    page.goto(live_site.url(f"/admin/pendaftaran-kegiatan/{full.pk}/check-in/"))
    page.get_by_label("Nama atau kode pendaftaran").fill("Andi")
    page.get_by_role("button", name="Cari", exact=True).click()
    page.get_by_role("button", name="Tandai hadir").first.click()
    expect(page.locator("main")).to_contain_text("Hadir sejak")
    save_screenshot(page, "check-in")

    # Check-in with the phone camera: the link in a participant's QR code opens that one registration.
    from urllib.parse import urlsplit

    from events import links

    person = full.registrations.filter(status="confirmed", attended_at=None).order_by("pk").first()
    page.goto(live_site.url(urlsplit(links.check_in_url(person)).path))
    expect(page.locator("main")).to_contain_text(person.full_name)
    page.get_by_role("button", name="Tandai hadir").click()
    expect(page.locator("main")).to_contain_text(f"{person.full_name} ({person.code}) ditandai hadir.")
    axe.check(page, "check-in-qr")

    # Feedback: the inbox, then one item with its status form and answer box.
    page.goto(live_site.url("/admin/saran-pengaduan/"))
    item = Feedback.objects.filter(status=Feedback.Status.NEW).order_by("submitted_at").first()
    expect(page.get_by_role("link", name=item.tracking_code)).to_be_visible()
    save_screenshot(page, "pengaduan-kotak-masuk")
    page.get_by_role("link", name=item.tracking_code).click()
    expect(page.get_by_role("button", name="Ubah status")).to_be_visible()
    save_screenshot(page, "pengaduan-detail")

    # Reports: the chart and the same numbers in a table, and the XLSX download.
    page.goto(live_site.url("/admin/laporan-editor/pendaftaran/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pendaftaran per kegiatan menurut kategori peserta")
    expect(page.locator("svg.report-chart")).to_be_visible()
    expect(page.locator("[data-report-table] tfoot")).to_contain_text("10")
    expect(page.get_by_role("link", name="Unduh sebagai XLSX")).to_be_visible()
    save_screenshot(page, "laporan")
    axe.check(page, "laporan")  # our chart and table inside Wagtail's admin: no serious or critical violation
    page.goto(live_site.url("/admin/"))
    axe.check(page, "dasbor")
