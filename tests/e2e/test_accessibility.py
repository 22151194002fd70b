"""axe-core finds no serious or critical accessibility violations on the student pages."""

import pytest

import tests.e2e.browser  # noqa: F401  (skips this module without Playwright)

pytestmark = pytest.mark.e2e

PAGES = {
    "list": "/",
    "list-filtered": "/?location=4&degree=phd&arrangement=remote&q=recommender&sort=pay",
    "list-no-results": "/?q=quantum+knitting",
    "list-invalid-filter": "/?min_pay=abc&posted_within=5",
    "detail": "/internships/pinterest/phd-machine-learning-internship-2026-usa/",
    "company": "/companies/pinterest/",
    "not-found": "/internships/pinterest/no-such-posting/",
    "not-found-anywhere": "/no/such/page/",
}


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations(
    name, site, page, pinterest, screenshot, serious_violations
):
    response = page.goto(site + PAGES[name])
    assert response.status == (404 if name.startswith("not-found") else 200)
    screenshot(page, name)
    assert serious_violations(page) == []
