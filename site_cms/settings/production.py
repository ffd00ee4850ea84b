"""Production: behind a TLS proxy, secrets from the environment, refuses to start without them."""

from django.core.exceptions import ImproperlyConfigured

from home import siteurl

from .base import *  # noqa: F403
from .base import SECRET_KEY, SITE_HOSTNAME, TASKS, env, env_bool, env_int

DEBUG = False

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set (at least 50 random characters) to run with site_cms.settings.production."
    )

# Mailed links, feeds, the sitemap and canonical links all name SITE_URL: a wrong one sends every reader to the
# wrong place, so it is checked here, not discovered in a participant's inbox. SITE_URL_ALLOW_LOCAL=1 accepts an
# address on this machine (http://127.0.0.1:8100) for rehearsals on loopback (deploy/prod_local.py), nothing else.
_site_url_problems = siteurl.problems(env("SITE_URL"))
if _site_url_problems and env("SITE_URL") and env_bool("SITE_URL_ALLOW_LOCAL") and siteurl.is_local(SITE_HOSTNAME):
    _site_url_problems = []
if _site_url_problems:
    raise ImproperlyConfigured(
        "; ".join(_site_url_problems)
        + ". Set SITE_URL to the public https address (e.g. https://kesbangpol.kaltengprov.go.id) to run with "
        "site_cms.settings.production."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a decision for whoever runs the parent domain (kaltengprov.go.id): it needs includeSubDomains
    # on the apex, which this site does not control. Operators who own the apex set SECURE_HSTS_PRELOAD=true.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# The proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies are only accepted by browsers over HTTPS, with Path=/ and no Domain: they cannot be planted
# by a sibling subdomain.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_NAME = "__Host-django_language"
MESSAGE_STORAGE = "home.security.HostCookieMessageStorage"

# Background tasks. Wagtail's own tasks (search and reference index updates) stay on the in-process "default"
# backend, so they keep working when the worker is down. Our mail goes through the "outbox" alias to a queue table
# in the same database, worked through by `manage.py db_worker --backend outbox` (deploy/systemd/); when the
# worker is down mail waits there, and the send_outbox timer sends whatever is due anyway.
TASKS = {**TASKS, "outbox": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
