"""What a student does on the list page, written once for every browser test."""

import re

RESULT_COUNT = re.compile(r"(\d+) internships?")


def results(page):
    """The result cards (articles named by their title) on the list page."""
    return page.get_by_role("main").get_by_role("article")


def result_titles(page):
    return [title.strip() for title in results(page).get_by_role("heading").all_inner_texts()]


def result_count(page):
    """The total the page announces to screen readers too, e.g. 2 for "2 internships"."""
    match = RESULT_COUNT.search(page.get_by_role("status").inner_text())
    assert match, "the list page states how many internships it found"
    return int(match.group(1))


def filter_form(page):
    """The filter form, in the sidebar labelled by its "Filter" heading."""
    return page.get_by_role("complementary", name="Filter").locator("form")


def choose_filter(page, label):
    """Ticks the filter option whose label starts with `label` and applies the filters."""
    form = filter_form(page)
    form.get_by_label(re.compile(rf"^\s*{re.escape(label)}")).check()
    with page.expect_navigation():
        form.get_by_role("button", name="Show results").click()


def search(page, words):
    form = page.get_by_role("search")
    form.get_by_role("searchbox", name=re.compile("search", re.I)).fill(words)
    with page.expect_navigation():
        form.get_by_role("button", name="Search").click()


def sort_by(page, label):
    sorts = page.get_by_role("navigation", name="Sort")
    with page.expect_navigation():
        sorts.get_by_role("link", name=re.compile(rf"{re.escape(label)}$")).click()


def pagination(page):
    return page.get_by_role("navigation", name=re.compile("pag", re.I))
