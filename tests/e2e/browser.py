"""Playwright's API for the browser tests; importing it skips a test module without Playwright."""

import os

import pytest

# CI sets E2E_REQUIRED=1 so that a broken install fails instead of skipping quietly.
if os.environ.get("E2E_REQUIRED") == "1":
    from playwright import sync_api
else:
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="browser tests need Playwright: pip install -e '.[dev]'",
    )
expect = sync_api.expect
