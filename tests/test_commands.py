"""create_recruiter, close_expired_postings, and the issue's recruiter story end to end."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from postings.models import Posting, Status
from tests.factories import CompanyFactory, PublishedPostingFactory, RecruiterFactory
from tests.test_admin import form_data


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_create_recruiter_makes_a_staff_user_in_the_group_linked_to_the_company(pinterest):
    output = run("create_recruiter", "Ana@Example.com", company=["pinterest"], no_password=True)
    user = get_user_model().objects.get(username="ana@example.com")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Recruiters"]
    assert list(user.recruiting_companies.values_list("slug", flat=True)) == ["pinterest"]
    assert not user.has_usable_password()
    assert "changepassword ana@example.com" in output


def test_create_recruiter_asks_for_a_password_when_interactive(pinterest, monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt: "a-long-unusual-passphrase")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    run("create_recruiter", "bo@example.com", company=["pinterest"])
    assert (
        get_user_model()
        .objects.get(username="bo@example.com")
        .check_password("a-long-unusual-passphrase")
    )


def test_create_recruiter_twice_adds_a_company_and_keeps_the_password(pinterest):
    other = CompanyFactory(slug="acme", name="Acme")
    user = get_user_model().objects.create_user("cy@example.com", password="keep-this-one-1")
    run("create_recruiter", "cy@example.com", company=["pinterest"], no_password=True)
    output = run("create_recruiter", "cy@example.com", company=["acme"], no_password=True)
    user.refresh_from_db()
    assert "Updated recruiter" in output
    assert user.check_password("keep-this-one-1")
    assert set(user.recruiting_companies.all()) == {other, *user.recruiting_companies.all()}
    assert user.recruiting_companies.count() == 2
    assert user.groups.count() == 1


@pytest.mark.parametrize(
    "email, company, message",
    [
        ("dee@example.com", ["nope"], "No company with slug nope"),
        ("not-an-email", ["pinterest"], "is not an email address"),
    ],
)
def test_create_recruiter_refuses_bad_input(pinterest, email, company, message):
    with pytest.raises(CommandError, match=message):
        run("create_recruiter", email, company=company, no_password=True)
    assert not get_user_model().objects.exists()


def test_close_expired_postings_is_safe_to_run_twice(db):
    today = timezone.localdate()
    PublishedPostingFactory(closes_on=today - timedelta(days=1))
    PublishedPostingFactory(closes_on=today + timedelta(days=1))
    PublishedPostingFactory(year=today.year - 1)  # no closing date; its internship started
    PublishedPostingFactory()  # no closing date; starts next year
    message = "Closed 2 postings no longer taking applications."
    assert run("close_expired_postings").strip() == message
    assert run("close_expired_postings").strip() == message.replace("2", "0")
    assert Posting.objects.filter(status=Status.CLOSED).count() == 2


def test_new_pinterest_recruiter_edits_publishes_closes_and_sees_it_all_in_history(
    client, pinterest
):
    """The issue's "done when": the whole story through the admin, as the recruiter would."""
    run("create_recruiter", "new@pinterest.example", company=["pinterest"], no_password=True)
    recruiter = get_user_model().objects.get(username="new@pinterest.example")
    client.force_login(recruiter)

    # Edit the pay of the Fall 2025 posting (published, without an apply URL in its source).
    fall = Posting.objects.get(slug="2025-fall-machine-learning-intern")
    url = reverse("admin:postings_posting_change", args=[fall.pk])
    data = form_data(client.get(url))
    data["pay_bands-0-maximum"] = "11500"
    assert client.post(url, data).status_code == 302
    assert fall.pay_bands.get().maximum == Decimal(11500)

    # Publish a new draft.
    add = reverse("admin:postings_posting_add")
    data = form_data(client.get(add))
    data.update(
        {
            "title": "Spring 2026 ML Intern",
            "slug": "spring-2026-ml-intern",
            "season": "spring",
            "year": "2026",
            "for_masters": "on",
            "offers_hybrid": "on",
            "apply_url": "https://www.pinterestcareers.com/jobs/",
        }
    )
    client.post(add, data)
    draft = Posting.objects.get(slug="spring-2026-ml-intern")
    assert draft.status == Status.DRAFT
    client.post(
        reverse("admin:postings_posting_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED

    # Close a posting.
    phd = Posting.objects.get(slug="phd-machine-learning-internship-2026-usa")
    client.post(
        reverse("admin:postings_posting_changelist"),
        {"action": "close_selected", "_selected_action": [phd.pk]},
    )
    phd.refresh_from_db()
    assert phd.status == Status.CLOSED

    # All of it is in the history, under the recruiter's name.
    def history(posting):
        page = client.get(reverse("admin:postings_posting_history", args=[posting.pk]))
        return page.content.decode()

    assert "maximum: 11000.00 → 11500.00" in history(fall)
    assert [r.status for r in draft.history.order_by("history_date")][-1] == Status.PUBLISHED
    assert [r.status for r in phd.history.order_by("history_date")][-1] == Status.CLOSED
    for posting in (fall, draft, phd):
        assert posting.history.first().history_user == recruiter
        assert recruiter.username in history(posting)

    # A recruiter of another company sees none of Pinterest's postings.
    outsider = RecruiterFactory(companies=[CompanyFactory(name="Other Co")])
    client.force_login(outsider)
    listing = client.get(reverse("admin:postings_posting_changelist")).content.decode()
    for posting in (fall, draft, phd):
        assert posting.title not in listing
        change = reverse("admin:postings_posting_change", args=[posting.pk])
        assert client.get(change).status_code == 404
