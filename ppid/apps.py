from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PPIDConfig(AppConfig):
    name = "ppid"
    verbose_name = _("PPID (public information)")

    def ready(self):
        from ppid import metadata

        metadata.connect_signals()
