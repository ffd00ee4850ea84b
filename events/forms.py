"""The public registration form: the core questions every event asks, around the editor's own questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from builtforms.forms import SubmissionTokenMixin
from events.models import ParticipantCategory
from home.antispam import AntiSpamFormMixin
from home.phone import PhoneField
from home.privacy import ConsentFormMixin


class RegistrationForm(SubmissionTokenMixin, AntiSpamFormMixin, ConsentFormMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it should appear on the attendance list and certificate."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Your registration code and the link to change or cancel are sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneField(label=_("Phone / WhatsApp"), help_text=_("e.g. 0812 3456 7890"))
    organisation = forms.CharField(
        label=_("Organisation / institution"),
        max_length=200,
        help_text=_("e.g. BEM Universitas Palangka Raya, KNPI Kota Palangka Raya, or 'Perorangan'."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    category = forms.ModelChoiceField(
        label=_("Participant category"),
        queryset=ParticipantCategory.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )

    field_order = ["full_name", "email", "phone", "organisation", "category"]

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        chosen = [item.category_id for item in event.event_categories]
        queryset = ParticipantCategory.objects.all()
        if chosen:
            queryset = queryset.filter(pk__in=chosen)
        self.fields["category"].queryset = queryset
        self.category_rows = event.category_seats()
        self.fields["category"].label_from_instance = self.category_label
        self.fields["category"].error_messages["required"] = _("Choose the category you belong to.")

    def category_label(self, category):
        for item, quota, free in self.category_rows:
            if item.pk == category.pk and quota is not None:
                if free:
                    return _("%(name)s (%(free)d of %(quota)d seats free)") % {
                        "name": category.name,
                        "free": free,
                        "quota": quota,
                    }
                return _("%(name)s (quota full: waitlist)") % {"name": category.name}
        return category.name

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_organisation(self):
        return " ".join(self.cleaned_data["organisation"].split())


class ResendLinkForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)


class CancelForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, cancel my registration and give my seat to someone else."),
        error_messages={"required": _("Tick the box to confirm the cancellation.")},
    )


class ParticipantMessageForm(forms.Form):
    """The events team's message to a group of an event's participants (events/admin_views.py, message)."""

    group = forms.ChoiceField(
        label=_("Send to"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who gets the message."),
            "invalid_choice": _("Choose who gets the message."),
        },
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=150,
        error_messages={"required": _("Write a subject.")},
        help_text=_("Short and clear, e.g. 'Perubahan ruang FGD'."),
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Write the message.")},
        help_text=_(
            "Plain text. Each mail starts with 'Yth.' and the person's name, and ends with the event's details and "
            "the link to view or cancel the registration."
        ),
    )
    # Names this message from preview to confirmation, so a repeated confirmation queues nothing new.
    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils import timezone

        from events import notices

        choices = [
            (notices.GROUP_CONFIRMED, _("Everyone confirmed")),
            (notices.GROUP_WAITLISTED, _("Everyone on the waitlist")),
        ]
        self.after_event = event.ends_at is not None and event.ends_at <= timezone.now()
        if self.after_event:
            choices += [
                (notices.GROUP_PRESENT, _("Confirmed people who were present (checked in)")),
                (notices.GROUP_ABSENT, _("Confirmed people who were absent (not checked in)")),
            ]
        self.fields["group"].choices = choices

    def clean_subject(self):
        subject = " ".join(self.cleaned_data["subject"].split())
        if not subject:
            raise forms.ValidationError(_("Write a subject."))
        return subject

    def clean_message(self):
        message = self.cleaned_data["message"].replace("\r\n", "\n").strip()
        if not message:
            raise forms.ValidationError(_("Write the message."))
        return message
