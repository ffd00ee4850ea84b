"""Production settings as the environment makes them: PostgreSQL, Redis, the task queue, media on S3 or local disk.

Each case starts `manage.py shell` with site_cms.settings.production and the given environment, and reads the
resulting settings back as JSON. Nothing here connects anywhere: S3 and PostgreSQL are only configured.
"""

import json

import pytest

from tests.site.test_settings import PRODUCTION_ENV, run_manage
from tests.site.test_task_queue import PRODUCTION_TASKS

INSPECT = """
import json
from django.conf import settings as s
from django.core.files.storage import default_storage as media
db = s.DATABASES["default"]
print(json.dumps({
    "cache_backend": s.CACHES["default"]["BACKEND"],
    "cache_location": s.CACHES["default"].get("LOCATION"),
    "cache_options": s.CACHES["default"].get("OPTIONS", {}),
    "security_cache": s.CACHES["security"],
    "axes_handler": s.AXES_HANDLER,
    "page_cache_seconds": s.PAGE_CACHE_SECONDS,
    "session_engine": s.SESSION_ENGINE,
    "db_engine": db["ENGINE"], "db_host": db["HOST"], "db_name": db["NAME"],
    "conn_max_age": db["CONN_MAX_AGE"], "conn_health_checks": db["CONN_HEALTH_CHECKS"],
    "db_options": db.get("OPTIONS", {}),
    "tasks": s.TASKS,
    "middleware": s.MIDDLEWARE,
    "media_class": type(media._wrapped if hasattr(media, "_wrapped") else media).__module__ + "."
                   + type(media._wrapped if hasattr(media, "_wrapped") else media).__name__,
    "media_bucket": getattr(media, "bucket_name", None),
    "media_endpoint": getattr(media, "endpoint_url", None),
    "media_querystring_auth": getattr(media, "querystring_auth", None),
    "media_overwrite": getattr(media, "file_overwrite", None),
    "media_url": media.url("images/foto-kegiatan.width-800.jpg"),
    "static_storage": s.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def production_settings(**env):
    result = run_manage("shell", "--no-imports", "-c", INSPECT, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def full_stack():
    return production_settings(
        DATABASE_URL="postgres://kesbangpol:rahasia@db.internal:5432/kesbangpol",
        REDIS_URL="redis://cache.internal:6379/1",
        AWS_STORAGE_BUCKET_NAME="kesbangpol-media",
        AWS_S3_ENDPOINT_URL="https://s3.kaltengprov.go.id",
        AWS_S3_REGION_NAME="id-central-1",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret-example",
        AWS_S3_CUSTOM_DOMAIN="media.kesbangpol.kaltengprov.go.id",
    )


def test_postgresql_keeps_connections_checks_them_and_gives_up_quickly(full_stack):
    assert full_stack["db_engine"] == "django.db.backends.postgresql"
    assert (full_stack["db_host"], full_stack["db_name"]) == ("db.internal", "kesbangpol")
    assert full_stack["conn_max_age"] == 60 and full_stack["conn_health_checks"] is True
    assert full_stack["db_options"] == {"connect_timeout": 5}


def test_connect_timeout_from_the_url_wins():
    from site_cms.settings.base import database_from_url

    assert database_from_url("postgres://u@h/d?connect_timeout=2")["OPTIONS"]["connect_timeout"] == 2


def test_redis_is_the_shared_cache_and_turns_the_page_cache_on(full_stack):
    assert full_stack["cache_backend"] == "django_redis.cache.RedisCache"
    assert full_stack["cache_location"] == "redis://cache.internal:6379/1"
    assert full_stack["cache_options"]["SOCKET_TIMEOUT"] <= 2
    assert full_stack["cache_options"]["IGNORE_EXCEPTIONS"] is True
    assert full_stack["page_cache_seconds"] == 300
    # Sessions stay in the database (see site_cms/settings/base.py for why).
    assert full_stack["session_engine"] == "django.contrib.sessions.backends.db"


def test_page_cache_sits_outside_the_middleware_that_sets_cookies(full_stack):
    middleware = full_stack["middleware"]
    cache = middleware.index("home.middleware.PageCacheMiddleware")
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") < cache
    for inner in ("sessions", "csrf", "messages", "auth"):
        assert all(cache < i for i, m in enumerate(middleware) if f".{inner}." in m), inner


def test_outbox_goes_to_the_database_queue_and_wagtail_stays_in_process(full_stack):
    assert full_stack["tasks"] == PRODUCTION_TASKS


def test_media_on_s3_compatible_storage_when_a_bucket_is_configured(full_stack):
    assert full_stack["media_class"] == "home.storage_s3.RandomNameS3Storage"
    assert full_stack["media_bucket"] == "kesbangpol-media"
    assert full_stack["media_endpoint"] == "https://s3.kaltengprov.go.id"
    assert full_stack["media_querystring_auth"] is False and full_stack["media_overwrite"] is False
    assert (
        full_stack["media_url"] == "https://media.kesbangpol.kaltengprov.go.id/media/images/foto-kegiatan.width-800.jpg"
    )
    assert full_stack["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_security_counters_never_share_the_page_caches_store(full_stack):
    # Redis evicts (allkeys-lru) for the whole server: the counters and the lockout live in the database instead.
    assert full_stack["security_cache"]["BACKEND"] == "home.cache_backends.DatabaseCache"
    assert full_stack["security_cache"]["LOCATION"] != full_stack["cache_location"]
    assert full_stack["axes_handler"] == "axes.handlers.database.AxesDatabaseHandler"


def test_without_redis_or_bucket_everything_stays_on_this_machine():
    local = production_settings()
    # A cache every worker shares (an in-process one would give each worker its own counters and its own pages,
    # which a purge in another worker never reaches): the database, so the page cache is on.
    assert local["cache_backend"] == "home.cache_backends.DatabaseCache"
    assert local["cache_location"] != local["security_cache"]["LOCATION"]
    assert local["page_cache_seconds"] == 300
    assert local["media_class"] == "home.storage.RandomNameStorage"
    assert local["media_url"] == "/media/images/foto-kegiatan.width-800.jpg"
