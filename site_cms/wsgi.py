"""WSGI entry point; production selects `site_cms.settings.production` through the environment."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cms.settings.dev")

application = get_wsgi_application()
