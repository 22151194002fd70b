"""With the real posting reader: a recruiter pastes a real posting and gets a correct draft."""

from pathlib import Path

import pytest

from postings.models import Company, Posting, Status
from postings.permissions import recruiters_group
from tests.e2e.browser import expect
from tests.e2e.test_posting_from_text import paste_and_review
from tests.e2e.test_recruiter import RECRUITER_PASSWORD, log_in

pytestmark = pytest.mark.e2e

FALL_TEXT = (
    Path(__file__).resolve().parents[2]
    / "fixtures/sources/pinterest-2025-fall-machine-learning-intern.txt"
).read_text()


@pytest.fixture
def pinterest_recruiter(pinterest, django_user_model, settings):
    """A recruiter of Pinterest, who signs in as ana@pinterest.example."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = django_user_model.objects.create_user(
        username="ana@pinterest.example", password=RECRUITER_PASSWORD, is_staff=True
    )
    user.groups.add(recruiters_group())
    Company.objects.get(slug="pinterest").recruiters.add(user)
    return user


def test_a_recruiter_pastes_the_pinterest_posting_and_gets_a_correct_draft(
    site, tab, pinterest_recruiter, screenshot
):
    page = tab()
    log_in(page, site, "ana@pinterest.example")

    # The reader loads its gazetteer on its first reading, which can take a while.
    paste_and_review(page, site, screenshot, FALL_TEXT, timeout=90_000)
    expect(page.get_by_label("Title:")).to_have_value("2025 Fall Machine Learning Intern")
    expect(page.get_by_label("Season:")).to_have_value("fall")
    expect(page.get_by_label("Duration weeks:")).to_have_value("12")
    expect(page.locator("input[name='pay_bands-0-minimum']")).to_have_value("10000")
    screenshot(page, "review")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("was saved as a draft")
    screenshot(page, "draft")

    draft = Posting.objects.get(status=Status.DRAFT)
    assert (draft.season, draft.year, draft.duration_weeks) == ("fall", 2025, 12)
    assert draft.degree_levels == ["masters", "phd"]
    assert draft.work_arrangements == ["hybrid", "remote"]
    assert {str(location) for location in draft.locations.all()} == {
        "San Francisco, CA",
        "Palo Alto, CA",
        "Seattle, WA",
    }
    assert [band.as_posted() for band in draft.pay_bands.all()] == ["$10,000–$11,000 / month"]
    assert draft.requirements.filter(kind="responsibility").count() == 6


FULL_TIME_TEXT = (
    Path(__file__).resolve().parents[2]
    / "tests/ingest_corpus/fulltime-text-senior-ml-engineer-not-an-internship.txt"
).read_text()


def test_a_recruiter_who_pastes_a_full_time_job_is_told_it_is_no_internship(
    site, tab, pinterest_recruiter, screenshot
):
    page = tab(viewport={"width": 360, "height": 740})
    log_in(page, site, "ana@pinterest.example")

    paste_and_review(page, site, screenshot, FULL_TIME_TEXT, timeout=90_000)
    expect(page.locator(".errorlist")).to_contain_text("The role is no internship")
    screenshot(page, "refused")
    assert not Posting.objects.filter(status=Status.DRAFT).exists()
