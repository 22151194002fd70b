"""On a 375 x 812 phone the pages fit the screen, filters are reachable and targets are tappable."""

import re

import pytest

from tests.e2e import board
from tests.e2e.browser import expect

pytestmark = pytest.mark.e2e

PHD = "PhD Machine Learning Internship 2026 (USA)"
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}

# WCAG 2.2 SC 2.5.8 (Target Size, Minimum): a target is at least 24 x 24 CSS px, or a 24 px
# circle centred on it touches no other target; links inside a sentence are exempt.
SMALL_TARGETS = """() => {
  const interactive = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"]), [role=button], [role=link]';
  const describe = (el) => el.outerHTML.slice(0, 120);
  const onScreen = (r) => r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
    && r.left < document.documentElement.scrollWidth;
  const targets = [];
  for (const el of document.querySelectorAll(interactive)) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('[hidden], [inert]')) continue;
    let rect = el.getBoundingClientRect();
    // A checkbox or radio is tapped through its label as well.
    if (el.labels && el.labels.length && ['checkbox', 'radio'].includes(el.type)) {
      const label = el.labels[0].getBoundingClientRect();
      rect = label.width * label.height > rect.width * rect.height ? label : rect;
    }
    if (!onScreen(rect)) continue;
    const block = el.parentElement.closest('p, li, dd, td');
    const inline = el.tagName === 'A' && style.display === 'inline' && block
      && block.textContent.trim().length > el.textContent.trim().length + 20;
    targets.push({el, rect, inline});
  }
  const small = (t) => t.rect.width < 24 || t.rect.height < 24;
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const distanceToRect = ([x, y], r) => Math.hypot(
    Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  const failures = [];
  for (const t of targets) {
    if (!small(t) || t.inline) continue;
    const c = centre(t.rect);
    const crowded = targets.some((o) => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el)
      && (small(o) ? Math.hypot(c[0] - centre(o.rect)[0], c[1] - centre(o.rect)[1]) < 24
                   : distanceToRect(c, o.rect) < 12));
    if (crowded) {
      failures.push(`${Math.round(t.rect.width)}x${Math.round(t.rect.height)} ${describe(t.el)}`);
    }
  }
  return failures;
}"""
HORIZONTAL_OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .map((el) => el.outerHTML.slice(0, 100));
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


@pytest.fixture
def phone(tab):
    return tab(**PHONE)


@pytest.fixture(params=[375, 360], ids=["375px", "360px"])
def narrow_phone(request, tab):
    return tab(**{**PHONE, "viewport": {"width": request.param, "height": 812}})


def assert_fits_the_screen(page):
    overflow = page.evaluate(HORIZONTAL_OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["width"], overflow


def test_list_and_detail_fit_a_phone_without_horizontal_scroll(
    site, narrow_phone, pinterest, fifty_postings, screenshot
):
    page = narrow_phone
    page.goto(site + "/")
    screenshot(page, "list")
    assert_fits_the_screen(page)
    assert page.evaluate(SMALL_TARGETS) == []

    page.goto(site + "/internships/pinterest/phd-machine-learning-internship-2026-usa/")
    screenshot(page, "detail")
    assert_fits_the_screen(page)
    assert page.evaluate(SMALL_TARGETS) == []

    page.goto(site + "/companies/pinterest/")
    screenshot(page, "company")
    assert_fits_the_screen(page)
    assert page.evaluate(SMALL_TARGETS) == []


def test_filters_are_reachable_on_a_phone(site, phone, pinterest, fifty_postings, screenshot):
    page = phone
    page.goto(site + "/")
    filters = board.filter_form(page)
    expect(filters).not_to_be_in_viewport()
    # Below the results on a phone, one tap away from the top of the list.
    page.get_by_role("main").get_by_role("link", name=re.compile(r"^filters", re.I)).tap()
    expect(page.get_by_role("heading", name=re.compile(r"^filter", re.I))).to_be_in_viewport()
    screenshot(page, "filters-reached")
    board.choose_filter(page, "New York")
    assert board.result_titles(page) == [PHD]
    assert_fits_the_screen(page)
    screenshot(page, "list-new-york")
