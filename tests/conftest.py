"""Shared pytest fixtures."""

import pytest
from django.core.cache import caches
from django.core.management import call_command

from jobboard import cache as page_cache
from postings.listing_index import current_index


@pytest.fixture
def pinterest(db):
    """The two real Pinterest postings, loaded from fixtures/ as `make run` loads them."""
    call_command("loaddata", "pinterest", verbosity=0)


@pytest.fixture(autouse=True)
def _test_site(settings, monkeypatch):
    """Tests talk plain http to uncollected static files, with an empty in-memory page cache.

    Production (DEBUG off) redirects to https, serves hashed files from collectstatic's
    manifest, and without Redis keeps the page cache generation in the database (one query
    per page that query-count tests should not see); tests/test_security.py,
    tests/test_production.py and tests/test_cache.py check that configuration.
    """
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    settings.CACHES = {"default": memory, "page_generation": memory}
    caches["default"].clear()
    # A fault a test provoked (the cache, a failed index rebuild) is not carried into the next.
    monkeypatch.setattr(page_cache, "cache_outage", page_cache._CacheOutage())
    monkeypatch.setattr(current_index, "_retry_at", 0.0)
