"""A recruiter pastes a posting, checks it beside the text it came from, and saves a draft.

The reader here is the stand-in of tests/fake_reader.py, so what is tested is the way through
the pages; tests/e2e/test_posting_from_text_reader.py does the same with the real reader.
"""

import re

import pytest
from django.urls import reverse

from postings.models import Posting, Status
from postings.permissions import recruiters_group
from tests.e2e.browser import expect
from tests.e2e.test_recruiter import RECRUITER_PASSWORD, log_in
from tests.factories import CompanyFactory

pytestmark = pytest.mark.e2e

TEXT = """<h1>Machine Learning Intern</h1>
Join us for Summer 2026 in our office.
Location: San Francisco, CA
Open to PhD students.
<li>Experience with PyTorch</li>
<li>Publications at ML venues</li>
"""


@pytest.fixture
def recruiter(django_user_model, settings, db):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    company = CompanyFactory(name="Acme AI", slug="acme-ai")
    user = django_user_model.objects.create_user(
        username="ana@acme.example", password=RECRUITER_PASSWORD, is_staff=True
    )
    user.groups.add(recruiters_group())
    company.recruiters.add(user)
    return user


def paste_and_review(page, site, screenshot, text, *, timeout=None):
    page.goto(site + reverse("admin:postings_posting_changelist"))
    with page.expect_navigation():
        page.get_by_role("link", name="New posting from text").click()
    screenshot(page, "paste")
    page.get_by_label("The posting's text").fill(text)
    with page.expect_navigation(timeout=timeout):
        page.get_by_role("button", name="Read the posting").click(timeout=timeout)


def test_a_recruiter_pastes_a_posting_and_saves_the_draft(
    site, tab, recruiter, fake_reader, screenshot
):
    page = tab()
    log_in(page, site, "ana@acme.example")
    paste_and_review(page, site, screenshot, TEXT)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "New posting from text: check and save"
    )
    expect(page.get_by_label("Title:")).to_have_value("Machine Learning Intern")
    expect(page.get_by_label("Year:")).to_have_value("2026")
    expect(page.get_by_label("PhD students")).to_be_checked()
    title_row = page.locator(".form-row.field-title")
    expect(title_row).to_contain_text("From the text: Machine Learning Intern")
    expect(page.locator(".form-row.field-start_window")).to_contain_text("Not stated in the text")
    expect(page.locator("textarea[name='requirements-1-text']")).to_have_value(
        "Publications at ML venues"
    )
    screenshot(page, "review")

    page.get_by_label("Start window:").fill("June")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("was saved as a draft")
    expect(page.get_by_role("heading", name="Where this posting came from")).to_be_visible()
    screenshot(page, "draft")

    draft = Posting.objects.get()
    assert (draft.status, draft.start_window, draft.company.slug) == (
        Status.DRAFT,
        "June",
        "acme-ai",
    )
    assert [row.text for row in draft.requirements.all()] == [
        "Experience with PyTorch",
        "Publications at ML venues",
    ]
    assert [str(location) for location in draft.locations.all()] == ["San Francisco, CA"]


def test_text_that_is_no_posting_is_explained_on_the_form(
    site, tab, recruiter, fake_reader, screenshot
):
    page = tab(viewport={"width": 360, "height": 740})
    log_in(page, site, "ana@acme.example")
    paste_and_review(page, site, screenshot, "Lunch menu\nSoup of the day")
    expect(page.locator(".errorlist")).to_contain_text(re.compile("does not read like"))
    screenshot(page, "refused")
    assert not Posting.objects.exists()
