"""WSGI entry point; production selects `site_cms.settings.production` through the environment."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cms.settings.dev")

application = get_wsgi_application()

# With production's manifest storage, uncollected static files would make every page a 500: stop here instead, with
# a message that says to run collectstatic (home/staticcheck.py).
from home.staticcheck import require_collected_static  # noqa: E402 (needs the settings loaded above)

require_collected_static()
