"""Response headers and login-lockout helpers that harden every page (see docs/security.md).

- `SecurityHeadersMiddleware` adds the headers Django's SecurityMiddleware does not know (Permissions-Policy).
- `ContentSecurityPolicyMiddleware` is django-csp's middleware with a second, looser policy for the Wagtail admin:
  the admin ships inline scripts and style attributes, and frames its own page previews (`frame-ancestors 'self'`).
- `forbidden`, `answer_403` and `permission_required` answer a refused admin request with a plain 403 page
  (`home/admin/403.html`) instead of Wagtail's redirect to the dashboard: honest, and easy to test and monitor.
- `client_fingerprint` tells django-axes' log who is knocking without writing personal data to it;
  `axes_username` and `axes_client_ip` keep what axes stores within its columns.
"""

import functools
import hashlib
import hmac
import ipaddress

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from home.ratelimit import client_ip


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; admin search queries cut to ADMIN_SEARCH_MAX_LENGTH characters.

    Wagtail's admin searches turn every quoted phrase into one more nested condition: 2,000 phrases overflow
    Python's recursion limit in the search backend (a server error; cf. GHSA-jmp3-39vp-fwg8). Nobody searches the
    admin with more than a couple of hundred characters.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET.get("q")
        if query and len(query) > settings.ADMIN_SEARCH_MAX_LENGTH and is_admin_request(request):
            request.GET = request.GET.copy()
            request.GET["q"] = query[: settings.ADMIN_SEARCH_MAX_LENGTH]
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def is_admin_request(request):
    """An admin URL, or the dummy request through which Wagtail renders a page preview for the admin: that one runs
    the whole middleware chain with the *page's* path, and its response is what the preview iframe shows."""
    return request.path_info.startswith(settings.ADMIN_PATH_PREFIX) or getattr(request, "is_dummy", False)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The public policy from CONTENT_SECURITY_POLICY, or ADMIN_CONTENT_SECURITY_POLICY under the admin prefix.

    A view's own policy (django-csp's decorators, or a header it set itself, as Wagtail's document view does with
    `default-src 'none'`) still wins, but it gets the directives that never fall back to `default-src` and that
    every public response needs: nobody frames it, and it cannot change the base URL or load plugins.
    """

    HARDENING = {"frame-ancestors": "'none'", "base-uri": "'none'", "object-src": "'none'"}

    def process_response(self, request, response):
        own_policy = response.headers.get("Content-Security-Policy")
        response = super().process_response(request, response)
        if own_policy and not is_admin_request(request):
            present = {part.split()[0] for part in own_policy.split(";") if part.split()}
            missing = [f"{name} {value}" for name, value in self.HARDENING.items() if name not in present]
            if missing:
                response.headers["Content-Security-Policy"] = "; ".join([own_policy.rstrip("; "), *missing])
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_request(request):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY)
        return parts


def client_fingerprint(username, ip_address, user_agent, path_info, request):
    """What axes writes to the log for a login attempt: a keyed hash of username and address (same pair, same
    fingerprint, so an operator can follow one attacker) and the path; never the username or address themselves."""
    material = f"{username or ''}\x00{ip_address or ''}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), material, hashlib.sha256).hexdigest()[:16]
    return f"{{client: {digest}, path_info: {path_info!r}}}"


class HostCookieStorage(CookieStorage):
    cookie_name = "__Host-messages"


class HostCookieMessageStorage(FallbackStorage):
    """Django's default message storage (cookie, then session) with a `__Host-` cookie name, for production:
    browsers accept such a cookie only over HTTPS, for this host, on path /, so no sibling subdomain can plant one."""

    storage_classes = (HostCookieStorage, SessionStorage)


def axes_username(request, credentials=None):
    """The username django-axes records, cut to fit its column (255) and without NUL.

    Django's AuthenticationForm sets the username's max_length after the field is built, so no length check runs:
    a 100,000-character username reaches authentication, and axes' insert fails on PostgreSQL (a 500 for anyone).
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    username = credentials.get(field) if credentials else getattr(request, "data", request.POST).get(field)
    return None if username is None else str(username).replace("\x00", "")[:150]


def axes_client_ip(request):
    """The address rate limits use (home.ratelimit.client_ip), if it is one; axes stores it in an address column,
    where a forged X-Forwarded-For value would be a database error."""
    address = client_ip(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return request.META.get("REMOTE_ADDR") or None
    return address


# -- refusals in the admin --------------------------------------------------------------------------------------------
def forbidden(request, reason=None):
    """A real 403. Wagtail's admin turns PermissionDenied into a redirect to the dashboard; we answer 403 instead, so
    nothing (not even a redirect that hints an item exists elsewhere) differs from what any refused request gets.
    `reason` says what the account lacks and whom to ask; without it the page gives the general explanation."""
    return TemplateResponse(request, "home/admin/403.html", {"reason": reason}, status=403)


def answer_403(view):
    """Decorator for views and `dispatch` methods: PermissionDenied becomes a 403 response."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        request = args[1] if len(args) > 1 and hasattr(args[1], "method") else args[0]
        try:
            return view(*args, **kwargs)
        except PermissionDenied:
            return forbidden(request)

    return wrapper


def permission_required(*perms, reason=None):
    """View decorator: 403 unless the user has every permission (Wagtail's admin URLs add the login check)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated or not request.user.has_perms(perms):
                return forbidden(request, reason)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
