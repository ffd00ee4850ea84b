"""Every field an editor sees has help text saying what good content looks like (Indonesian in the admin).

The test walks what the admin really shows: the edit handler of every page type, snippet, setting and admin-edited
model of our apps (BuiltForm included), down into inline panels. A field's help text may come from the model field
or from its FieldPanel (third-party fields such as forms_builder's `title` get theirs on the panel).

Allowed without help text: Wagtail's own page fields (go-live and expiry dates, ...), whose labels and texts Wagtail
translates itself; we do not alter Wagtail's models.
"""

import pytest
from django.utils import translation
from wagtail.admin.panels import FieldPanel, InlinePanel, get_edit_handler
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from builtforms.models import BuiltForm
from feedback.models import FeedbackTopic
from home.models import Holiday

OUR_APPS = {"home", "news", "events", "feedback", "consultations", "builtforms", "ppid", "desk"}
WAGTAIL_PAGE_FIELDS = {field.name for field in Page._meta.get_fields()}


def editor_models():
    models = [m for m in get_page_models() if m._meta.app_label in OUR_APPS]
    models += [m for m in get_snippet_models() if m._meta.app_label in OUR_APPS]
    models += [m for m in settings_registry if m._meta.app_label in OUR_APPS]
    models += [BuiltForm, FeedbackTopic, Holiday]  # edited in viewsets outside the snippet registry
    return sorted(set(models), key=lambda m: m._meta.label)


def field_panels(panel):
    if isinstance(panel, FieldPanel):
        yield panel
    if isinstance(panel, InlinePanel):
        yield from field_panels(panel.child_edit_handler)
    for child in getattr(panel, "children", []):
        yield from field_panels(child)


def handler_for(model):
    return model.get_edit_handler() if issubclass(model, Page) else get_edit_handler(model)


@pytest.mark.parametrize("model", editor_models(), ids=lambda m: m._meta.label)
def test_every_editor_field_has_help_text(model):
    missing = []
    for panel in field_panels(handler_for(model)):
        owner = panel.model
        if issubclass(owner, Page) and panel.field_name in WAGTAIL_PAGE_FIELDS:
            continue
        db_help = getattr(panel.db_field, "help_text", "") if panel.db_field is not None else ""
        if not str(panel.help_text or db_help or "").strip():
            missing.append(f"{owner.__name__}.{panel.field_name}")
    assert not missing, f"fields without help text: {missing}"


def test_help_texts_are_shown_in_indonesian():
    from events.models import EventPage

    with translation.override("id"):
        assert str(EventPage._meta.get_field("start_date").help_text) == "Hari kegiatan berlangsung."
