"""A recruiter edits and publishes in the admin; students see it at once; other companies can't."""

import re

import pytest
from django.urls import reverse

from postings.models import Company, Posting
from postings.permissions import recruiters_group
from tests.e2e import board
from tests.e2e.browser import expect
from tests.factories import CompanyFactory, DraftPostingFactory, PayBandFactory

pytestmark = pytest.mark.e2e

FALL = "2025 Fall Machine Learning Intern"
DRAFT = "Applied Science Intern, Ranking"
RECRUITER_PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def make_recruiter(django_user_model, settings):
    """`make_recruiter(email, company)`: a staff user in the Recruiters group for `company`."""
    # A deliberately slow hash costs a second per login; what is tested here is the admin.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    def make(email, company):
        user = django_user_model.objects.create_user(
            username=email, email=email, password=RECRUITER_PASSWORD, is_staff=True
        )
        # Rebuilt here: emptying the database after each browser test removes the migration's.
        user.groups.add(recruiters_group())
        company.recruiters.add(user)
        return user

    return make


def log_in(page, site, email):
    page.goto(site + reverse("admin:index"))
    page.get_by_label("Username").fill(email)
    page.get_by_label("Password").fill(RECRUITER_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text(email)


@pytest.fixture
def pinterest_draft(pinterest):
    draft = DraftPostingFactory(
        company=Company.objects.get(slug="pinterest"),
        title=DRAFT,
        slug="applied-science-intern-ranking",
        apply_url="https://www.pinterestcareers.com/jobs/",
    )
    PayBandFactory(posting=draft)
    return draft


def test_recruiter_changes_pay_and_publishes_and_students_see_it_at_once(
    site, tab, pinterest_draft, make_recruiter, screenshot
):
    make_recruiter("ana@pinterest.example", pinterest_draft.company)
    fall = Posting.objects.get(title=FALL)

    # A student has the pages open already, so any cache (server or browser) is warm.
    student = tab()
    student.goto(site + "/")
    assert DRAFT not in board.result_titles(student)
    student.goto(site + fall.get_absolute_url())
    expect(student.get_by_role("main")).to_contain_text("$10,000–$11,000 / month")
    assert student.goto(site + pinterest_draft.get_absolute_url()).status == 404
    for path in ("/", fall.get_absolute_url()):
        cached = student.request.get(site + path)
        assert cached.headers.get("x-cache") == "HIT", f"the page cache holds {path} now"

    recruiter = tab()
    log_in(recruiter, site, "ana@pinterest.example")
    screenshot(recruiter, "admin-index")
    recruiter.goto(site + reverse("admin:postings_posting_changelist"))
    with recruiter.expect_navigation():
        recruiter.get_by_role("link", name=FALL, exact=True).click()
    recruiter.locator("input[name='pay_bands-0-minimum']").fill("10500")
    recruiter.locator("input[name='pay_bands-0-maximum']").fill("11500")
    screenshot(recruiter, "admin-pay-changed")
    with recruiter.expect_navigation():
        recruiter.locator("input[name='_save']").click()
    expect(recruiter.locator(".messagelist")).to_contain_text("changed successfully")

    row = recruiter.get_by_role("row").filter(has_text=DRAFT)
    row.get_by_role("checkbox").check()
    recruiter.locator("select[name=action]").select_option(label="Publish selected drafts")
    with recruiter.expect_navigation():
        recruiter.get_by_role("button", name=re.compile("^Go|^Run", re.I)).click()
    expect(recruiter.locator(".messagelist")).to_contain_text("1 posting published")
    screenshot(recruiter, "admin-draft-published")

    student.goto(site + "/")
    assert DRAFT in board.result_titles(student)
    expect(student.get_by_role("main")).to_contain_text("$10,500–$11,500 / month")
    screenshot(student, "list-after-edits")
    student.goto(site + fall.get_absolute_url())
    expect(student.get_by_role("main")).to_contain_text("$10,500–$11,500 / month")
    screenshot(student, "detail-new-pay")
    assert student.goto(site + pinterest_draft.get_absolute_url()).status == 200
    expect(student.get_by_role("heading", level=1)).to_have_text(DRAFT)
    screenshot(student, "published-draft")


def test_recruiter_of_another_company_cannot_open_the_posting(
    site, page, pinterest, make_recruiter, screenshot
):
    make_recruiter("bo@other.example", CompanyFactory(name="Other AI"))
    fall = Posting.objects.get(title=FALL)
    log_in(page, site, "bo@other.example")

    page.goto(site + reverse("admin:postings_posting_changelist"))
    screenshot(page, "changelist")
    expect(page.get_by_role("link", name=FALL)).to_have_count(0)

    for name in ("change", "history", "delete"):
        response = page.goto(site + reverse(f"admin:postings_posting_{name}", args=[fall.pk]))
        screenshot(page, name)
        assert response.status in (403, 404), f"{name} page answers {response.status}"
        expect(page.locator("body")).not_to_contain_text(FALL)
