from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    name = "ppid"
    verbose_name = _("Public information (PPID)")

    def ready(self):
        from ppid import metadata

        metadata.connect_signals()
