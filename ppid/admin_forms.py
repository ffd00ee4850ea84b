"""Forms of the PPID desk (Wagtail admin)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.forms import RequesterFieldsMixin
from ppid.models import PASAL_17, PPIDObjection, PPIDRequest


class StateForm(forms.Form):
    state = forms.ChoiceField(label=_("New state"))
    outcome_text = forms.CharField(
        label=_("What is given and how"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For granted and partly granted: the information, its form (softcopy, hardcopy) and delivery."),
    )
    fee = forms.CharField(
        label=_("Fee"),
        required=False,
        max_length=200,
        help_text=_("Copying or postage costs and how to pay; electronic copies are free. Empty: free of charge."),
    )
    refusal_grounds = forms.MultipleChoiceField(
        label=_("Pasal 17 grounds"),
        required=False,
        choices=PASAL_17,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For refused and partly granted."),
    )
    refusal_reason = forms.CharField(
        label=_("Consequence test and reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why disclosing would cause harm; for partly granted, which parts are blacked out and why."),
    )
    referral = forms.CharField(
        label=_("Body that holds the information"),
        required=False,
        max_length=200,
        help_text=_("For “not held by us”."),
    )
    text = forms.CharField(
        label=_("Explanation for the requester"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for waiting for documents, not yet documented and withdrawn. The requester reads it."),
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(PPIDRequest.State.choices)
        self.fields["state"].choices = [(s.value, labels[s]) for s in item.allowed_transitions()]


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the extension"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("UU 14/2008 Pasal 22(8): 7 more working days, once, with written reasons the requester reads."),
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}))


class UnitForm(forms.Form):
    unit = forms.CharField(label=_("Unit"), max_length=150, required=False)


class PublicSummaryForm(forms.Form):
    public_summary = forms.CharField(
        label=_("Public summary"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "What was asked, in your words, for the public register of requests: no names, NIK, addresses or "
            "other personal details. Leave empty to keep the request off the register."
        ),
    )


class DecisionForm(forms.Form):
    objection = forms.ModelChoiceField(label=_("Objection"), queryset=PPIDObjection.objects.none())
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s.value, s.label) for s in (PPIDObjection.State.IN_PROGRESS, *PPIDObjection.DECISIONS)],
    )
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for a decision (UU 14/2008 Pasal 36(3)); the requester reads it."),
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objection"].queryset = item.objections.filter(state__in=PPIDObjection.OPEN_STATES)


class StaffRequestForm(RequesterFieldsMixin, forms.Form):
    """A request that came in person, by letter, phone or e-mail, entered by the Petugas PPID."""

    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[c for c in PPIDRequest.Channel.choices if c[0] != PPIDRequest.Channel.ONLINE],
    )
    received_on = forms.DateField(
        label=_("Date received"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the request reached us; the 10 working days count from it."),
    )
    field_order = ["channel", "received_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("received_on", timezone.localdate())

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date received cannot be in the future."))
        return day
