"""The student pages show published postings and hide drafts."""

import pytest

from tests.factories import ClosedPostingFactory, DraftPostingFactory

pytestmark = pytest.mark.django_db


def test_list_shows_both_pinterest_postings_with_their_pay(client, pinterest):
    page = client.get("/").content.decode()
    assert "2 internships" in page
    assert "PhD Machine Learning Internship 2026 (USA)" in page
    assert "2025 Fall Machine Learning Intern" in page
    assert "$10,000–$11,000 / month" in page
    assert "$12,100 / month" in page


def test_detail_page_shows_the_posting(client, pinterest):
    response = client.get("/internships/pinterest/2025-fall-machine-learning-intern/")
    assert response.status_code == 200
    assert "Lower Funnel Monetization" in response.content.decode()


def test_drafts_are_not_found_by_students(client):
    draft = DraftPostingFactory()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_drafts_are_visible_to_superusers(admin_client):
    draft = DraftPostingFactory(title="Secret draft")
    assert "Secret draft" in admin_client.get(draft.get_absolute_url()).content.decode()


def test_drafts_are_visible_to_their_own_recruiters_only(client, django_user_model):
    draft = DraftPostingFactory(title="Secret draft")
    recruiter = django_user_model.objects.create_user("r", is_staff=True)
    client.force_login(recruiter)
    assert client.get(draft.get_absolute_url()).status_code == 404

    draft.company.recruiters.add(recruiter)
    assert "Secret draft" in client.get(draft.get_absolute_url()).content.decode()


def test_closed_postings_stay_reachable(client):
    closed = ClosedPostingFactory(title="Old role")
    assert "Old role" in client.get(closed.get_absolute_url()).content.decode()
