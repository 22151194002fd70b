"""By keyboard alone a student reaches every control on the list page and sees the focus."""

import re

import pytest

import tests.e2e.browser  # noqa: F401  (skips this module without Playwright)
from tests.e2e import board

pytestmark = pytest.mark.e2e

MAX_TABS = 400
# Numbers every focusable element and records how it looks before it has focus.
MARK_FOCUSABLES = """() => {
  const focusable = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"])';
  const looks = (style) => [style.outlineStyle, style.outlineWidth, style.outlineColor,
    style.boxShadow, style.backgroundColor, style.borderColor, style.textDecorationLine].join('|');
  document.querySelectorAll(focusable).forEach((el, index) => {
    el.dataset.kb = index;
    el.dataset.kbLooks = looks(getComputedStyle(el));
  });
}"""
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const looks = [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow,
    style.backgroundColor, style.borderColor, style.textDecorationLine].join('|');
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow !== 'none' && looks !== el.dataset.kbLooks;
  const name = (el.labels && el.labels[0] ? el.labels[0].textContent : '')
    || el.getAttribute('aria-label') || el.textContent || el.value || el.name || '';
  return {
    tag: el.tagName.toLowerCase(), name: name.trim().replace(/\\s+/g, ' '),
    href: el.getAttribute('href'), kb: el.dataset.kb,
    inFilters: !!el.closest('form.filters'), inPagination: !!el.closest('.pagination, nav'),
    visibleIndicator: (outline || ring) && looks !== el.dataset.kbLooks,
  };
}"""


@pytest.fixture
def keyboard_list(db, fifty_postings):
    """Two pages of results, so that pagination is there to reach."""
    return fifty_postings


def tab_through(page):
    page.evaluate(MARK_FOCUSABLES)
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (stops and focused["kb"] == stops[0]["kb"]):
            break
        stops.append(focused)
    return stops


def test_tab_reaches_skip_link_filters_results_and_pagination_with_visible_focus(
    site, page, keyboard_list, screenshot
):
    page.goto(site + "/")
    stops = tab_through(page)
    screenshot(page, "list-end-of-tabbing")

    assert stops, "Tab moves focus into the page"
    assert re.match(r"skip to", stops[0]["name"], re.I), f"first stop is {stops[0]}"
    assert any(stop["inFilters"] for stop in stops), "Tab reaches the filters"
    reached = {stop["href"] for stop in stops}
    result_links = board.results(page).get_by_role("heading").get_by_role("link")
    for href in [link.get_attribute("href") for link in result_links.all()]:
        assert href in reached, f"Tab reaches the result {href}"
    assert any(stop["inPagination"] and "page=2" in (stop["href"] or "") for stop in stops), (
        "Tab reaches the pagination"
    )
    without_indicator = [stop for stop in stops if not stop["visibleIndicator"]]
    assert without_indicator == [], "every focused element shows a visible focus indicator"


def test_skip_link_moves_focus_to_the_main_content(site, page, keyboard_list, screenshot):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    screenshot(page, "skip-link-focused")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_a_filter_is_applied_with_enter(site, page, pinterest, screenshot):
    page.goto(site + "/")
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type === 'search'"):
            break
    else:
        pytest.fail("Tab never reaches the search box")
    page.keyboard.type("recommender")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=recommender" in page.url
    assert board.result_count(page) == 2
    screenshot(page, "searched-with-enter")

    min_pay = board.filter_form(page).get_by_label(re.compile("pay", re.I)).first
    min_pay.focus()
    page.keyboard.type("12000")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "min_pay=12000" in page.url and "q=recommender" in page.url
    assert board.result_titles(page) == ["PhD Machine Learning Internship 2026 (USA)"]
    screenshot(page, "min-pay-with-enter")


@pytest.mark.parametrize(
    "path",
    ["/internships/pinterest/phd-machine-learning-internship-2026-usa/", "/companies/pinterest/"],
    ids=["detail", "company"],
)
def test_every_focus_stop_on_detail_and_company_pages_is_visible(
    path, site, page, pinterest, screenshot
):
    page.goto(site + path)
    stops = tab_through(page)
    screenshot(page, "end-of-tabbing")
    assert re.match(r"skip to", stops[0]["name"], re.I)
    assert len(stops) > 3
    assert [stop for stop in stops if not stop["visibleIndicator"]] == []
