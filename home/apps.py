from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from . import cache, editorial, visibility

        cache.connect_signals()
        editorial.connect_signals()
        visibility.install()
