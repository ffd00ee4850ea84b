"""The public request, tracking and objection forms, and the NIK check they share with the staff desk."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.antispam import AntiSpamFormMixin
from home.attachments import validate_attachment
from home.forms import SubmissionTokenField, typed_code_field
from home.tracking import normalise_code
from ppid.models import PASAL_35, PPIDRequest

TEXT_MAX_LENGTH = 3000


def validate_nik(value):
    """A plausible NIK (Nomor Induk Kependudukan): 16 digits, a province code 11–94, a date of birth (women add 40 to
    the day), digits 1–6 being the region where it was issued. Catches typos; Dukcapil remains the real check."""
    if not re.fullmatch(r"[0-9]{16}", value):
        raise ValidationError(_("The NIK has exactly 16 digits, e.g. 6271011203900001."), code="nik_format")
    if not 11 <= int(value[:2]) <= 94:
        raise ValidationError(_("The first two digits of the NIK are not a province code. Check your KTP."), code="nik")
    day, month, year = int(value[6:8]), int(value[8:10]), int(value[10:12])
    if day > 40:
        day -= 40
    try:
        datetime.date(2000 + year, month, day)
    except ValueError as exc:
        raise ValidationError(
            _("Digits 7 to 12 of the NIK are not a date of birth. Check your KTP."), code="nik_date"
        ) from exc


def clean_phone(phone):
    phone = phone.strip()
    allowed = set("0123456789+-() .")
    if phone and (not set(phone) <= allowed or sum(ch.isdigit() for ch in phone) < 8):
        raise ValidationError(_("Enter a phone number of digits only, e.g. 0812 3456 7890."))
    return phone


def clean_text(value):
    value = value.strip()
    if "\x00" in value:
        raise ValidationError(_("The text contains characters that cannot be stored."))
    return value


class RequesterFieldsMixin(forms.Form):
    """The requester and the request: the fields of UU 14/2008 Ps. 22 and PerKI 1/2021, shared with the desk."""

    requester_type = forms.ChoiceField(
        label=_("You ask as"),
        choices=PPIDRequest.RequesterType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you ask as an individual, a legal entity or a group.")},
    )
    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("Your name, or the name of the legal entity or group."),
        error_messages={"required": _("Enter the full name.")},
    )
    nik = forms.CharField(
        label=_("NIK"),
        required=False,
        max_length=16,
        help_text=_("The 16-digit number on the KTP. Individuals and groups (the contact person) fill this in."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9 ]*", "autocomplete": "off"}),
    )
    legal_entity_sk = forms.CharField(
        label=_("SK number of the legal entity"),
        required=False,
        max_length=100,
        help_text=_("For a legal entity: the number of the decree that ratified it (e.g. from Kemenkumham AHU)."),
    )
    occupation = forms.CharField(label=_("Occupation (optional)"), required=False, max_length=100)
    address = forms.CharField(
        label=_("Address"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        error_messages={"required": _("Enter the address.")},
    )
    phone = forms.CharField(
        label=_("Phone or WhatsApp"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        help_text=_("Give a phone number, an e-mail address or both. We send the receipt and the notice by e-mail."),
        error_messages={"invalid": _("Enter an e-mail address like nama@contoh.id.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    on_behalf = forms.BooleanField(label=_("I am asking on behalf of someone else"), required=False)
    proxy_letter = forms.FileField(
        label=_("Special power of attorney (surat kuasa khusus)"),
        required=False,
        help_text=_("Only when asking on behalf of someone else: one PDF, JPG or PNG file of at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )
    information = forms.CharField(
        label=_("Information you ask for"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("As precisely as you can: which document, which period, which activity."),
        error_messages={"required": _("Describe the information you ask for.")},
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what you will use the information for.")},
    )
    obtain = forms.ChoiceField(
        label=_("How do you want to obtain it?"),
        choices=PPIDRequest.Obtain.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to obtain the information.")},
    )
    delivery = forms.ChoiceField(
        label=_("How do you want to receive it?"),
        choices=PPIDRequest.Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to receive the information.")},
    )

    proxy_kind = None

    def clean_nik(self):
        nik = "".join(self.cleaned_data["nik"].split())
        if nik:
            validate_nik(nik)
        return nik

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean_information(self):
        return clean_text(self.cleaned_data["information"])

    def clean_purpose(self):
        return clean_text(self.cleaned_data["purpose"])

    def clean_proxy_letter(self):
        upload = self.cleaned_data.get("proxy_letter")
        if upload:
            self.proxy_kind = validate_attachment(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("requester_type")
        if kind == PPIDRequest.RequesterType.LEGAL_ENTITY:
            if not cleaned.get("legal_entity_sk") and "legal_entity_sk" not in self.errors:
                self.add_error("legal_entity_sk", _("Enter the SK number of the legal entity."))
        elif kind and not cleaned.get("nik") and "nik" not in self.errors:
            self.add_error("nik", _("Enter the NIK from the KTP (16 digits)."))
        if not cleaned.get("phone") and not cleaned.get("email") and not {"phone", "email"} & set(self.errors):
            self.add_error("email", _("Give a phone number or an e-mail address so we can reach you."))
        if cleaned.get("on_behalf") and not cleaned.get("proxy_letter") and "proxy_letter" not in self.errors:
            self.add_error("on_behalf", _("You ticked this box: attach the power of attorney below, or untick it."))
            self.add_error("proxy_letter", _("Attach the power of attorney when asking on behalf of someone else."))
        if not cleaned.get("on_behalf") and cleaned.get("proxy_letter"):
            self.add_error("on_behalf", _("Tick this box if you attach a power of attorney, or remove the file."))
        if (
            cleaned.get("delivery") == PPIDRequest.Delivery.EMAIL
            and not cleaned.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", _("Give your e-mail address to receive the information by e-mail."))
        return cleaned


class RequestForm(RequesterFieldsMixin, AntiSpamFormMixin, forms.Form):
    submission_token = SubmissionTokenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission_token"] = SubmissionTokenField.new()
        self.fields["name"].widget.attrs["autocomplete"] = "name"


class TrackingForm(forms.Form):
    number = typed_code_field(
        _("Registration number"), _("For example PPID-2026-00042."), _("Enter the registration number.")
    )
    secret = typed_code_field(
        _("Secret"),
        _("The secret shown once on the receipt, e.g. 7KQ4-MZ2P-…"),
        _("Enter the secret from the receipt."),
        max_length=40,
    )

    def clean_number(self):
        return normalise_code(self.cleaned_data["number"])


class ObjectionForm(AntiSpamFormMixin, TrackingForm):
    grounds = forms.MultipleChoiceField(
        label=_("Grounds of the objection (UU 14/2008 Pasal 35 ayat 1)"),
        choices=PASAL_35,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one ground.")},
    )
    case = forms.CharField(
        label=_("Statement of the case"),
        max_length=TEXT_MAX_LENGTH,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened with your request and what you ask the Atasan PPID to decide."),
        error_messages={
            "required": _("Describe the case."),
            "min_length": _("Write at least %(limit_value)d characters."),
        },
    )
    submission_token = SubmissionTokenField()

    field_order = ["number", "secret", "grounds", "case"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission_token"] = SubmissionTokenField.new()

    def clean_case(self):
        return clean_text(self.cleaned_data["case"])
