"""Signed links: the participant's link to view or cancel a registration, and the page after registering.

Both carry the registration id signed with the site's SECRET_KEY (django.core.signing), so nobody can guess
another person's link. The management link expires after `MANAGE_LINK_MAX_AGE`; the confirmation page link
(shown right after the POST) is short-lived too, since it is only there to survive a refresh.
"""

import datetime as dt

from django.core import signing
from django.urls import reverse

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


def manage_url(registration, request=None):
    return absolute_url(manage_path(registration), registration.event, request)


def done_ref(registration):
    return signing.dumps(registration.pk, salt=DONE_SALT)


def load_done_ref(ref):
    return signing.loads(ref, salt=DONE_SALT, max_age=DONE_LINK_MAX_AGE)


def absolute_url(path, page, request=None):
    """An absolute URL for a mail: from the request when there is one, else from the page's Wagtail site."""
    if request is not None:
        return request.build_absolute_uri(path)
    site = page.get_site()
    root = site.root_url if site else ""
    return root.rstrip("/") + path
