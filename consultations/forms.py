"""The public response form of a consultation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.antispam import AntiSpamFormMixin
from home.forms import SubmissionTokenField
from home.privacy import ConsentFormMixin

RESPONSE_MAX_LENGTH = 10000


class ConsultationResponseForm(ConsentFormMixin, AntiSpamFormMixin, forms.Form):
    response = forms.CharField(
        label=_("Your response"),
        max_length=RESPONSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("Write your response."),
            "max_length": _("Shorten your response to at most %(limit_value)d characters (it has %(show_value)d)."),
        },
    )
    topics = forms.MultipleChoiceField(
        label=_("What is your response about?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every topic that applies; we publish how many responses covered each."),
    )
    name = forms.CharField(label=_("Name (optional)"), max_length=120, required=False)
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        help_text=_("If you respond on behalf of an ormas, OKP, campus or community."),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=254,
        help_text=_("We send the reference code here, and tell you when the outcome is published."),
        error_messages={"invalid": _("Enter an e-mail address like nama@contoh.id.")},
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].label = page.response_prompt
        choices = page.topic_choices()
        if choices:
            self.fields["topics"].choices = [(c, c) for c in choices]
        else:
            del self.fields["topics"]
        if not self.is_bound:
            self.initial["submission_token"] = SubmissionTokenField.new()
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_response(self):
        text = self.cleaned_data["response"].strip()
        if "\x00" in text:
            raise forms.ValidationError(_("The response contains characters that cannot be stored."))
        return text
