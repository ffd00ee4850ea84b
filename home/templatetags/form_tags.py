"""Accessible rendering of Django form fields (used by templates/includes/form_field.html)."""

from django import template

register = template.Library()


@register.simple_tag
def field_widget(field):
    """The field's widget, tied to its help text and error message for screen readers."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-help")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
