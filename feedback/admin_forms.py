"""Forms of the feedback admin: the item page's actions and the bulk actions."""

from django import forms
from django.utils.translation import gettext_lazy

from feedback.models import Feedback


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=gettext_lazy("Assignee"), queryset=None, required=False)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.fields["assignee"].help_text = gettext_lazy("Empty: nobody. Only people of the item's team are listed.")


class StatusForm(forms.Form):
    FORWARD_UNIT = "unit"
    FORWARD_LAPOR = "lapor"

    status = forms.ChoiceField(label=gettext_lazy("New status"))
    forward_target = forms.ChoiceField(
        label=gettext_lazy("Forward to"),
        required=False,
        choices=[(FORWARD_UNIT, gettext_lazy("Another unit")), (FORWARD_LAPOR, "LAPOR!")],
        widget=forms.RadioSelect,
    )
    unit = forms.CharField(
        label=gettext_lazy("Unit"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("e.g. 'Polda Kalimantan Tengah' or 'Dinas Sosial Kota Palangka Raya'. Public."),
    )
    lapor_reference = forms.CharField(label=gettext_lazy("LAPOR! reference"), required=False, max_length=60)
    reason = forms.CharField(
        label=gettext_lazy("Reason for rejection"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The citizen reads this on the status page."),
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, s.label) for s in item.allowed_transitions()]

    def forwarded_to(self):
        data = self.cleaned_data
        if data.get("forward_target") == self.FORWARD_LAPOR:
            return "LAPOR!"
        return data.get("unit", "")


class RouteForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Topic"),
        queryset=None,
        help_text=gettext_lazy("The item moves to the team of this topic, which is notified."),
    )

    def __init__(self, *args, **kwargs):
        from feedback.models import FeedbackTopic

        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = FeedbackTopic.objects.all()


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Internal note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=gettext_lazy("Seen by the team only, never by the citizen."),
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Public answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text=gettext_lazy(
            "The citizen reads this on the status page and gets it by e-mail. No names of other people."
        ),
    )


class StatusBulkForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("New status"),
        choices=[
            (s.value, s.label) for s in (Feedback.Status.VERIFIED, Feedback.Status.IN_PROGRESS, Feedback.Status.DONE)
        ],
        help_text=gettext_lazy(
            "Forwarding and rejecting need a target or a reason per item: do those on the item's page. Items "
            "that cannot make this move are left as they are."
        ),
    )
