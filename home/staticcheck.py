"""Refuse to start with static files that were not collected for this code.

With `CompressedManifestStaticFilesStorage` (production), `{% static %}` looks each file up in STATIC_ROOT's
`staticfiles.json`; a file missing there raises ValueError while the page renders, so every page is a 500. That is
what a checkout that ran `make run` (plain storage, no manifest) and then switched to production settings got, and
what a deploy that forgot `collectstatic` after changing CSS would get. gunicorn loads the application through
site_cms/wsgi.py, which calls `require_collected_static()`: the process stops at start-up with a message that says
what to run. (Not a system check: `manage.py collectstatic` itself must run without a manifest.)
"""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured


def missing_static_files():
    """Static files of the code that the manifest does not name; [] when the storage keeps no manifest."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):  # the lazy object passes isinstance through
        return []
    manifest, _hash = staticfiles_storage.load_manifest()
    sources = {path for finder in finders.get_finders() for path, _ in finder.list(["CVS", ".*", "*~"])}
    return sorted(sources - set(manifest))


def message(missing):
    return (
        f"{len(missing)} static file(s) of this code are not in {settings.STATIC_ROOT}/staticfiles.json (e.g. "
        f"{missing[0]}), so every page would answer 500. Run: manage.py collectstatic --noinput (with the same "
        "DJANGO_SETTINGS_MODULE and STATIC_ROOT), then start again."
    )


def require_collected_static():
    missing = missing_static_files()
    if missing:
        raise ImproperlyConfigured(message(missing))
