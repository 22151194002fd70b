"""Browser tests: Playwright drives Chromium against Django's live server."""
