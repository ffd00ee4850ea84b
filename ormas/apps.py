from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrmasConfig(AppConfig):
    name = "ormas"
    verbose_name = _("Ormas register")

    def ready(self):
        from home import cache as page_cache
        from ormas.models import Ormas

        # The register is shown on OrmasIndexPage, which is a page but not these rows: a change forgets the pages.
        page_cache.purge_on_change(Ormas)
