"""The start-up work of a web worker's first request, done once in gunicorn's master before it forks the workers.

gunicorn loads the application in its master (`preload_app`, deploy/gunicorn.conf.py) and forks the workers from
it, and it replaces each worker after `max_requests`. Django and Wagtail leave much of their start-up to the first
request: importing the URLconf (and with it every view), finding Wagtail's hooks, reading the translation
catalogues, compiling templates, importing the Redis client. The first request of a fresh worker took 290–430 ms
where the next took 13 ms (docs/performance.md): one visitor in every couple of thousand waited for it, and the
benchmarks saw it as the p99 spikes. Done here, every fork, the first and each replacement, inherits the result.

Nothing here opens a connection: a database or Redis connection made before the fork would be shared by every
worker. (The cache backends are created, which only imports their client libraries; redis-py connects on first use.)
"""

import logging
import time
from pathlib import Path

from django import forms
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.template import engines
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


class _EveryWidget(forms.Form):
    """One field of each kind the public forms use, so rendering it compiles Django's form templates."""

    text = forms.CharField()
    email = forms.EmailField()
    number = forms.IntegerField()
    hidden = forms.CharField(widget=forms.HiddenInput)
    textarea = forms.CharField(widget=forms.Textarea)
    choice = forms.ChoiceField(choices=[("a", "a")])
    radio = forms.ChoiceField(choices=[("a", "a")], widget=forms.RadioSelect)
    multiple = forms.MultipleChoiceField(choices=[("a", "a")], widget=forms.CheckboxSelectMultiple)
    checkbox = forms.BooleanField()
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    upload = forms.FileField()


def project_templates():
    """The names of the site's own templates: templates/ in every DIRS entry and in each of our apps."""
    base = Path(settings.BASE_DIR).resolve()
    directories = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    directories += [
        Path(app.path) / "templates"
        for app in django_apps.get_app_configs()
        if Path(app.path).resolve().is_relative_to(base) and "site-packages" not in Path(app.path).parts
    ]
    names = []
    for directory in directories:
        if directory.is_dir():
            for path in sorted(directory.rglob("*")):
                if path.is_file() and path.suffix in (".html", ".txt", ".xml"):
                    names.append(path.relative_to(directory).as_posix())
    return names


def warm_up():
    started = time.perf_counter()
    reverse("wagtail_serve", args=("",))  # imports the URLconf and every view, fills the resolver

    from wagtail import hooks

    hooks.search_for_hooks()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")  # reads the language's catalogues
    for alias in settings.CACHES:
        caches[alias]
    django_engine = engines["django"]
    for name in project_templates():
        django_engine.get_template(name)
    str(_EveryWidget())
    str(_EveryWidget(data={}))  # errors render through their own templates
    connections.close_all()
    logger.info("warmed up in %.0f ms", (time.perf_counter() - started) * 1000)
