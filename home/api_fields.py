"""Serializer fields for the page models' `api_fields` (the public API, site_cms/api.py and docs/api.md).

Importable from models.py: it needs Django REST framework only, not Wagtail's API views.
"""

from django.utils import timezone
from rest_framework import serializers


class ZonedMomentField(serializers.Field):
    """A moment as ISO 8601 with the offset of the page's own zone (`zone` attribute), e.g. an event in WITA."""

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        moment = getattr(instance, self.attribute)
        return timezone.localtime(moment, instance.zone) if moment else None

    def to_representation(self, value):
        return value.isoformat()
