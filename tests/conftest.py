"""Shared pytest fixtures."""

import io
from datetime import UTC, datetime

import pytest
from django.core.cache import caches
from django.core.management import call_command

# The last day both real postings took applications: without closing dates they are open until
# their internships start, the Fall 2025 one on 1 September 2025 and the PhD (Summer 2026) one
# on 1 May 2026 (postings/seasons.py).
BOTH_REAL_POSTINGS_OPEN = datetime(2025, 8, 31, 12, tzinfo=UTC)


@pytest.fixture
def pinterest(db, time_machine):
    """The two real Pinterest postings, loaded as `make run` loads them, on a clock stopped at
    the last day both took applications: what a test sees of them never depends on the day it
    runs. A test about another day moves the clock itself (`time_machine.move_to`)."""
    time_machine.move_to(BOTH_REAL_POSTINGS_OPEN, tick=False)
    call_command("load_real_postings", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _test_site(settings):
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
