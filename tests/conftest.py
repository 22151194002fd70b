"""Shared pytest fixtures, and the Hypothesis settings of the property-based tests."""

import io
import os
from datetime import UTC, datetime

import pytest
from django.core.cache import caches
from django.core.management import call_command
from hypothesis import HealthCheck, settings
from pytest_httpserver import HTTPServer

from jobboard import cache as page_cache
from jobboard import faults
from postings.exchange_rates import add_missing_default_rates
from postings.listing.index import current_index
from postings.models import ExchangeRate
from tests import fake_reader as stand_in

# A bounded number of examples keeps every run fast; tests that read a seeded board share it
# across examples (function-scoped fixtures are meant). Locally each run tries new examples and
# replays the failures it found before (kept in .hypothesis/); CI keeps nothing and tries the
# same examples every run, so a merge is never blocked by an example drawn that day.
settings.register_profile(
    "dev",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("ci", settings.get_profile("dev"), database=None, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

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
    monkeypatch.setattr(faults._database_fault, "_logged_at", None)


@pytest.fixture
def fake_reader(monkeypatch):
    """The stand-in reader of tests/fake_reader.py, where the imports app calls the reader."""
    monkeypatch.setattr("imports.ats.read_posting", stand_in.read_posting)
    monkeypatch.setattr("imports.admin.read_posting", stand_in.read_posting)
    return stand_in.read_posting


@pytest.fixture(scope="session")
def board_server():
    """A local HTTP server standing in for job boards; threaded, so one made to hang does not
    hold up the others."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(board_server, settings):
    """The board server with no answers set, and imports that give up quickly."""
    settings.IMPORT_TIMEOUT_SECONDS = 0.5
    settings.IMPORT_RETRIES = 1
    board_server.clear()
    return board_server


@pytest.fixture(autouse=True)
def _default_exchange_rates(request):
    """The exchange rates migration 0005 loads, for every test that uses the database.

    Transactional tests (the browser tests among them) empty every table when they end, and
    pytest-django runs some database tests after them; the pay checks need the rates back.
    """
    marker = request.node.get_closest_marker("django_db")
    fixtures = set(request.fixturenames)
    transactional = bool(
        {"transactional_db", "live_server"} & fixtures
        or (marker and marker.kwargs.get("transaction"))
    )
    if transactional:
        request.getfixturevalue("transactional_db")
    elif marker or "db" in fixtures:
        request.getfixturevalue("db")
    else:
        return
    add_missing_default_rates(ExchangeRate)
