"""Local development (`make run`): debug on, mail printed to the console unless EMAIL_BACKEND says otherwise."""

import contextlib

from .base import *  # noqa: F403
from .base import env, env_int, env_list, media_storage_from_env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "0.0.0.0"])
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Plain storage: no manifest to rebuild after every CSS edit.
STORAGES = {
    "default": media_storage_from_env(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No page cache or kept parts by default: a template or CSS edit must show on the next reload, and a purge follows
# content changes only. The rate limits still count in the shared database cache (base.py). PAGE_CACHE_SECONDS=300
# etc. try the caches locally.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 0)

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403  (git-ignored, per-machine overrides)
