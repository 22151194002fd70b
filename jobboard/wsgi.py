"""WSGI entry point, used by gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from jobboard.startup import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings")

application = get_wsgi_application()
require_secret_key()
