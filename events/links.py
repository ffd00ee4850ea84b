"""Signed links: the participant's link to view or cancel a registration, and the page after registering.

Both carry the registration id signed with the site's SECRET_KEY (django.core.signing), so nobody can guess
another person's link. The management link expires after `MANAGE_LINK_MAX_AGE`; the confirmation page link
(shown right after the POST) works only for `DONE_LINK_MAX_AGE` after registering, since it is only there to
survive a refresh.
"""

import datetime as dt

from django.core import signing
from django.urls import reverse

from home import siteurl

MANAGE_SALT = "consultations.registration.manage"
MANAGE_LINK_MAX_AGE = dt.timedelta(days=120)
DONE_SALT = "consultations.registration.done"
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


def done_ref(registration):
    """The same reference for the same registration, so a repeated POST redirects to the very same URL (F6)."""
    return signing.Signer(salt=DONE_SALT).sign(str(registration.pk))


def load_done_ref(ref):
    """The registration id in a reference; raises signing.BadSignature. The view checks its age."""
    return int(signing.Signer(salt=DONE_SALT).unsign(ref))
