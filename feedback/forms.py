"""The public Saran dan Pengaduan form and the status lookup form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import Feedback, FeedbackTopic
from home.antispam import AntiSpamFormMixin
from home.attachments import validate_attachment
from home.forms import SubmissionTokenField, typed_code_field
from home.privacy import ConsentFormMixin
from home.tracking import normalise_code

MESSAGE_MAX_LENGTH = 5000


class FeedbackForm(ConsentFormMixin, AntiSpamFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to send?"),
        choices=Feedback.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you want to send.")},
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=FeedbackTopic.objects.filter(active=True),
        empty_label=_("— choose a topic —"),
        help_text=_("The topic decides which team at Kesbangpol handles your message."),
        error_messages={"required": _("Choose the topic closest to your message.")},
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What happened, where and when, and what you expect from us. At most 5,000 characters."),
        error_messages={
            "required": _("Write your message."),
            "min_length": _("Write at least %(limit_value)d characters so we can follow it up."),
            "max_length": _("Shorten your message to at most %(limit_value)d characters (it has %(show_value)d)."),
        },
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("One PDF, JPG or PNG file of at most 5 MB, e.g. a photo or a letter."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )
    identity = forms.ChoiceField(
        label=_("Your identity"),
        choices=[
            (
                Feedback.Identity.CONFIDENTIAL,
                _("Confidential: only the team handling my message sees my name and contact"),
            ),
            (Feedback.Identity.ANONYMOUS, _("Anonymous: do not store my name or contact at all")),
        ],
        initial=Feedback.Identity.CONFIDENTIAL,
        widget=forms.RadioSelect,
        help_text=_(
            "Anonymous messages cannot be answered by e-mail: you follow them with the tracking code and the "
            "secret (PIN) shown after sending."
        ),
        error_messages={"required": _("Choose confidential or anonymous.")},
    )
    name = forms.CharField(label=_("Name (optional)"), max_length=120, required=False)
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=254,
        help_text=_("We send the tracking code and our answer here."),
        error_messages={"invalid": _("Enter an e-mail address like nama@contoh.id.")},
    )
    phone = forms.CharField(
        label=_("Phone or WhatsApp (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission_token"] = SubmissionTokenField.new()
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.attachment_kind = None

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if "\x00" in message:
            raise forms.ValidationError(_("The message contains characters that cannot be stored."))
        return message

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        allowed = set("0123456789+-() .")
        if phone and (not set(phone) <= allowed or sum(ch.isdigit() for ch in phone) < 8):
            raise forms.ValidationError(_("Enter a phone number of digits only, e.g. 0812 3456 7890."))
        return phone

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            self.attachment_kind = validate_attachment(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("identity") == Feedback.Identity.ANONYMOUS:
            # Anonymous means nothing that identifies the sender is kept; say so rather than silently drop it.
            message = _("You chose anonymous: leave this empty, or choose confidential.")
            for field in ("name", "email", "phone"):
                if cleaned.get(field):
                    self.add_error(field, message)
        return cleaned


def initial_from_query(query):
    """What a link to the form may fill in beforehand (the visitor can change all of it): `tentang`, the first line
    of the message (e.g. "Koreksi data ormas: …" from a register entry's "Laporkan koreksi data" link); `topik`, a
    word of an active topic's name; `jenis`, the kind. Plain text, cut short; anything else is ignored."""
    initial = {}
    about = " ".join(str(query.get("tentang", "")).replace("\x00", "").split())[:200]
    if about:
        initial["message"] = about + "\n\n"
    if query.get("jenis") in Feedback.Kind.values:
        initial["kind"] = query["jenis"]
    word = str(query.get("topik", "")).strip()[:40]
    if word:
        topic = FeedbackTopic.objects.filter(active=True, name__icontains=word).order_by("sort_order", "name").first()
        if topic is not None:
            initial["topic"] = topic.pk
    return initial


class StatusLookupForm(forms.Form):
    """The tracking code and the secret (PIN) from the receipt. Never an e-mail address: anyone may know it."""

    code = typed_code_field(_("Tracking code"), _("For example ADU-2026-00042."), _("Enter the tracking code."))
    secret = typed_code_field(
        _("Secret (PIN)"),
        _("The 16 letters and digits shown once after sending, for example 7KQ4-MZ2P-9XHD-C3RW."),
        _("Enter the secret."),
        max_length=40,
    )

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])


class ResendLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("The address you gave when sending. The links are sent there, and only there."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Enter your e-mail address.")},
    )
