"""A company's page: its introduction, its open internships, and its closed ones apart."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    ClosedPostingFactory,
    CompanyFactory,
    DraftPostingFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    ResearchAreaFactory,
)
from tests.pages import page_of

pytestmark = pytest.mark.django_db


def titles_in_section(html, section_id):
    start = html.find(f'id="{section_id}"')
    if start == -1:
        return []
    section = html[start : html.find("</section>", start)]
    return re.findall(r'class="card__title"[^>]*><a [^>]*>([^<]+)</a>', section)


def test_pinterest_page_shows_its_introduction_and_both_open_postings(client, pinterest):
    html = page_of(client, "/companies/pinterest/")
    assert "<h1>Pinterest</h1>" in html
    assert "Digital pin board" in html
    assert "Millions of people around the world" in html
    assert "equal opportunity employer" in html
    assert sorted(titles_in_section(html, "open-internships")) == [
        "2025 Fall Machine Learning Intern",
        "PhD Machine Learning Internship 2026 (USA)",
    ]
    assert "$10,000–$11,000 / month" in html
    assert 'id="closed-internships"' not in html


def test_closed_postings_are_listed_apart_and_drafts_not_at_all(client):
    company = CompanyFactory(name="Acme")
    PublishedPostingFactory(company=company, title="Open role")
    ClosedPostingFactory(company=company, title="Closed role")
    today = timezone.localdate()
    PublishedPostingFactory(
        company=company,
        title="Expired role",
        posted_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=1),
    )
    DraftPostingFactory(company=company, title="Draft role")
    PublishedPostingFactory(title="Other company's role")

    html = page_of(client, company.get_absolute_url())
    assert titles_in_section(html, "open-internships") == ["Open role"]
    assert sorted(titles_in_section(html, "closed-internships")) == ["Closed role", "Expired role"]
    assert "Draft role" not in html
    assert "Other company" not in html
    assert 'class="card__org"><a' not in html  # the company is not repeated on its own page


def test_company_without_open_postings_says_so(client):
    company = CompanyFactory(name="Quiet Co")
    ClosedPostingFactory(company=company)
    html = page_of(client, company.get_absolute_url())
    assert "Quiet Co has no open internships on the board right now." in html


def test_company_page_has_its_own_title_description_and_open_graph(client, pinterest):
    html = page_of(client, "/companies/pinterest/")
    assert "<title>Pinterest machine-learning internships · ML Intern Board</title>" in html
    assert (
        '<meta name="description" content="2 open machine-learning internships at Pinterest: '
        'Digital pin board.">' in html
    )
    assert '<meta property="og:title" content="Pinterest machine-learning internships">' in html


def test_company_text_is_sanitised(client):
    company = CompanyFactory(
        about="We **build**. <script>alert(1)</script>", description="<b>x</b>"
    )
    html = page_of(client, company.get_absolute_url())
    assert "<strong>build</strong>" in html
    assert "<script>alert(1)" not in html
    assert "<b>x</b>" not in html


def test_unknown_company_is_not_found(client):
    assert client.get("/companies/no-such-company/").status_code == 404


@pytest.mark.parametrize("size", [1, 10])
def test_company_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    company = CompanyFactory()
    for _ in range(size):
        posting = PublishedPostingFactory(
            company=company,
            locations=LocationFactory.create_batch(2),
            research_areas=ResearchAreaFactory.create_batch(2),
        )
        PayBandFactory(posting=posting)
        ClosedPostingFactory(company=company)
    # The company, then its postings and their two prefetches, and the exchange rates the
    # cards restate pay with.
    with django_assert_max_num_queries(5):
        html = page_of(client, company.get_absolute_url())
    assert html.count('class="card__title"') == 2 * size
