"""After a failed submission the visitor lands on what went wrong: on every public form with a POST, focus moves to
the error summary (the GOV.UK pattern; WCAG 3.3.1), which is on screen on a 360 px phone, with or without JavaScript,
and lists the errors in the order of the fields on the page (the consent box last)."""

import pytest
from playwright.sync_api import expect

from consultations.models import ConsultationPage
from events import links
from events.models import EventPage
from tests.factories.events import register

OPEN_FGD = "fgd-wawasan-kebangsaan-generasi-muda"

# Where each error's link points must come in the same order as the fields on the page.
SUMMARY_STATE = """() => {
    const summary = document.getElementById("error-summary");
    const fields = Array.from(document.querySelectorAll("input, select, textarea")).filter((el) => el.id);
    const order = Array.from(summary.querySelectorAll("a")).map((a) => fields.indexOf(
        document.getElementById(decodeURIComponent(a.hash.slice(1)))
    ));
    const box = summary.getBoundingClientRect();
    return {
        focused: document.activeElement === summary,
        order: order,
        onScreen: box.top >= 0 && box.top < window.innerHeight,
    };
}"""


def failed_forms():
    """(name, path, submit button) of every public POST form, as a visitor reaches it on the demo site."""
    event = EventPage.objects.get(slug=OPEN_FGD)
    consultation = next(page for page in ConsultationPage.objects.live() if page.status == "open")
    registration = register(event, name="Rina Wulandari")
    return [
        ("registration", event.registration_url(), "Daftar"),
        ("feedback", "/saran-dan-pengaduan/", "Kirim"),
        ("status", "/saran-dan-pengaduan/status/", "Tampilkan status"),
        ("status links", "/saran-dan-pengaduan/kirim-ulang-tautan/", "Kirim tautan"),
        ("consultation", consultation.url, "Kirim tanggapan saya"),
        ("cancel", links.manage_path(registration), "Batalkan pendaftaran saya"),
    ]


@pytest.mark.parametrize("java_script_enabled", [True, False], ids=["js", "no-js"])
def test_focus_moves_to_the_error_summary_which_lists_errors_in_page_order(open_page, live_site, java_script_enabled):
    page = open_page(java_script_enabled=java_script_enabled)
    for name, path, button in failed_forms():
        page.goto(live_site.url(path))
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.locator("#error-summary")).to_be_visible()
        state = page.evaluate(SUMMARY_STATE)
        assert state["focused"], f"{name}: focus stayed on {page.evaluate('document.activeElement.outerHTML')[:80]}"
        assert state["onScreen"], f"{name}: the error summary is off screen"
        assert state["order"] and -1 not in state["order"], f"{name}: a summary link points nowhere: {state}"
        assert state["order"] == sorted(state["order"]), f"{name}: errors out of page order: {state['order']}"
