"""Indonesian phone and WhatsApp numbers, as people type them, normalised to +62… (E.164)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What people put between digits: spaces, dashes, dots, brackets.
_SEPARATORS = re.compile(r"[\s\-.()/]")
# After the country code: an area or mobile prefix that never starts with 0, then the subscriber number.
_NATIONAL = re.compile(r"^[1-9]\d{6,11}$")

INVALID_PHONE = _("Enter an Indonesian phone or WhatsApp number, e.g. 0812 3456 7890 or +62 812 3456 7890.")
INVALID_WHATSAPP = _("Enter the office's Indonesian WhatsApp number, e.g. 0812 3456 7890 or +62 812 3456 7890.")
# How a WhatsApp number is stored: digits only, country code first, as https://wa.me/<number> wants it
# (WhatsApp Help Center, "How to use click to chat": full number in international format, no +, 0 or dashes).
WHATSAPP_DIGITS = re.compile(r"^62[1-9]\d{6,11}$")


def normalise_phone(value):
    """'0812-3456-7890', '+62 812 3456 7890', '62812…' and '(0536) 322 1234' -> '+62…'; ValueError otherwise."""
    raw = _SEPARATORS.sub("", value or "")
    if raw.startswith("+62"):
        national = raw[3:]
    elif raw.startswith("62"):
        national = raw[2:]
    elif raw.startswith("0"):
        national = raw[1:]
    else:
        raise ValueError(value)
    if not _NATIONAL.match(national):
        raise ValueError(value)
    return "+62" + national


def whatsapp_digits(value):
    """'0812-3456-7890', '+62 812 3456 7890' -> '6281234567890' (the wa.me form); ValueError otherwise."""
    return normalise_phone(value)[1:]


def validate_whatsapp_number(value):
    """The stored form only: '62' and the national number, digits alone (SiteSettings.whatsapp_number)."""
    if not WHATSAPP_DIGITS.match(value or ""):
        raise ValidationError(INVALID_WHATSAPP, code="invalid_whatsapp")


def display_phone(value):
    """'+6281234567890' -> '0812-3456-7890' for people reading lists; anything else unchanged."""
    if not value or not value.startswith("+62"):
        return value or ""
    digits = "0" + value[3:]
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


class PhoneField(forms.CharField):
    """A text input for a phone/WhatsApp number; `clean()` returns the +62… form."""

    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        try:
            return normalise_phone(value)
        except ValueError:
            raise ValidationError(INVALID_PHONE, code="invalid_phone") from None
