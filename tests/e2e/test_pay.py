"""Pay in US dollars on cards and the posting page, and the pay insight, at 1280 and 360 px."""

from decimal import Decimal

import pytest

from postings.models import PayPeriod
from tests.e2e.browser import expect
from tests.factories import PayBandFactory, PublishedPostingFactory

pytestmark = pytest.mark.e2e

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 780}}


@pytest.fixture
def euro_posting(db):
    posting = PublishedPostingFactory(title="Euro Intern", duration_weeks=10, year=2027)
    PayBandFactory(posting=posting, minimum=Decimal(131000), maximum=Decimal(131000),
                   currency="EUR", period=PayPeriod.YEAR)  # fmt: skip
    for amount in (4000, 9000, 14000):
        PayBandFactory(posting=PublishedPostingFactory(year=2027), minimum=amount, maximum=amount)
    return posting


@pytest.mark.parametrize("width", WIDTHS)
def test_pay_is_restated_in_dollars_and_placed_among_comparable_postings(
    width, site, tab, euro_posting, screenshot, serious_violations
):
    page = tab(viewport=WIDTHS[width])
    page.goto(site + "/")
    card = page.get_by_role("article", name="Euro Intern")
    expect(card).to_contain_text("≈ $12,448 a month, ≈ $28,726 for 10 weeks (rate of 2 Jun 2025)")
    screenshot(page, f"list-{width}")
    page.goto(site + euro_posting.get_absolute_url())
    pay = page.get_by_role("region", name="Pay")
    expect(pay).to_contain_text("≈ $12,448")
    expect(pay).to_contain_text("Higher than 66% of 3 comparable internships")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
    screenshot(page, f"posting-{width}")
    assert serious_violations(page) == []
