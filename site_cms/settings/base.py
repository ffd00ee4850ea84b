"""Settings shared by every environment.

This module is production-safe on its own: `dev` relaxes it, `production` tightens it and insists on secrets,
`test` makes it fast and isolated. Everything that differs between machines comes from the environment, with the
standard variable names (DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, EMAIL_*, REDIS_URL, ...).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from home import siteurl

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=None):
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name, default):
    value = env(name)
    try:
        return default if value is None else int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_url(url):
    """One DATABASES entry from a URL; SQLite gets WAL and a busy timeout so concurrent writers wait."""
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock at BEGIN, so a read-then-write transaction waits (up to `timeout`)
        # instead of failing with "database is locked" halfway through. The connection is kept between requests as
        # PostgreSQL's is: opening one costs Django's function registrations and the three PRAGMAs below, more than
        # a page-cache hit costs otherwise (docs/performance.md, "Latest figures"). Outside a transaction a kept
        # connection reads the newest commit (WAL), so nothing is served stale.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON",
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # While PostgreSQL restarts or its host is unreachable, a request fails after 5 s with a clean 503
        # instead of hanging until gunicorn kills the worker. `?connect_timeout=` in the URL overrides it.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    return config


SECRET_KEY = env("SECRET_KEY")
DEBUG = False
# The address visitors use, e.g. https://kesbangpol.kaltengprov.go.id. Every absolute link that leaves the site (mail,
# feeds, sitemap, canonical and share links, JSON-LD) is built from it, never from a request's Host header; the
# default Wagtail site follows it after every `migrate` (home/siteurl.py). The default is what `make run` serves;
# production refuses to start without a public https address (production.py).
try:
    SITE_URL, SITE_HOSTNAME, _site_port = siteurl.parse(env("SITE_URL", "http://127.0.0.1:8000"))
except ValueError as exc:
    raise ImproperlyConfigured(str(exc)) from exc
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours first, so our templates override the ones of the apps below.
    "home",
    "news",
    "events",
    "feedback",
    "consultations",
    "ppid",
    "builtforms",
    "ormas",
    "opendata",
    "desk",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # The read-only public JSON API at /api/v2/ (site_cms/api.py, docs/api.md). Django REST framework ships with
    # Wagtail (https://docs.wagtail.org/en/stable/advanced_topics/api/v2/configuration.html) but is deliberately not
    # an installed app: the API renders JSON only (home/api.py), so it needs none of DRF's templates, and an
    # installed DRF would put its Indonesian catalogue above Django's for the same messages ("Enter a valid email
    # address." would read differently on every public form). tests/site/test_translations.py guards this.
    "wagtail.api.v2",
    # The durable queue behind the "outbox" task backend in production (`manage.py db_worker`). Installed
    # everywhere so every environment has the same tables; only production routes tasks to it.
    "django_tasks_db",
    # Hardening (docs/security.md): Content-Security-Policy and admin login lockout.
    "csp",
    "axes",
    # The form engine for editor-built forms; only its models are used, never its views or admin.
    "forms_builder.forms",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so static files get the same headers as pages.
    "home.security.SecurityHeadersMiddleware",
    "home.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session, CSRF and message middleware on purpose: it must see the cookies and Vary headers they
    # add, so it never stores a response that belongs to one visitor (home/cache.py).
    "home.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Data several parts of a render read (view restrictions, settings, menu) once per request (home/cache.py).
    "home.cache.RequestMemoMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Database down or disk full: a clear 503/507 page instead of a generic 500 (home/middleware.py).
    "home.middleware.ServiceUnavailableMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_cms.urls"
WSGI_APPLICATION = "site_cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
# forms_builder's models declare no default_auto_field; BigAutoField here would make `makemigrations --check`
# want to write a migration for forms_builder into site-packages.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REDIS_URL = env("REDIS_URL")
# Security counters (the rate limits of home/ratelimit.py) never share a store with the page cache. Redis runs with
# allkeys-lru (docs/deploy.md) and `maxmemory-policy` holds for the whole server, not per database number, so in
# the page cache's Redis a flood of new pages would evict a counter standing at 429 and the next attempt would
# pass. They live in a table of the site's own database instead: nothing a visitor can make the site cache reaches
# it, every worker and every app server counts in it, and it needs no second server (docs/performance.md,
# "Where the caches live"). The admin lockout (django-axes) keeps its own tables in the same database
# (AXES_HANDLER below).
SECURITY_CACHE = {
    "BACKEND": "home.cache_backends.DatabaseCache",
    "LOCATION": "kesbangpol_security_cache",
    # Each counter is one row that lives for its window (at most an hour). Culling (deleting rows once there are
    # more than MAX_ENTRIES) removes expired rows first; only a flood of 200,000 live counters would cull live ones.
    "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 10},
}
# Without Redis the page cache lives in the database too: every gunicorn worker (and `make run`) reads and purges the
# same entries. An in-process cache would give each worker its own copy that a purge in another worker never reaches.
# Measured against the file-based cache in docs/performance.md ("Where the caches live").
DATABASE_CACHES = {
    "default": {
        "BACKEND": "home.cache_backends.DatabaseCache",
        "LOCATION": "kesbangpol_cache",
        # Pages, tokens, kept parts; culling one costs a render, never a stale page (home/cache.py).
        "OPTIONS": {"MAX_ENTRIES": 5_000, "CULL_FREQUENCY": 3},
    },
    "security": SECURITY_CACHE,
    # Wagtail keeps image renditions in the cache alias "renditions", or the default one when there is none (Wagtail
    # docs, "Performance" > "Caching image renditions"). Not in the database cache: Wagtail writes every rendition it
    # found in the cache back to it (wagtail/images/models.py `get_renditions` marks only prefetched ones
    # `_from_cache`), and Django's DatabaseCache writes each entry with three queries, so an article's picture (9
    # renditions) cost 27 writes and a read on every render: 64 queries instead of 13. Without a cache Wagtail reads
    # an image's renditions from its own table in one query (tests/site/test_query_budget.py, docs/performance.md).
    "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis, as wagtail.org and bakerydemo run it: one client per connection pool, and with
            # IGNORE_EXCEPTIONS an unreachable Redis behaves as an empty cache (reads miss, writes are dropped)
            # instead of turning every page into a 500 (django-redis README, "Memcached exceptions behavior").
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kesbangpol",
            # Without timeouts a black-holed Redis host would hang every request.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        },
        "security": SECURITY_CACHE,
    }
    # Renditions in Redis too (no "renditions" alias): a lookup is one round trip, cheaper than the query it saves.
    # Each ignored failure is logged (logger django_redis.cache), so an outage is seen, not silent.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = DATABASE_CACHES
# `manage.py migrate` creates the tables of database caches (createcachetable, home/cache.py `_on_migrate`).
# Anonymous page responses are kept this long in the cache above and purged on every content change
# (home/cache.py). The cache is shared by every worker with or without Redis; `make run` turns it off (dev.py).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# The query parameters each page type reads; a request with any other one is rendered, never stored, so junk query
# strings cannot fill the cache (home/cache.py). Tracking parameters (utm_*, fbclid, ...) are dropped from the key.
PAGE_CACHE_QUERY_PARAMS = {
    "news.NewsIndexPage": ("page", "kategori", "tag"),
    "events.EventIndexPage": ("page", "jenis", "bulan"),
    "news.ReadinessCheckPage": ("ada", "cek"),
}
# At most this many query strings of one path are stored between two purges (`?page=1`, `?page=2`, ...).
PAGE_CACHE_MAX_VARIANTS = env_int("PAGE_CACHE_MAX_VARIANTS", 50)
# Rendered parts of pages ({% fragment %}: the header, an article, a listing page, the blank registration form),
# kept under the same tokens: a page the page cache cannot serve renders mostly from them (docs/performance.md).
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 300)
# The front cache (Varnish, deploy/varnish.vcl; or a CDN, docs/deploy.md "The front cache") in front of gunicorn.
# FRONTEND_CACHE_PURGE_URL: where Wagtail sends its PURGE requests, comma-separated when several Varnish servers run
# (wagtail.contrib.frontend_cache HTTPBackend, Wagtail docs "Frontend cache invalidator"): on publish and unpublish
# of a page (Wagtail's own signal handlers), for its parent and home page too, and for an event's pages when its
# seats change (home/front_cache.py). Unset: no purges, and pages carry no s-maxage.
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL", "")
WAGTAILFRONTENDCACHE = {
    f"varnish{n}": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": location}
    for n, location in enumerate(env_list("FRONTEND_CACHE_PURGE_URL"), start=1)
}
# How long the front cache may keep a public page (`s-maxage`). Short: Wagtail purges the pages it knows changed,
# but a menu, snippet or setting change reaches the other pages' front-cache copies only when they expire (our page
# cache below it is purged at once, so the refetch is fresh). 0: no s-maxage (no shared cache may keep pages).
FRONT_CACHE_SECONDS = env_int("FRONT_CACHE_SECONDS", 60 if FRONTEND_CACHE_PURGE_URL else 0)
# Sessions stay in the database (Django's default), not in Redis: only editors have sessions, they are few, and
# a Redis restart or an LRU eviction must not log someone out in the middle of an edit.

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Deadlines in working days (home/workdays.py): cuti bersama are days off unless this is false. Counting them as
# days off gives citizens the later deadline; the office is mostly closed on them (civil servants' joint leave).
WORKDAYS_CUTI_BERSAMA_IS_DAY_OFF = env_bool("WORKDAYS_CUTI_BERSAMA_IS_DAY_OFF", True)

# Indonesian first; English is the second language of the interface (editors can pick it in their profile).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
# Ours first (makemessages writes there); then the Indonesian for the Wagtail admin strings that Wagtail's own
# id_ID catalogue lacks (locale_wagtail/README.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

SITE_ID = 1

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]


def media_storage_from_env():
    """Uploaded media: an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set, else MEDIA_ROOT on local disk.

    Several app servers need one shared media store: a bucket, or a shared file system mounted at MEDIA_ROOT.
    The variables are django-storages' own names (docs/deploy.md lists them).
    """
    bucket = env("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        # Unguessable names, complete files only (home/storage.py).
        return {"BACKEND": "home.storage.RandomNameStorage"}
    options = {
        "bucket_name": bucket,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
        "region_name": env("AWS_S3_REGION_NAME"),
        "access_key": env("AWS_ACCESS_KEY_ID"),
        "secret_key": env("AWS_SECRET_ACCESS_KEY"),
        "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
        "location": env("AWS_LOCATION", "media"),
        "addressing_style": env("AWS_S3_ADDRESSING_STYLE"),
        # Public images are linked from cached pages, so their URLs must not expire: the bucket (or the CDN in
        # front of it) serves images/ and original_images/ publicly; documents always go through Django
        # (WAGTAILDOCS_SERVE_METHOD below), which checks private collections.
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
        # Never overwrite: Wagtail and the forms rely on every upload getting a name of its own.
        "file_overwrite": False,
        "default_acl": None,
        "object_parameters": {"CacheControl": "public, max-age=604800"},
    }
    return {
        "BACKEND": "home.storage_s3.RandomNameS3Storage",
        "OPTIONS": {k: v for k, v in options.items() if v is not None},
    }


STORAGES = {
    "default": media_storage_from_env(),
    # Fingerprinted, compressed files that whitenoise serves with a far-future, immutable Cache-Control.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail: the standard Django variables, read in every settings module.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# Django's default is no timeout at all: a black-holed SMTP server would hang a worker forever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", f"Kesbangpol Kalteng <noreply@{SITE_HOSTNAME}>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Security defaults that hold everywhere; production adds TLS-only settings.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Forms carry the token in a hidden field and the Wagtail admin in its page config: no script needs the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views override this with SAMEORIGIN themselves; everything else may not be framed.
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Uploaded files are data, never programs: no execute bit, whatever the server's umask.
FILE_UPLOAD_PERMISSIONS = 0o644
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp). Public pages run only our own files: no inline script, no other host.
# JSON-LD (<script type="application/ld+json">) is data, which CSP does not block. The 500 page's inline <style>
# carries the per-request nonce. The Wagtail admin gets its own, looser policy (home/security.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin ships inline scripts and style attributes (panels, date widgets), and frames its own previews.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "worker-src": [SELF, "blob:"],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
ADMIN_PATH_PREFIX = "/admin/"
ADMIN_SEARCH_MAX_LENGTH = 200
# Powerful browser features the site never uses are switched off for it and anything it might embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), usb=()"
)

# Admin login lockout (django-axes): 5 failures for one username from one address lock that pair for 15 minutes.
# `manage.py axes_reset` lifts a lockout early.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
# The same notion of "the client's address" as the rate limits (NUM_PROXIES trusted proxies).
AXES_CLIENT_IP_CALLABLE = "home.security.axes_client_ip"
AXES_USERNAME_CALLABLE = "home.security.axes_username"
# Axes logs every attempt; the log line names a keyed hash of the client, never the username or address.
AXES_VERBOSE = False
AXES_CLIENT_STR_CALLABLE = "home.security.client_fingerprint"
AXES_ENABLE_ADMIN = False
# Failures and lockouts are rows in the database (django-axes' default, written out because it is a security
# decision): no cache eviction or flush can lift a lockout (tests/site/test_security_cache.py).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# Wagtail
WAGTAIL_SITE_NAME = "Kesbangpol Kalteng"
WAGTAIL_I18N_ENABLED = False
# The admin's links in mails (password reset, notifications): the public address unless the admin lives elsewhere.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", SITE_URL)
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Used on PostgreSQL (Indonesian stemming: "mendaftar" finds "daftar"); ignored by the SQLite backend.
        "SEARCH_CONFIG": "indonesian",
    }
}
# The public API (site_cms/api.py, docs/api.md). At most 100 items a response (Wagtail's default is 20); absolute
# links name the public address, never the Host a request came in on.
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = SITE_URL
# Requests per client address and window before a 429; generous, since a whole campus can share one NAT address.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 120)
API_RATE_WINDOW_SECONDS = 60
# How long browsers and proxies may reuse an API answer; seats left and consultation status move, so short.
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 60)
# No Django REST framework view authenticates unless it says so: Basic authentication would be a second password
# form beside the admin's login. Wagtail's admin API names its own (session) authentication.
REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": []}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "jpg", "png"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document downloads as an attachment, PDFs too: nothing uploaded is ever rendered by the browser in our origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Uploads are checked for what they really are, not only for their extension (home/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.uploads.CheckedDocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.uploads.CheckedImageForm"
WAGTAILFORMS_HELP_TEXT_ALLOW_HTML = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
# Nothing loaded from another host, in the admin either: no Gravatar (it also leaks e-mail hashes), no update ping.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Background tasks (django-tasks, a Wagtail dependency). Wagtail's own tasks stay in-process on "default".
# "outbox" sends our mail (home/outbox.py): in-process right after commit here, so `make run` needs no worker;
# production points it at a database queue (django_tasks_db) worked through by `manage.py db_worker`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "outbox": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.security.DisallowedHost": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # One line per background task and per page action is noise; failures still show.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # WeasyPrint (attendance certificates) logs every layout step at INFO; missing glyphs still show.
        "weasyprint": {"level": "WARNING"},
        # At DEBUG, Django's template engine logs the whole template context of any variable it cannot resolve,
        # including the request and the form a visitor just filled in: personal data. Never below INFO.
        "django.template": {"level": "INFO"},
    },
}

# Public forms (home/antispam.py, home/ratelimit.py): seconds a person needs at least to fill a form, and the
# number of trusted reverse proxies in front of the app (X-Forwarded-For is ignored when 0).
ANTISPAM_MIN_SECONDS = env_int("ANTISPAM_MIN_SECONDS", 3)
# Event registration (events/seats.py): how long a seat is held for the mailed confirmation click, and how many
# registrations one client address may make per event in a rolling hour (not counting those confirmed by mail).
EVENT_HOLD_HOURS = env_int("EVENT_HOLD_HOURS", 3)
EVENT_REGISTRATIONS_PER_CLIENT = env_int("EVENT_REGISTRATIONS_PER_CLIENT", 6)
NUM_PROXIES = env_int("NUM_PROXIES", 0)

# Uploads only permitted editors may read (feedback attachments): outside MEDIA_ROOT, never served by URL.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
