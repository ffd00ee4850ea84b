"""Spam protection without any outside service: a honeypot field and a minimum time to fill the form.

    class FeedbackForm(AntiSpamFormMixin, forms.ModelForm): ...
    {% include "includes/antispam_fields.html" %}   inside the <form>

A bot that fills every field fills the honeypot; a bot that posts at once is faster than ANTISPAM_MIN_SECONDS.
Both get a form error and nothing is stored. People never see the honeypot (hidden from sight and from assistive
technology, out of the tab order). The timestamp is signed, so it cannot be forged or reused after a day.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
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
            self.initial["form_started"] = signing.dumps({"t": time.time()}, salt=SALT)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("The form could not be sent. Please try again."), code="honeypot")
        try:
            started = float(signing.loads(cleaned.get("form_started") or "", salt=SALT, max_age=MAX_AGE)["t"])
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
        return cleaned
