"""The page headers for static files, which WhiteNoise answers before the middleware runs."""

from csp.utils import build_policy
from django.conf import settings


def add_page_headers(headers, path, url):
    """WhiteNoise's add_headers_function: the Content-Security-Policy and X-Frame-Options that
    django-csp's and Django's clickjacking middleware add to pages, from the same settings.

    The other security headers come from SecurityMiddleware, which wraps WhiteNoise.
    """
    headers["Content-Security-Policy"] = build_policy()
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
