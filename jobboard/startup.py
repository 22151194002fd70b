"""Checks a serving process makes before it answers any request."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_secret_key():
    """Refuses to serve without a SECRET_KEY (settings only supply one while DEBUG is on)."""
    try:
        settings.SECRET_KEY  # noqa: B018 - Django raises here when the key is empty
    except ImproperlyConfigured as error:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.") from error
