"""Spam protection without any outside service: a honeypot field and a minimum time to fill the form.

    class FeedbackForm(AntiSpamFormMixin, forms.ModelForm): ...
    {% include "includes/antispam_fields.html" %}   inside the <form>

A bot that fills every field fills the honeypot; a bot that posts at once is faster than ANTISPAM_MIN_SECONDS.
Both get a form error and nothing is stored. People never see the honeypot (hidden from sight and from assistive
technology, out of the tab order). The timestamp is signed, so it cannot be forged or used after a day.

Each timestamp is also single-use: it carries a random id, and the first submission that uses it is recorded
(`claim_token`) for the token's lifetime. The same submission sent again (a double click, a retry: identical
fields) is let through, so the form's own repeat handling answers it; any other submission with a used token is
refused. A form shown again (with errors, or refused) gets a fresh id, so the visitor's next try is a new use.
Used ids live in `used_tokens_store()`: the cache alias "security", a database table that no flood of page-cache
entries can evict (SECURITY_CACHE in site_cms/settings/base.py).
"""

import hashlib
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.utils.translation import gettext_lazy as _

from .forms import PlainHiddenInput, PlainTextInput

SALT = "home.antispam.form-started"
MAX_AGE = 24 * 60 * 60


class AntiSpamFormMixin(forms.Form):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=PlainTextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(widget=PlainHiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_started"] = new_form_started()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("The form could not be sent. Please try again."), code="honeypot")
        try:
            token = signing.loads(cleaned.get("form_started") or "", salt=SALT, max_age=MAX_AGE)
            started, token_id = float(token["t"]), str(token["n"])
        except signing.SignatureExpired as exc:
            raise forms.ValidationError(
                _("This form was opened too long ago. Please reload the page and send it again."), code="expired"
            ) from exc
        except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
            raise forms.ValidationError(
                _("The form could not be checked. Please reload the page and send it again."), code="tampered"
            ) from exc
        if time.time() - started < getattr(settings, "ANTISPAM_MIN_SECONDS", 3):
            raise forms.ValidationError(
                _("The form was sent too quickly. Please check your answers and send it again."), code="too_fast"
            )
        first_use = claim_token(token_id, submission_fingerprint(self.data))
        # Whatever happens next, a form shown again must not carry the used id (same start time: no "too fast").
        self.data = self.data.copy()
        self.data[self.add_prefix("form_started")] = new_form_started(started)
        if not first_use:
            raise forms.ValidationError(
                _("The form could not be checked. Please reload the page and send it again."), code="reused"
            )
        return cleaned


def new_form_started(started=None):
    """A signed start time with a random id: the value of the hidden field."""
    return signing.dumps({"t": time.time() if started is None else started, "n": secrets.token_hex(8)}, salt=SALT)


def used_tokens_store():
    """Where used token ids are kept for MAX_AGE: the store that never evicts."""
    return caches["security"]


def submission_fingerprint(data):
    """A hash of what was submitted (every field but the CSRF token), to tell a repeat from another submission."""
    if hasattr(data, "getlist"):
        items = sorted((key, value) for key in data for value in data.getlist(key) if key != "csrfmiddlewaretoken")
    else:
        items = sorted((key, str(value)) for key, value in data.items() if key != "csrfmiddlewaretoken")
    return hashlib.sha256(repr(items).encode()).hexdigest()


def claim_token(token_id, fingerprint):
    """Record the first use of a token id; True for that use and for the very same submission again.

    An unreachable store (django-redis with IGNORE_EXCEPTIONS answers None) fails open, like the rate limits."""
    store = used_tokens_store()
    key = f"antispam-used:{token_id}"
    added = store.add(key, fingerprint, timeout=MAX_AGE + 60)
    if added or added is None:
        return True
    return store.get(key) in (fingerprint, None)
