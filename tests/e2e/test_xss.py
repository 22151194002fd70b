"""Script a recruiter types into a posting never runs in a student's browser."""

import re

import pytest

import tests.e2e.browser  # noqa: F401  (skips this module without Playwright)
from tests.factories import (
    CompanyFactory,
    PayBandFactory,
    PublishedPostingFactory,
    RequirementFactory,
)

pytestmark = pytest.mark.e2e

PAYLOADS = [
    "<script>window.__xss = 'script'; alert('script')</script>",
    "<img src=x onerror=\"window.__xss = 'onerror'; alert('onerror')\">",
    "<a href=\"javascript:window.__xss = 'href'; alert('href')\">html link</a>",
    "[markdown link](javascript:window.__xss='markdown';alert('markdown'))",
    "<svg onload=\"window.__xss = 'svg'; alert('svg')\"></svg>",
    "</script><script>window.__xss = 'breakout'; alert('breakout')</script>",
    '"><iframe src="javascript:alert(\'iframe\')"></iframe>',
    "<a href=\"jav&#x09;ascript:window.__xss='tab';alert('tab')\">tab link</a>",
    "[mixed case link](JaVaScRiPt:window.__xss='case')",
    "<details open ontoggle=\"window.__xss='details'\">x</details>",
]
TYPED = "\n\n".join(PAYLOADS)
EVENT_HANDLERS = """[...document.querySelectorAll('*')].flatMap((el) =>
    [...el.attributes].filter((a) => a.name.startsWith('on'))
        .map((a) => `${el.tagName} ${a.name}`))"""
JSON_LD_NAMES = """[...document.querySelectorAll('script[type="application/ld+json"]')]
    .map((script) => JSON.parse(script.textContent))
    .filter((data) => data["@type"] === "JobPosting")
    .map((data) => data.title)"""


@pytest.fixture
def hostile_posting(db):
    company = CompanyFactory(
        name="Evil Corp <script>alert('company')</script>",
        slug="evil-corp",
        about=TYPED,
        description=PAYLOADS[1],
    )
    posting = PublishedPostingFactory(
        company=company,
        title="Intern <img src=x onerror=alert('title')> </script><script>alert(1)</script>",
        slug="hostile",
        team=PAYLOADS[0],
        summary=TYPED,
        start_window=PAYLOADS[1],
        note_to_applicants=TYPED,
        in_office_requirement=TYPED,
        pay_note=TYPED,
        apply_url="https://example.com/apply",
    )
    PayBandFactory(posting=posting)
    for position, payload in enumerate(PAYLOADS):
        RequirementFactory(posting=posting, text=payload, position=position)
    return posting


def test_recruiter_typed_payloads_never_run(site, page, hostile_posting, screenshot):
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    for name, path in [
        ("detail", hostile_posting.get_absolute_url()),
        ("list", "/"),
        ("company", hostile_posting.company.get_absolute_url()),
        ("search", "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
    ]:
        page.goto(site + path)
        page.wait_for_load_state("load")
        screenshot(page, name)
        # Links the sanitiser let through are clicked too, as a curious student would.
        for link in page.get_by_role("link", name=re.compile("link$")).all():
            link.click()
        assert page.evaluate("window.__xss") is None, f"a payload ran on the {name} page"
        assert page.evaluate(EVENT_HANDLERS) == [], f"event handler attributes on {name}"
        assert page.locator("iframe, object, embed, svg [onload]").count() == 0
        assert page.locator("a[href^='javascript:' i]").count() == 0
        assert page.locator("main script:not([type='application/ld+json'])").count() == 0
        structured = page.evaluate(JSON_LD_NAMES)
        if name == "detail":
            assert structured == [hostile_posting.title], "JSON-LD stays valid and whole"

    assert dialogs == []
    assert errors == [], "no console errors: a payload blocked only by CSP still got in"
