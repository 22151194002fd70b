"""A student picks internships to compare, with or without JavaScript, and reads them together."""

import re
from decimal import Decimal

import pytest

from postings.models import PayPeriod
from tests.e2e.browser import expect
from tests.factories import (
    CompanyFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    ResearchAreaFactory,
)

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 360, "height": 780}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def three_postings(db):
    """Three open postings sharing a research area, paid in euros, dollars a month and an hour."""
    area = ResearchAreaFactory(name="Ranking", slug="ranking")
    berlin = LocationFactory(city="Berlin", region="", country="DE")
    austin = LocationFactory(city="Austin", region="TX", country="US")
    specs = [
        ("Ranking Intern", "Eurolab", berlin, ("131000", "EUR", PayPeriod.YEAR)),
        ("Search Intern", "Dollarco", austin, ("23.50", "USD", PayPeriod.HOUR)),
        ("Ads Intern", "Monthly Inc", austin, ("7000", "USD", PayPeriod.MONTH)),
    ]
    postings = []
    for title, company, place, (amount, currency, period) in specs:
        posting = PublishedPostingFactory(
            title=title, company=CompanyFactory(name=company), locations=[place],
            research_areas=[area],
        )  # fmt: skip
        PayBandFactory(
            posting=posting, minimum=Decimal(amount), maximum=Decimal(amount),
            currency=currency, period=period,
        )  # fmt: skip
        postings.append(posting)
    return postings


def compared_titles(page):
    table = page.get_by_role("region", name=re.compile("side by side"))
    return [t.strip() for t in table.locator("thead th a:first-child").all_inner_texts()]


def test_without_javascript_ticking_two_cards_opens_them_side_by_side(
    site, tab, three_postings, screenshot
):
    page = tab(java_script_enabled=False)
    page.goto(site + "/")
    page.get_by_role("checkbox", name="Compare Ranking Intern").check()
    page.get_by_role("checkbox", name="Compare Search Intern").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Compare").click()
    assert compared_titles(page) == ["Search Intern", "Ranking Intern"]  # the list's order
    best = page.locator("td.compare-table__best")
    expect(best).to_have_count(1)
    expect(best).to_contain_text("≈ $12,448")
    expect(best).to_contain_text("Highest pay")
    screenshot(page, "compare-desktop")


def test_a_posting_page_compares_itself_with_the_similar_postings_ticked(
    site, page, three_postings, screenshot
):
    ranking = three_postings[0]
    page.goto(site + ranking.get_absolute_url())
    bar = page.locator("#compare-form")
    expect(bar).to_be_hidden()  # with JavaScript, the bar waits for a tick
    page.get_by_role("checkbox", name="Compare Ads Intern").check()
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("2 chosen to compare.")
    with page.expect_navigation():
        bar.get_by_role("button", name="Compare").click()
    assert compared_titles(page) == ["Ranking Intern", "Ads Intern"]
    screenshot(page, "compare-from-posting")


def test_on_a_360_px_phone_the_table_scrolls_inside_itself_not_the_page(
    site, tab, three_postings, screenshot, serious_violations
):
    page = tab(**PHONE)
    page.goto(site + "/compare/?" + "&".join(f"posting={p.pk}" for p in three_postings))
    assert compared_titles(page) == ["Ranking Intern", "Search Intern", "Ads Intern"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    region = page.get_by_role("region", name=re.compile("side by side"))
    widths = region.evaluate("el => [el.clientWidth, el.scrollWidth]")
    assert widths[1] > widths[0], "the table is wider than the phone and scrolls"
    region.evaluate("el => el.scrollTo(el.scrollWidth, 0)")
    last = region.locator("thead th").last
    expect(last).to_be_in_viewport()
    # The row headers stay in view while the columns scroll under them (across: the row
    # itself may be further down the page).
    season = region.get_by_role("rowheader", name=re.compile("^Season")).bounding_box()
    assert season["x"] >= 0 and season["x"] + season["width"] <= 360
    screenshot(page, "compare-phone")
    assert serious_violations(page) == []


def test_unknown_and_too_many_postings_are_explained(site, page, three_postings):
    ids = [str(p.pk) for p in three_postings] * 2 + ["999999", "abc"]
    page.goto(site + "/compare/?" + "&".join(f"posting={pk}" for pk in ids))
    notice = page.get_by_role("note").filter(has_text="Not everything you asked for")
    expect(notice).to_contain_text("No internship on the board has the number 999999")
    expect(notice).to_contain_text("“abc” is not an internship's number.")
    assert len(compared_titles(page)) == 3
