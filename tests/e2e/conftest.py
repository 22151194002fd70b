"""Fixtures for the browser tests: Debian's Chromium, the live server, screenshots and axe."""

import os
import re
import shutil
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.factories import (
    CompanyFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
)

CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API keeps an asyncio loop running in the test thread for as long as the
# browser is open, and Django refuses ORM calls from a thread with a running loop. The tests
# only use the ORM to arrange data, never concurrently with a request, so this is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_runtest_setup(item):
    if item.get_closest_marker("e2e") and not CHROMIUM.exists():
        reason = (
            f"browser tests need Chromium at {CHROMIUM} "
            "(apt-get install chromium, or point E2E_CHROMIUM at one)"
        )
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options (--headed, --slowmo) on Debian's Chromium."""
    args = list(CHROMIUM_ARGS)
    if browser_type_launch_args.get("headless") is False:
        args.remove("--headless")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": args}


@pytest.fixture(scope="session", autouse=True)
def _live_server_over_plain_http(request):
    """Starts pytest-django's live server with the HTTPS redirect off: it speaks plain HTTP,
    and SecurityMiddleware reads the setting once, when the server builds its handler."""
    with override_settings(SECURE_SSL_REDIRECT=False):
        request.getfixturevalue("live_server")


@pytest.fixture
def site(live_server, settings):
    """The live server's base URL. Its database is emptied after each test (transactional).

    Session and CSRF cookies last as long as the browser: tests with the real postings stop
    the server's clock in 2025 (tests/conftest.py), and Chromium, on the real clock, would
    throw away a cookie whose expiry date that clock puts in its past."""
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    return live_server.url


@pytest.fixture
def tab(new_context):
    """`tab(**context_options)` opens a page in a fresh browser context (own cookies and cache),
    desktop-sized unless the options say otherwise. Through pytest-playwright's `new_context`,
    so --tracing, --video and --screenshot work."""
    from playwright.sync_api import expect

    expect.set_options(timeout=10_000)

    def open_tab(**options):
        context = new_context(**{"viewport": DESKTOP, "locale": "en-US", **options})
        context.set_default_timeout(10_000)
        return context.new_page()

    return open_tab


@pytest.fixture
def screenshot(request):
    """`screenshot(page, "list")` saves a full-page PNG in test-artifacts/e2e/<test name>/."""
    folder = ARTIFACTS / "e2e" / re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")
    shutil.rmtree(folder, ignore_errors=True)
    taken = []

    def take(page, name):
        folder.mkdir(parents=True, exist_ok=True)
        taken.append(name)
        path = folder / f"{len(taken):02d}-{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def serious_violations(axe):
    """Runs axe-core on a page; returns its serious and critical violations, readably."""

    def check(page):
        results = axe.run(page)
        return [
            {
                "rule": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "elements": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]

    return check


@pytest.fixture
def fifty_postings(db):
    """50 open postings from two companies, newest first, each paid $100/month more than the
    next newer one, and every other one remote; returns them newest first."""
    today = timezone.localdate()
    companies = [
        CompanyFactory(name="Acme AI", slug="acme-ai"),
        CompanyFactory(name="Bolt ML", slug="bolt-ml"),
    ]
    office = LocationFactory(city="Austin", region="TX")
    postings = []
    for n in range(50):
        posting = PublishedPostingFactory(
            company=companies[n % 2],
            title=f"Seeded ML Intern {n + 1:02d}",
            slug=f"seeded-ml-intern-{n + 1:02d}",
            posted_on=today - timedelta(days=n),
            offers_remote=n % 2 == 0,
            locations=[office],
        )
        PayBandFactory(
            posting=posting, minimum=Decimal(3000 + 100 * n), maximum=Decimal(3000 + 100 * n)
        )
        postings.append(posting)
    return postings


@pytest.fixture
def page(tab):
    """A desktop-sized tab (replaces pytest-playwright's `page`, sized by `tab`)."""
    return tab()
