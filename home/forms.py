"""Form fields shared by the public forms (feedback, consultations, event registrations)."""

import uuid

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class PlainInputMixin:
    """Renders an <input> in Python, exactly as Django's `input.html` widget template does (tested against it).

    For the hidden and honeypot fields that every view of every public form renders: through the template engine
    each input cost about 0.25 ms, a few per cent of a form page's whole render (docs/performance.md).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [format_html('<input type="{}" name="{}"', widget["type"], widget["name"])]
        if widget["value"] is not None:
            html.append(format_html(' value="{}"', widget["value"]))
        for key, attr in widget["attrs"].items():
            if attr is True:
                html.append(format_html(" {}", key))
            elif attr is not False:
                html.append(format_html(' {}="{}"', key, attr))
        html.append(">")
        return mark_safe("".join(html))  # every part above went through format_html


class PlainHiddenInput(PlainInputMixin, forms.HiddenInput):
    pass


class PlainTextInput(PlainInputMixin, forms.TextInput):
    pass


class SubmissionTokenField(forms.UUIDField):
    """The hidden one-time token that makes a double-click or a resent POST store one submission, not two.

    The visitor never sees it and cannot correct it, so a token mangled on the way (a proxy, a browser extension,
    someone fiddling) is no reason to refuse what they wrote: it is treated as absent and the submission is stored
    once, like one sent without a token.
    """

    widget = PlainHiddenInput

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


def typed_code_field(label, help_text, required_message, max_length=30):
    """A field of a status lookup (home/tracking.py): the sequential code, or the secret from the receipt
    (max_length=40). Typed by hand from a receipt or a phone call: no autocomplete, spell check or lower case."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
        error_messages={"required": required_message},
    )
