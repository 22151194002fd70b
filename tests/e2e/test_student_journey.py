"""A student finds, compares, opens and subscribes to internships, with and without JavaScript."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urljoin

import pytest
from django.utils import timezone

from postings.models import PayPeriod
from tests.e2e import board
from tests.e2e.browser import expect
from tests.factories import PayBandFactory, PublishedPostingFactory

pytestmark = pytest.mark.e2e

PHD = "PhD Machine Learning Internship 2026 (USA)"
FALL = "2025 Fall Machine Learning Intern"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def student(request, tab):
    """A desktop browser tab, with JavaScript on and again with it off."""
    return tab(java_script_enabled=request.param)


def test_student_narrows_both_pinterest_postings_by_location_and_search(
    site, student, pinterest, screenshot
):
    page = student
    page.goto(site + "/")
    assert sorted(board.result_titles(page)) == sorted([PHD, FALL])
    assert board.result_count(page) == 2
    screenshot(page, "list")

    board.choose_filter(page, "New York")
    assert board.result_titles(page) == [PHD]
    assert board.result_count(page) == 1
    assert "location=" in page.url
    screenshot(page, "list-new-york")

    chip = page.get_by_role("link", name=re.compile(r"New York.*remove", re.I))
    with page.expect_navigation():
        chip.click()
    assert sorted(board.result_titles(page)) == sorted([PHD, FALL])
    assert "location=" not in page.url
    screenshot(page, "list-chip-removed")

    board.search(page, "recommender")
    assert sorted(board.result_titles(page)) == sorted([PHD, FALL])
    assert "q=recommender" in page.url
    screenshot(page, "list-search")

    page.go_back()
    assert "q=recommender" not in page.url


def test_student_sorts_by_pay_and_pages_through_fifty_postings(
    site, student, fifty_postings, screenshot
):
    page = student
    page.goto(site + "/")
    assert board.result_count(page) == 50
    newest_first = [posting.title for posting in fifty_postings]
    assert board.result_titles(page) == newest_first[:20]

    seen = []
    for page_number in (1, 2, 3):
        screenshot(page, f"list-page-{page_number}")
        seen += board.result_titles(page)
        nav = board.pagination(page)
        next_link = nav.get_by_role("link", name=re.compile("next", re.I))
        if page_number == 3:
            expect(next_link).to_have_count(0)
            break
        with page.expect_navigation():
            next_link.click()
        assert f"page={page_number + 1}" in page.url
    assert seen == newest_first

    board.sort_by(page, "Highest pay")
    assert "sort=pay" in page.url
    assert board.result_titles(page) == newest_first[::-1][:20]
    screenshot(page, "list-by-pay")

    with page.expect_navigation():
        board.pagination(page).get_by_role("link", name=re.compile("next", re.I)).click()
    assert "sort=pay" in page.url, "pagination keeps the sort"
    assert board.result_titles(page) == newest_first[::-1][20:40]


def test_highest_pay_compares_hourly_monthly_and_yearly_pay_on_one_scale(site, page, screenshot):
    today = timezone.localdate()
    for days_ago, title, amount, period in [
        (3, "Hourly Intern", "60", PayPeriod.HOUR),  # $10,400 a month at 40 h/week
        (2, "Monthly Intern", "9000", PayPeriod.MONTH),
        (1, "Yearly Intern", "96000", PayPeriod.YEAR),  # $8,000 a month
    ]:
        posting = PublishedPostingFactory(title=title, posted_on=today - timedelta(days=days_ago))
        PayBandFactory(posting=posting, minimum=amount, maximum=amount, period=period)
    page.goto(site + "/")
    assert board.result_titles(page) == ["Yearly Intern", "Monthly Intern", "Hourly Intern"]
    board.sort_by(page, "Highest pay")
    assert board.result_titles(page) == ["Hourly Intern", "Monthly Intern", "Yearly Intern"]
    expect(page.get_by_role("main")).to_contain_text("$60 / hour")
    screenshot(page, "list-by-pay")


def test_pagination_keeps_the_filters(site, student, fifty_postings, screenshot):
    page = student
    page.goto(site + "/?arrangement=remote")
    assert board.result_count(page) == 25
    with page.expect_navigation():
        board.pagination(page).get_by_role("link", name=re.compile("next", re.I)).click()
    assert "arrangement=remote" in page.url
    remote = [posting.title for posting in fifty_postings if posting.offers_remote]
    assert board.result_titles(page) == remote[20:]
    screenshot(page, "list-remote-page-2")


def test_student_opens_a_pinterest_posting_and_sees_pay_locations_and_how_to_apply(
    site, student, pinterest, screenshot
):
    page = student
    page.goto(site + "/")
    with page.expect_navigation():
        page.get_by_role("link", name=PHD, exact=True).click()
    assert page.url.endswith("/internships/pinterest/phd-machine-learning-internship-2026-usa/")
    expect(page.get_by_role("heading", level=1)).to_have_text(PHD)
    main = page.get_by_role("main")
    expect(main).to_contain_text("$12,100 / month")
    for city in ("San Francisco", "Palo Alto", "Seattle", "New York"):
        expect(main).to_contain_text(city)
    # The fixture has no apply URL: the page says so instead of showing a dead button.
    apply = main.get_by_role("region", name="Apply", exact=True)
    expect(apply).to_contain_text("no application link")
    expect(main.get_by_role("link", name=re.compile(r"^apply", re.I))).to_have_count(0)
    screenshot(page, "detail")


def test_apply_opens_the_company_form_in_a_new_tab_safely(site, student, screenshot):
    posting = PublishedPostingFactory(
        title="Vision Intern", apply_url="https://careers.example.com/jobs/42"
    )
    PayBandFactory(posting=posting)
    page = student
    page.goto(site + posting.get_absolute_url())
    apply = page.get_by_role("main").get_by_role("link", name=re.compile(r"^apply", re.I))
    expect(apply).to_have_count(1)
    expect(apply).to_have_attribute("href", "https://careers.example.com/jobs/42")
    expect(apply).to_have_attribute("target", "_blank")
    rel = apply.get_attribute("rel").split()
    assert "noopener" in rel and "noreferrer" in rel
    screenshot(page, "detail-with-apply")


def read_feed(page, href):
    """Fetches a feed in the tab's session; returns (titles, links) of its entries."""
    response = page.request.get(urljoin(page.url, href))
    assert response.ok
    root = ET.fromstring(response.body())
    if root.tag == "rss":
        assert "application/rss+xml" in response.headers["content-type"]
        assert root.get("version") == "2.0" and root.find("channel/title").text
        items = root.iter("item")
        return [(item.findtext("title"), item.findtext("link")) for item in items]
    assert "application/atom+xml" in response.headers["content-type"]
    assert root.tag == f"{ATOM}feed" and root.findtext(f"{ATOM}id")
    entries = root.iter(f"{ATOM}entry")
    return [
        (entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link").get("href")) for entry in entries
    ]


def test_student_subscribes_to_the_feed_of_a_filtered_list(site, student, pinterest, screenshot):
    page = student
    page.goto(site + "/")
    board.choose_filter(page, "New York")
    screenshot(page, "list-new-york")
    detail = site + "/internships/pinterest/phd-machine-learning-internship-2026-usa/"
    for kind, mime in [("RSS", "application/rss+xml"), ("Atom", "application/atom+xml")]:
        link = page.get_by_role("main").get_by_role("link", name=kind, exact=True)
        href = link.get_attribute("href")
        assert "location=" in href, f"the {kind} link keeps the filters"
        alternate = page.locator(f"head link[rel=alternate][type='{mime}']")
        assert alternate.get_attribute("href") == href
        [(title, link)] = read_feed(page, href)
        assert title.startswith(PHD) and link == detail

    page.goto(detail)
    expect(page.get_by_role("heading", level=1)).to_have_text(PHD)


def test_filtering_and_searching_leave_only_the_chosen_values_in_the_address(
    site, student, fifty_postings, screenshot
):
    page = student
    page.goto(site + "/")

    board.choose_filter(page, "Remote")
    assert page.url == site + "/?arrangement=remote"

    board.search(page, "seeded")
    assert page.url == site + "/?q=seeded&arrangement=remote"
    assert board.result_count(page) == 25
    screenshot(page, "clean-address")
