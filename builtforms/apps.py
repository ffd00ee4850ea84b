from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuiltformsConfig(AppConfig):
    name = "builtforms"
    verbose_name = _("Editor-built forms")
