"""Chromium obeys our Content-Security-Policy and nothing on the site trips it: every public page (JSON-LD included),
the Wagtail page editor and its live preview (framed under `frame-ancestors 'self'`)."""

import re

import pytest
from playwright.sync_api import expect

from tests.support.public_urls import sitemap_paths

PASSWORD = "uji-kata-sandi-browser-2026"

# Recorded in every frame before any of the page's own code runs (Playwright injects it outside the page's CSP).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
    e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' in ' + e.sourceFile + ':' + e.lineNumber));
"""


@pytest.fixture
def watched(page, settings, live_site):
    """The page, recording CSP violations (events in every frame, and Chromium's console messages)."""
    # The userbar and admin build absolute URLs from WAGTAILADMIN_BASE_URL: point it at the live server, as
    # production points it at the public host.
    settings.WAGTAILADMIN_BASE_URL = live_site.base_url
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.add_init_script(RECORD_VIOLATIONS)

    def violations():
        found = [m for m in console if "Content Security Policy" in m or "Permissions-Policy" in m]
        for frame in page.frames:
            try:
                found += frame.evaluate("window.__csp || []")
            except Exception:
                continue
        return found

    page.violations = violations
    return page


def test_no_public_page_trips_the_policy(watched, live_site):
    page = watched
    sitemap = page.request.get(live_site.url("/sitemap.xml")).body()
    paths = sorted(sitemap_paths(sitemap)) + ["/cari/?q=ormas", "/tidak-ada/"]
    assert len(paths) >= 5
    for path in paths:
        page.goto(live_site.url(path))
        assert page.violations() == [], path
    # The JSON-LD breadcrumbs are data: present, parsed, and not reported as blocked script.
    page.goto(live_site.url("/profil/"))
    data = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data["@type"] == "BreadcrumbList"
    assert page.violations() == []


def test_inline_script_really_is_blocked_on_public_pages(watched, live_site):
    """The policy is not decorative: a script injected into a public page does not run."""
    page = watched
    page.goto(live_site.url("/profil/"))
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in v for v in page.violations())


def test_the_page_editor_and_its_preview_load_without_violations(watched, live_site, django_user_model):
    page = watched
    django_user_model.objects.create_superuser("redaksi", "redaksi@example.org", PASSWORD)
    page.goto(live_site.url("/admin/login/"))
    page.fill("#id_username", "redaksi")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))

    from wagtail.models import Page

    profil = Page.objects.get(url_path__endswith="/profil/")
    page.goto(live_site.url(f"/admin/pages/{profil.pk}/edit/"))
    expect(page.locator("#id_title")).to_have_value("Profil")
    page.locator('[data-side-panel-toggle="preview"]').click()
    frame = page.frame_locator("#w-preview-iframe")  # Wagtail swaps in a fresh iframe on each update
    # The preview renders the public template inside the admin, framed by the admin: frame-ancestors 'self'. (Wagtail
    # renders it through a dummy request with the page's own path, which first got the public 'none'.)
    expect(frame.locator("h1")).to_have_text("Profil", timeout=20_000)
    assert page.violations() == []
