from django.apps import AppConfig


class CacheProbeConfig(AppConfig):
    name = "tests.cacheprobe"
    label = "cacheprobe"
    default_auto_field = "django.db.models.AutoField"
