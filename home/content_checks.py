"""Content checks editors see before publishing: missing alternative text, an empty summary, no search description.

They warn and do not block. Alternative text is already enforced where it is entered (ImageBlock and the news hero
refuse an image without alt text unless marked decorative); these checks catch what slipped through (older
revisions, imported content) and the two gaps that are judgement calls: a page without a summary or search
description still works (the meta description falls back to the summary, then to nothing), and an urgent
announcement must not wait for a perfect teaser. So the moderator and the writer see the list at the top of the
editor, and decide.

The panel is added to the first tab of every page type derived from BasePage (BasePage.get_edit_handler).
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, Panel, TabbedInterface
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage


def _missing_alt_in_stream(data):
    """Count image structs (an `image` with `alt_text`/`decorative` beside it) without alt text, at any depth."""
    if isinstance(data, list):
        return sum(_missing_alt_in_stream(item) for item in data)
    if not isinstance(data, dict):
        return 0
    if data.get("image") and "alt_text" in data:
        own = 0 if data.get("decorative") or str(data.get("alt_text") or "").strip() else 1
        return own + sum(_missing_alt_in_stream(v) for k, v in data.items() if k != "image")
    return sum(_missing_alt_in_stream(value) for value in data.values())


def _missing_alt_on_fields(page):
    """Image fields with a `<prefix>_alt` text beside them (e.g. hero_image + hero_alt + hero_decorative)."""
    missing = []
    for field in page._meta.concrete_fields:
        if not (field.is_relation and field.related_model and issubclass(field.related_model, AbstractImage)):
            continue
        prefix = field.name.removesuffix("_image")
        alt_name = f"{prefix}_alt"
        if not getattr(page, field.attname) or not hasattr(page, alt_name):
            continue
        if getattr(page, f"{prefix}_decorative", False) or str(getattr(page, alt_name) or "").strip():
            continue
        missing.append(str(field.verbose_name))
    return missing


def content_warnings(page):
    """What the editor should fix before publishing, as sentences in the editor's language."""
    warnings = []
    for label in _missing_alt_on_fields(page):
        warnings.append(_("%(field)s has no alternative text and is not marked decorative.") % {"field": label})
    images = 0
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            images += _missing_alt_in_stream(list(getattr(page, field.attname).raw_data))
    if images:
        warnings.append(
            _("%(count)s image(s) in the body have no alternative text and are not marked decorative.")
            % {"count": images}
        )
    summary_field = getattr(page, "summary_field", None)
    if summary_field and not strip_tags(str(getattr(page, summary_field, "") or "")).strip():
        warnings.append(
            _("The summary is empty: lists, search results and shared links will show no teaser for this page.")
        )
    if not (page.search_description or "").strip():
        warnings.append(
            _("No search description (Promote tab): search engines will show the summary, or a random excerpt.")
        )
    return warnings


class ContentChecksPanel(Panel):
    """The warnings list at the top of the editor (shown once the page has been saved)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Checks before publishing"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "content_checks"

    class BoundPanel(Panel.BoundPanel):
        template_name = "home/admin/content_checks_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["warnings"] = content_warnings(self.instance)
            return context


def with_content_checks(handler):
    """`handler` (a TabbedInterface, unbound) with the checks panel first in its first tab."""
    if not isinstance(handler, TabbedInterface) or not handler.children:
        return handler
    first, *rest = handler.children
    first = ObjectList([ContentChecksPanel(), *first.children], heading=first.heading)
    return TabbedInterface([first, *rest], base_form_class=handler.base_form_class)
