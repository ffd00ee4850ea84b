"""Form fields shared by the public forms (feedback, consultations, event registrations)."""

import uuid

from django import forms


class SubmissionTokenField(forms.UUIDField):
    """The hidden one-time token that makes a double-click or a resent POST store one submission, not two.

    The visitor never sees it and cannot correct it, so a token mangled on the way (a proxy, a browser extension,
    someone fiddling) is no reason to refuse what they wrote: it is treated as absent and the submission is stored
    once, like one sent without a token.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            return None

    @staticmethod
    def new():
        return uuid.uuid4()
