"""Links about a registration: the participant's signed link to view or cancel it, the mailed link that confirms a
held seat, the page after registering, and the check-in link its QR code carries.

Both carry the registration id signed with the site's SECRET_KEY (django.core.signing), so nobody can guess
another person's link. The management link expires after `MANAGE_LINK_MAX_AGE`; the confirmation page link
(shown right after the POST) works only for `DONE_LINK_MAX_AGE` after registering, since it is only there to
survive a refresh.

The QR code (in the confirmation mail and on the participant's pages) carries the admin URL of that registration's
check-in (`check_in_url`), so the events team scans it with the phone's own camera app and lands on the check-in
view; anyone else gets the admin login. It is always a standard QR code: segno picks a Micro QR for short content
when it may, which phone cameras and browsers' BarcodeDetector do not read.
"""

import datetime as dt

import segno
from django.conf import settings
from django.core import signing
from django.urls import reverse

from home import siteurl

MANAGE_SALT = "consultations.registration.manage"
MANAGE_LINK_MAX_AGE = dt.timedelta(days=120)
DONE_SALT = "consultations.registration.done"
CONFIRM_SALT = "events.registration.confirm"
DONE_LINK_MAX_AGE = dt.timedelta(days=2)


def manage_token(registration):
    return signing.dumps({"r": registration.pk, "c": registration.code}, salt=MANAGE_SALT)


def load_manage_token(token):
    """The registration id in a management token; raises signing.BadSignature (or SignatureExpired)."""
    data = signing.loads(token, salt=MANAGE_SALT, max_age=MANAGE_LINK_MAX_AGE)
    return data["r"], data["c"]


def manage_path(registration):
    return reverse("event_manage_registration", args=[manage_token(registration)])


def manage_url(registration):
    """The management link as mailed: on the public address (SITE_URL), never the host a request came in on."""
    return siteurl.absolute(manage_path(registration))


def confirm_token(registration):
    """The token of the mailed confirmation link. Only ever mailed (never shown on a page), so clicking it proves
    the mailbox; its own salt, so no other link of ours confirms anything."""
    return signing.dumps({"r": registration.pk, "c": registration.code}, salt=CONFIRM_SALT)


def load_confirm_token(token):
    """(registration id, code); raises signing.BadSignature. The hold's own expiry decides whether it is too late."""
    data = signing.loads(token, salt=CONFIRM_SALT, max_age=MANAGE_LINK_MAX_AGE)
    return data["r"], data["c"]


def confirm_url(registration):
    """The confirmation link as mailed: on the public address (SITE_URL), never a request's host."""
    return siteurl.absolute(reverse("event_confirm_registration", args=[confirm_token(registration)]))


def done_ref(registration):
    """The same reference for the same registration: a repeated POST redirects to the same URL (docs/security.md F6)."""
    return signing.Signer(salt=DONE_SALT).sign(str(registration.pk))


def load_done_ref(ref):
    """The registration id in a reference; raises signing.BadSignature. The view checks its age."""
    return int(signing.Signer(salt=DONE_SALT).unsign(ref))


def check_in_url(registration):
    """The admin check-in view of this registration, absolute (from WAGTAILADMIN_BASE_URL, as in the team's mails)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("events:check_in_code", args=[registration.code])


def check_in_qr(registration):
    """The registration's QR code (a segno QRCode): its check-in URL, as a standard QR (micro=False, see above)."""
    return segno.make(check_in_url(registration), error="m", micro=False)
