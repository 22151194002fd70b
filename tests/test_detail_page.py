"""The posting page answers every question a student has, for every state a posting can be in."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from postings import pay
from postings.listing.index import current_index
from postings.models import PayPeriod, RequirementKind, WorkAuthorization
from tests.factories import (
    CategoryFactory,
    ClosedPostingFactory,
    CompanyFactory,
    DraftPostingFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    RequirementFactory,
    ResearchAreaFactory,
)
from tests.pages import page_of, text_of

pytestmark = pytest.mark.django_db

FALL = "/internships/pinterest/2025-fall-machine-learning-intern/"
PHD = "/internships/pinterest/phd-machine-learning-internship-2026-usa/"


def test_list_shows_both_pinterest_postings_with_their_pay(client, pinterest):
    page = client.get("/").content.decode()
    assert "2 internships" in page
    assert "PhD Machine Learning Internship 2026 (USA)" in page
    assert "2025 Fall Machine Learning Intern" in page
    assert "$10,000–$11,000 / month" in page
    assert "$12,100 / month" in page


def test_detail_page_shows_the_posting(client, pinterest):
    response = client.get(FALL)
    assert response.status_code == 200
    assert "Lower Funnel Monetization" in response.content.decode()


def test_fall_posting_page_shows_every_fact_it_has(client, pinterest):
    text = text_of(page_of(client, FALL))
    for fact in [
        "2025 Fall Machine Learning Intern",
        "Monetization ML Engineering",
        "Lower Funnel Monetization",
        "Fall 2025",
        "12 weeks",
        "San Francisco, CA, United States",
        "Palo Alto, CA, United States",
        "Seattle, WA, United States",
        "Hybrid, Remote",
        "US-based applicants only",
        "Master's, PhD",
        "Graph analysis",
        "Recommender systems",
        "$10,000–$11,000 / month",
        "we continue to gather for key moments",
        "Final salary is based on a number of factors",
        "equal opportunity employer",
        "Millions of people around the world",
    ]:
        assert fact in text, fact


def test_phd_posting_page_shows_start_window_categories_and_note(client, pinterest):
    text = text_of(page_of(client, PHD))
    for fact in [
        "May or June",
        "Consumer",
        "Software Eng",
        "New York, NY, United States",
        "PhD",
        "26 September 2025",
        "Please only apply once within the USA or Canada",
        "Big data analytics",
    ]:
        assert fact in text, fact


def test_pay_is_restated_per_hour_and_for_the_whole_internship_with_the_assumption(
    client, pinterest
):
    fall = text_of(page_of(client, FALL))
    assert "$57.69–$63.46" in fall
    assert "Total for 12 weeks $27,692–$30,462" in fall
    assert pay.ASSUMPTIONS in fall

    phd = text_of(page_of(client, PHD))
    assert "$69.81" in phd
    assert "$33,508" in phd


def test_hourly_pay_is_restated_per_month(client):
    posting = PublishedPostingFactory(duration_weeks=None)
    PayBandFactory(
        posting=posting, minimum=Decimal("50"), maximum=Decimal("50"), period=PayPeriod.HOUR
    )
    text = text_of(page_of(client, posting.get_absolute_url()))
    assert "$50 / hour" in text
    assert "Per month $8,667" in text
    assert "Total for" not in text


def test_missing_pay_is_said_to_be_not_stated(client):
    posting = PublishedPostingFactory()
    assert "Pay Not stated in the posting." in text_of(page_of(client, posting.get_absolute_url()))


def test_requirement_sections_appear_in_order_and_only_with_content(client, pinterest):
    html = page_of(client, FALL)
    text = text_of(html[html.index("<main") :])
    doing = text.index("What you'll do")
    looking = text.index("What we're looking for")
    preferred = text.index("Preferred qualifications")
    assert doing < looking < preferred
    assert text.index("Write clean, efficient, and sustainable code") < looking
    assert "Benefits" not in text


def test_posting_without_requirements_has_no_empty_headings(client, pinterest):
    html = page_of(client, PHD)
    for heading in RequirementKind.labels:
        assert heading.replace("'", "&#x27;") not in html
    assert not re.search(r"<h2[^>]*>\s*</h2>", html)


def test_posting_without_apply_url_says_so_instead_of_a_button(client, pinterest):
    html = page_of(client, FALL)
    assert "The original posting gives no application link" in html
    assert "Apply on" not in html


def test_apply_button_opens_the_apply_url_in_a_new_tab_safely(client):
    posting = PublishedPostingFactory(apply_url="https://jobs.example.com/42")
    html = page_of(client, posting.get_absolute_url())
    link = re.search(r'<a class="button" href="https://jobs.example.com/42"[^>]*>', html).group(0)
    assert 'target="_blank"' in link
    assert 'rel="noopener noreferrer"' in link


def test_missing_facts_are_omitted_or_not_stated_never_none(client):
    posting = PublishedPostingFactory(
        posted_on=None, team="", organization="", duration_weeks=None, start_window=""
    )
    html = page_of(client, posting.get_absolute_url())
    assert "None" not in text_of(html)
    assert "Not stated" in html
    assert "No closing date given" in html


def test_unknown_work_authorization_is_shown_honestly(client, pinterest):
    text = text_of(page_of(client, FALL))
    assert "Work authorization Not stated" in text
    assert "does not say whether it sponsors visas" in text


def test_stated_work_authorization_is_shown(client):
    posting = PublishedPostingFactory(work_authorization=WorkAuthorization.SPONSORSHIP_OFFERED)
    text = text_of(page_of(client, posting.get_absolute_url()))
    assert "Visa sponsorship offered" in text
    assert "does not say whether" not in text


def test_summary_is_rendered_as_sanitised_markdown(client):
    posting = PublishedPostingFactory(
        summary="You will **ship** models.\n\n<script>alert(1)</script><img src=x onerror=alert(2)>"
    )
    html = page_of(client, posting.get_absolute_url())
    assert "<strong>ship</strong>" in html
    assert "<script>alert(1)" not in html
    assert "onerror" not in html


def test_recruiter_text_in_facts_is_escaped(client):
    posting = PublishedPostingFactory(title="<b>Bold</b> intern", team="<i>team</i>")
    html = page_of(client, posting.get_absolute_url())
    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; intern" in html
    assert "<i>team</i>" not in html


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


def test_a_draft_preview_says_it_is_a_draft_and_is_not_indexed(admin_client):
    draft = DraftPostingFactory(title="Secret draft")
    html = page_of(admin_client, draft.get_absolute_url())
    assert "Draft preview" in html
    assert '<meta name="robots" content="noindex">' in html


def test_closed_postings_stay_reachable(client):
    closed = ClosedPostingFactory(title="Old role")
    assert "Old role" in client.get(closed.get_absolute_url()).content.decode()


def test_a_closed_posting_shows_a_closed_banner_and_no_apply_button(client):
    closed = ClosedPostingFactory(title="Old role", apply_url="https://example.com/apply")
    html = page_of(client, closed.get_absolute_url())
    assert "Closed: this internship no longer takes applications." in html
    assert "Applications are closed" in html
    assert 'href="https://example.com/apply"' not in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_published_posting_past_its_closing_date_counts_as_closed(client):
    today = timezone.localdate()
    posting = PublishedPostingFactory(
        posted_on=today - timedelta(days=40), closes_on=today - timedelta(days=1)
    )
    html = page_of(client, posting.get_absolute_url())
    assert "Closed: this internship no longer takes applications." in html
    assert "Applications closed on" in html


def test_an_open_posting_has_no_banner_and_may_be_indexed(client, pinterest):
    html = page_of(client, PHD)
    assert "notice--closed" not in html
    assert "Draft preview" not in html
    assert 'content="noindex"' not in html


def test_badges_show_new_and_closing_soon(client):
    today = timezone.localdate()
    posting = PublishedPostingFactory(posted_on=today - timedelta(days=2), closes_on=today)
    html = page_of(client, posting.get_absolute_url())
    assert '<li class="badge badge--new">New</li>' in html
    assert '<li class="badge badge--closing">Closing soon</li>' in html


def test_each_page_has_its_own_title_description_and_open_graph_tags(client, pinterest):
    html = page_of(client, FALL)
    assert "<title>2025 Fall Machine Learning Intern at Pinterest · ML Intern Board</title>" in html
    assert re.search(
        r'<meta name="description" content="2025 Fall Machine Learning Intern at Pinterest: '
        r"Fall 2025 internship in [^\"]*\$10,000–\$11,000 / month\.\">",
        html,
    )
    assert (
        '<meta property="og:title" content="2025 Fall Machine Learning Intern at Pinterest">'
        in html
    )
    assert '<meta property="og:type" content="article">' in html
    assert f'<link rel="canonical" href="http://testserver{FALL}">' in html
    assert f'<meta property="og:url" content="http://testserver{FALL}">' in html

    phd = page_of(client, PHD)
    assert "<title>PhD Machine Learning Internship 2026 (USA) at Pinterest" in phd


def test_pages_share_an_open_graph_image_by_absolute_url(client, pinterest):
    html = page_of(client, PHD)
    assert '<meta property="og:image" content="http://testserver/static/img/og-image.png">' in html


def test_base_template_renders_without_a_request_or_a_database_query(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        html = render_to_string("base.html")
    assert '<a class="skip-link" href="#main">' in html
    assert 'rel="canonical"' not in html


def test_canonical_url_drops_the_query_string(client, pinterest):
    html = page_of(client, FALL + "?utm_source=x&page=2")
    assert f'<link rel="canonical" href="http://testserver{FALL}">' in html


def test_pages_have_landmarks_a_skip_link_first_and_no_inline_script_or_style(client, pinterest):
    for url in [FALL, PHD, "/companies/pinterest/"]:
        html = page_of(client, url)
        body = html[html.index("<body") :]
        first_focusable = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body).group(0)
        assert 'class="skip-link" href="#main"' in first_focusable
        assert '<main id="main"' in html
        assert "<header" in html and "<nav" in html and "<footer" in html
        assert "style=" not in html
        scripts = re.findall(r"<script\b[^>]*>", html)
        # JSON-LD data, or the site's own files (the save control's script): nothing inline.
        assert all(
            'type="application/ld+json"' in tag or re.search(r'src="/static/[^"]+\.js"', tag)
            for tag in scripts
        )
        assert "//cdn" not in html and "https://fonts" not in html


def similar_titles(client, posting):
    html = page_of(client, posting.get_absolute_url())
    if 'id="more-like-this"' not in html:
        return []
    section = html[html.index('id="more-like-this"') :]
    return re.findall(r'class="card__title"[^>]*><a [^>]*>([^<]+)</a>', section)


def test_more_like_this_shows_open_postings_sharing_company_or_research_area(client):
    ranking = ResearchAreaFactory(name="Ranking")
    vision = ResearchAreaFactory(name="Vision")
    posting = PublishedPostingFactory(title="Main", research_areas=[ranking])
    PublishedPostingFactory(title="Same company", company=posting.company)
    PublishedPostingFactory(title="Shares an area", research_areas=[ranking])
    PublishedPostingFactory(title="Unrelated", research_areas=[vision])
    ClosedPostingFactory(title="Closed sibling", company=posting.company)
    DraftPostingFactory(title="Draft sibling", company=posting.company)

    titles = similar_titles(client, posting)
    assert sorted(titles) == ["Same company", "Shares an area"]


def test_more_like_this_prefers_postings_sharing_more_areas_and_shows_at_most_four(client):
    areas = ResearchAreaFactory.create_batch(3)
    posting = PublishedPostingFactory(title="Main", research_areas=areas)
    PublishedPostingFactory(title="Shares three", research_areas=areas)
    for n in range(5):
        PublishedPostingFactory(title=f"Shares one {n}", research_areas=areas[:1])

    titles = similar_titles(client, posting)
    assert len(titles) == 4
    assert titles[0] == "Shares three"
    assert "Main" not in titles


def test_more_like_this_ranks_every_open_related_posting_however_old(client):
    today = timezone.localdate()
    areas = ResearchAreaFactory.create_batch(2)
    posting = PublishedPostingFactory(title="Main", research_areas=areas)
    PublishedPostingFactory(
        title="Old, shares both", research_areas=areas, posted_on=today - timedelta(days=400)
    )
    for days in (1, 2):
        PublishedPostingFactory(
            title=f"New, shares one {days}",
            research_areas=areas[:1],
            posted_on=today - timedelta(days=days),
        )

    assert similar_titles(client, posting) == [
        "Old, shares both",
        "New, shares one 1",
        "New, shares one 2",
    ]


def test_a_posting_with_nothing_similar_has_no_more_like_this_section(client):
    posting = PublishedPostingFactory(company=CompanyFactory())
    assert 'id="more-like-this"' not in page_of(client, posting.get_absolute_url())


def make_rich_posting(size):
    """A posting with `size` of every related thing, plus `size` similar postings."""
    company = CompanyFactory()
    areas = ResearchAreaFactory.create_batch(size)
    posting = PublishedPostingFactory(
        company=company,
        locations=LocationFactory.create_batch(size),
        research_areas=areas,
        categories=CategoryFactory.create_batch(size),
    )
    for n in range(size):
        PayBandFactory(posting=posting, location=LocationFactory(), position=n)
        RequirementFactory(posting=posting, kind=RequirementKind.RESPONSIBILITY)
        RequirementFactory(posting=posting, kind=RequirementKind.BENEFIT)
        similar = PublishedPostingFactory(
            research_areas=areas, locations=LocationFactory.create_batch(2)
        )
        PayBandFactory(posting=similar)
    return posting


@pytest.mark.parametrize("size", [1, 8])
def test_detail_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    posting = make_rich_posting(size)
    current_index.get()  # read once after writes, by whichever page comes first
    # The posting and its 6 prefetches, then the similar postings and their 2 prefetches, the
    # exchange rates pay is restated with, and the pay of comparable postings (then cached).
    with django_assert_max_num_queries(12):
        html = page_of(client, posting.get_absolute_url())
    assert html.count('class="card__title"') == min(size, 4)


def test_a_fully_remote_posting_without_offices_says_so(client):
    posting = PublishedPostingFactory(offers_onsite=False, offers_remote=True)
    text = text_of(page_of(client, posting.get_absolute_url()))
    assert "Locations No office: fully remote" in text
    assert "Work arrangement Remote" in text


def test_stylesheet_keeps_a_visible_focus_ring_and_loads_nothing_remote():
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    assert re.search(r":focus-visible\s*\{\s*outline: 3px solid", css)
    removals = re.findall(r"([^{}]+)\{[^}]*outline:\s*(?:none|0)", css)
    assert [selector.strip() for selector in removals] == ["main:focus"]
    assert "@import" not in css and "url(http" not in css


def test_the_page_says_whether_it_shows_the_originals_date_or_the_boards(client, pinterest):
    def facts(url):
        html = page_of(client, url)
        return text_of(html[html.index('id="facts-heading"') : html.index("</dl>")])

    phd, fall = facts(PHD), facts(FALL)

    assert "Posted 26 September 2025" in phd
    assert "On this board since" not in phd
    assert "On this board since 26 September 2025" in fall
    assert "The original posting gives no date." in fall


def test_without_a_closing_date_the_page_says_it_is_listed_until_the_internship_starts(
    client, pinterest
):
    text = text_of(page_of(client, PHD))

    assert "No closing date given" in text
    assert "Listed as open until the internship starts (taken as 1 May 2026 )." in text


@pytest.mark.parametrize(
    ("name", "possessive"),
    [
        ("Lumen Systems", "Lumen Systems'"),
        ("Pinterest", "Pinterest's"),
        ("ACME LABS", "ACME LABS'"),
    ],
)
def test_company_names_take_the_right_possessive(client, name, possessive):
    company = CompanyFactory(name=name, website="https://careers.example.com")
    open_posting = PublishedPostingFactory(company=company, apply_url="https://example.com/a")
    closed = ClosedPostingFactory(company=company)

    assert f"Apply on {possessive} site" in text_of(
        page_of(client, open_posting.get_absolute_url())
    )
    assert f"See {possessive} open internships" in text_of(
        page_of(client, closed.get_absolute_url())
    )
    assert f"{possessive} website" in text_of(page_of(client, company.get_absolute_url()))
    assert "s's" not in text_of(page_of(client, closed.get_absolute_url()))


def test_a_company_closing_a_posting_is_said_as_such(client):
    posting = ClosedPostingFactory(company=CompanyFactory(name="Acme"))

    text = text_of(page_of(client, posting.get_absolute_url()))

    assert "Acme closed this posting to applications." in text
    assert "Applications closed on" not in text
