"""Accessible rendering of Django form fields (used by templates/includes/form_field.html)."""

from django import forms, template

register = template.Library()


@register.filter
def file_not_kept(field):
    """True when a file was chosen for this field but the form came back with errors elsewhere.

    A browser never re-fills a file input (its value cannot be set by a page), and the file is not kept on the server
    between tries, so the visitor must be told plainly to choose it again or it is silently lost on the next send.
    (A file that was itself refused already has its own error message.)
    """
    form = field.form
    return (
        form.is_bound
        and isinstance(field.field.widget, forms.FileInput)
        and bool(form.files.get(field.html_name))
        and bool(form.errors)
        and not field.errors
    )


@register.simple_tag
def field_widget(field):
    """The field's widget, tied to its help text and error message for screen readers."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-help")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    if file_not_kept(field):
        described_by.append(f"{field.auto_id}-reselect")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
