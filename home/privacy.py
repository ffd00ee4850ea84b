"""Consent under UU 27/2022 (Pelindungan Data Pribadi), shared by every public form that takes personal data.

    class RegistrationForm(ConsentFormMixin, forms.ModelForm): ...
    record = form.consent_record()   # {"version": "2026-11", "given_at": datetime}
    Registration(..., consent_version=record["version"], consented_at=record["given_at"])

Models that store a submission inherit `ConsentRecord` so every one of them records the same two fields.
Optional purposes (e.g. "send me news of future FGDs") are separate, unticked BooleanFields of the form itself.
"""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import cache as page_cache
from .models import PrivacyNoticePage

__all__ = ["ConsentFormMixin", "ConsentRecord", "PrivacyNoticePage", "current_privacy_notice"]


def current_privacy_notice():
    """The live privacy notice page, or None while editors have not published one."""
    return PrivacyNoticePage.objects.live().only("id", "version", "url_path", "title", "path", "depth").first()


class ConsentRecord(models.Model):
    consent_version = models.CharField(
        _("privacy notice version"), max_length=20, help_text=_("The version of the privacy notice agreed to.")
    )
    consented_at = models.DateTimeField(_("consent given at"))

    class Meta:
        abstract = True


class ConsentFormMixin(forms.Form):
    """Adds the required consent checkbox; templates link its label to the privacy notice (`privacy_notice_url`)."""

    consent = forms.BooleanField(
        label=_(
            "I agree that Kesbangpol Kalteng processes the personal data I give in this form for this purpose, "
            "as the privacy notice explains."
        ),
        required=True,
        error_messages={"required": _("Tick this box to agree; without your consent we cannot process the form.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A blank form only links to the notice (kept like the footer's link); a submitted one records the version
        # agreed to, read afresh.
        if self.is_bound:
            self._privacy_notice = current_privacy_notice()
        else:
            self._privacy_notice = page_cache.site_data("privacy-notice", current_privacy_notice)

    @property
    def privacy_notice_url(self):
        return self._privacy_notice.url if self._privacy_notice else ""

    def consent_record(self):
        return {
            "version": self._privacy_notice.version if self._privacy_notice else "unpublished",
            "given_at": timezone.now(),
        }
