from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_migrate

        from . import cache, editorial, front_cache, siteurl, visibility

        cache.connect_signals()
        front_cache.connect_signals()
        editorial.connect_signals()
        visibility.install()
        post_migrate.connect(siteurl.on_post_migrate, sender=self, dispatch_uid="home-sync-site")
        checks.register(siteurl.check_site_url, checks.Tags.security, deploy=True)
