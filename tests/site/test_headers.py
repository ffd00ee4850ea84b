"""Security headers and cookies on every response: with the test client, and on the wire from gunicorn running the
production settings behind a pretend TLS proxy (tests/support/production_server.py)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory, override_settings

from home.views import server_error
from tests.support.production_server import ADMIN_PASSWORD, HOST
from tests.support.public_urls import public_paths


def directives(policy):
    """'default-src 'self'; img-src 'self' data:' -> {'default-src': ["'self'"], 'img-src': ["'self'", 'data:']}"""
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def assert_public_policy(policy):
    csp = directives(policy)
    script = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] in (["'self'"], ["'none'"])  # 'none' on documents (Wagtail sets their policy)
    # Nothing from another host: every source is our own origin (or inline data: images, never script).
    for name, sources in csp.items():
        for source in sources:
            assert source in {"'self'", "'none'", "data:"} or source.startswith("'nonce-"), (name, source)


def assert_common_headers(headers):
    assert headers["X-Content-Type-Options"] == "nosniff"
    # same-origin (stricter) on pages with personal data or a one-time token, e.g. an event's registration form.
    assert headers["Referrer-Policy"] in ("strict-origin-when-cross-origin", "same-origin")
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


# -- test client -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_public_url_has_the_headers(client, seeded):
    paths = public_paths(lambda p: client.get(p).content)
    assert len(paths) >= 10
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, path
        assert_common_headers(response.headers)
        assert_public_policy(response.headers["Content-Security-Policy"])


@pytest.mark.django_db
def test_json_ld_is_data_and_carries_no_executable_script(client, seeded):
    """CSP blocks inline *script*; JSON-LD is a data block, which browsers never execute, so the policy lets it be.
    Every inline <script> on a public page must therefore be JSON-LD (tests/browser/test_csp.py checks Chromium)."""
    soup = BeautifulSoup(client.get("/profil/").content, "html.parser")
    inline = [s for s in soup.find_all("script") if not s.get("src")]
    assert inline, "the page should carry JSON-LD breadcrumbs"
    assert {s.get("type") for s in inline} == {"application/ld+json"}


def test_server_error_page_style_carries_the_policy_nonce():
    request = RequestFactory().get("/")
    from home.security import ContentSecurityPolicyMiddleware

    middleware = ContentSecurityPolicyMiddleware(lambda r: server_error(r))
    middleware.process_request(request)
    response = middleware.process_response(request, server_error(request))
    nonce = re.search(r'<style nonce="([^"]+)">', response.content.decode())[1]
    assert f"'nonce-{nonce}'" in directives(response["Content-Security-Policy"])["style-src"]


@pytest.mark.django_db
def test_admin_gets_its_own_policy_that_allows_framing_its_previews(client, admin_user, home_page):
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["frame-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    # The relaxation stays inside /admin/: the public page is still strict.
    assert_public_policy(client.get("/")["Content-Security-Policy"])


@pytest.mark.django_db
def test_documents_download_as_attachments_with_their_own_lockdown(client, db):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model

    from home.seeding import simple_pdf

    document = get_document_model()(
        title="Laporan", file=SimpleUploadedFile("laporan.pdf", simple_pdf("Laporan", ["Isi"]))
    )
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    # Wagtail's own policy for documents (nothing may run or load), not overwritten by ours, only hardened with the
    # directives that do not fall back to default-src.
    csp = directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["base-uri"] == ["'none'"]


@pytest.mark.parametrize("settings_module", ["dev", "test", "production"])
def test_csp_and_lockout_are_configured_in_every_settings_module(settings_module):
    from tests.site.test_settings import PRODUCTION_ENV, run_manage

    code = (
        "from django.conf import settings as s; "
        "print('home.security.ContentSecurityPolicyMiddleware' in s.MIDDLEWARE, "
        "s.MIDDLEWARE[-1], s.AUTHENTICATION_BACKENDS[0], s.AXES_FAILURE_LIMIT, "
        "int(s.AXES_COOLOFF_TIME.total_seconds()), s.AXES_LOCKOUT_PARAMETERS)"
    )
    env = {**PRODUCTION_ENV} if settings_module == "production" else {}
    env["DJANGO_SETTINGS_MODULE"] = f"site_cms.settings.{settings_module}"
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split(maxsplit=5) == [
        "True",
        "axes.middleware.AxesMiddleware",
        "axes.backends.AxesStandaloneBackend",
        "5",
        "900",
        "[['username', 'ip_address']]",
    ]


@override_settings(DEBUG=False)
def test_django_serves_no_media_in_production(client, db):
    # Uploaded files reach visitors only through views that set safe headers (documents) or the proxy.
    assert client.get("/media/documents/x.pdf").status_code == 404


# -- on the wire: gunicorn with production settings --------------------------------------------------------------


def test_headers_on_the_wire_on_every_public_url(production_server):
    paths = public_paths(lambda p: production_server.get(p).body)
    assert len(paths) >= 10
    for path in paths:
        response = production_server.get(path)
        assert response.status < 500, path
        assert_common_headers(response.headers)
        assert_public_policy(response.header("Content-Security-Policy"))
        assert response.header("Strict-Transport-Security") == "max-age=31536000; includeSubDomains", path


def test_static_files_get_the_headers_too(production_server):
    html = production_server.get("/").body.decode()
    css = re.search(r'href="(/static/home/css/site\.[0-9a-f]+\.css)"', html)[1]
    response = production_server.get(css)
    assert response.status == 200
    assert_common_headers(response.headers)
    assert "max-age=315360000" in response.header("Cache-Control")
    assert response.header("Strict-Transport-Security")


def test_plain_http_is_redirected_to_https(production_server):
    response = production_server.get("/profil/", https=False)
    assert response.status == 301
    assert response.header("Location") == f"https://{HOST}/profil/"


def test_cookies_are_host_only_secure_httponly_and_samesite(production_server):
    """Log in to the admin and out again over the wire; every cookie set on the way must be a __Host- cookie."""
    login = production_server.get("/admin/login/")
    cookies = {}

    def collect(response):
        for header in response.cookies():
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            cookies[name] = value
            attributes = {a.strip().split("=")[0].lower() for a in header.split(";")[1:]}
            assert name.startswith("__Host-"), header
            # Django deletes a cookie (logout) with an empty value and without HttpOnly: nothing there to steal.
            deleted = "max-age" in attributes and "Max-Age=0" in header
            assert {"secure", "path"} | (set() if deleted else {"httponly"}) <= attributes, header
            assert "domain" not in attributes, header
            assert re.search(r";\s*SameSite=(Lax|Strict)", header), header
            assert re.search(r";\s*Path=/(;|$)", header), header

    collect(login)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.body.decode())[1]

    def send(method, path, body=None):
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Referer": f"https://{HOST}/admin/login/",
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response = production_server.request(method, path, body=body, headers=headers)
        collect(response)
        return response

    body = f"csrfmiddlewaretoken={token}&username=admin&password={ADMIN_PASSWORD}&next=/admin/".encode()
    logged_in = send("POST", "/admin/login/", body)
    assert logged_in.status == 302, logged_in.body[:500]
    assert "__Host-sessionid" in cookies
    dashboard = send("GET", "/admin/")
    assert dashboard.status == 200
    # The admin's sidebar is drawn by script; its CSRF token travels in the page's wagtail-config JSON.
    token = re.search(r'"CSRF_TOKEN": "([^"]+)"', dashboard.body.decode())[1]
    logged_out = send("POST", "/admin/logout/", f"csrfmiddlewaretoken={token}".encode())
    assert logged_out.status == 302
    # Wagtail says goodbye with a message: it travels in the __Host-messages cookie.
    assert "__Host-messages" in cookies
