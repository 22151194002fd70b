"""The JobPosting JSON-LD on each detail page: valid JSON, Google's fields, safe from any text."""

import json
import re
from datetime import date

import pytest

from postings.jsonld import job_posting
from postings.models import Posting
from tests.factories import (
    ClosedPostingFactory,
    CompanyFactory,
    DraftPostingFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    RequirementFactory,
)

pytestmark = pytest.mark.django_db

FALL = "/internships/pinterest/2025-fall-machine-learning-intern/"
PHD = "/internships/pinterest/phd-machine-learning-internship-2026-usa/"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld_blocks(client, url):
    html = client.get(url).content.decode()
    return [json.loads(block) for block in JSON_LD.findall(html)]


def job_posting_of(client, url):
    (data,) = json_ld_blocks(client, url)
    return data


def test_fall_posting_json_ld_carries_the_pinterest_values(client, pinterest):
    data = job_posting_of(client, FALL)
    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "2025 Fall Machine Learning Intern"
    assert data["employmentType"] == "INTERN"
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Pinterest"}
    assert data["url"] == f"http://testserver{FALL}"
    assert data["identifier"]["value"] == "pinterest/2025-fall-machine-learning-intern"
    # The source gives no date: search engines get the day it was first published here.
    assert data["datePosted"] == "2025-09-26"
    assert "validThrough" not in data
    assert data["jobLocation"] == [
        {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": city,
                "addressRegion": region,
                "addressCountry": "US",
            },
        }
        for city, region in [("Palo Alto", "CA"), ("San Francisco", "CA"), ("Seattle", "WA")]
    ]
    assert "jobLocationType" not in data  # hybrid or remote is not fully remote
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "US"}
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 10000,
            "maxValue": 11000,
            "unitText": "MONTH",
        },
    }
    assert data["educationRequirements"] == [
        {"@type": "EducationalOccupationalCredential", "credentialCategory": "postgraduate degree"}
    ]
    assert data["description"].startswith("<p>As a Machine Learning Intern at Pinterest")
    assert "<h3>What you&#x27;ll do</h3>" in data["description"]
    assert "<li>Publications at top ML conferences</li>" in data["description"]


def test_phd_posting_json_ld_carries_the_pinterest_values(client, pinterest):
    data = job_posting_of(client, PHD)
    assert data["title"] == "PhD Machine Learning Internship 2026 (USA)"
    assert data["datePosted"] == "2025-09-26"
    assert [place["address"]["addressLocality"] for place in data["jobLocation"]] == [
        "Palo Alto",
        "San Francisco",
        "New York",
        "Seattle",
    ]
    assert data["baseSalary"]["value"]["minValue"] == 12100
    assert data["baseSalary"]["value"]["maxValue"] == 12100
    assert data["baseSalary"]["value"]["unitText"] == "MONTH"
    assert data["educationRequirements"] == [
        {"@type": "EducationalOccupationalCredential", "credentialCategory": "postgraduate degree"}
    ]
    assert "<h3>" not in data["description"]  # no requirement sections in the source


def test_recruiter_text_cannot_close_the_script_element(client):
    attack = "</script><script>alert(1)</script>"
    posting = PublishedPostingFactory(title=attack, summary=attack + " <!-- & -->")
    RequirementFactory(posting=posting, text=attack)
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "<!--" not in html.split("</head>")[0]
    data = job_posting_of(client, posting.get_absolute_url())
    assert data["title"] == attack
    assert "<script>" not in data["description"]


def test_fully_remote_postings_are_telecommute_and_others_are_not(client):
    remote = PublishedPostingFactory(
        offers_onsite=False, offers_remote=True, applicants_based_in="US"
    )
    onsite = PublishedPostingFactory(offers_onsite=True, offers_remote=False)
    remote_data = job_posting_of(client, remote.get_absolute_url())
    assert remote_data["jobLocationType"] == "TELECOMMUTE"
    assert remote_data["applicantLocationRequirements"]["name"] == "US"
    onsite_data = job_posting_of(client, onsite.get_absolute_url())
    assert "jobLocationType" not in onsite_data
    assert "applicantLocationRequirements" not in onsite_data


def test_closing_date_website_and_bachelor_degree_are_included(client):
    company = CompanyFactory(name="Acme", website="https://acme.example.com")
    posting = PublishedPostingFactory(
        company=company,
        posted_on=date(2099, 1, 1),
        closes_on=date(2099, 3, 1),
        for_bachelors=True,
        for_phd=True,
        locations=[LocationFactory(city="Toronto", region="", country="CA")],
    )
    data = job_posting_of(client, posting.get_absolute_url())
    assert data["validThrough"] == "2099-03-01"
    assert data["hiringOrganization"]["sameAs"] == "https://acme.example.com"
    assert [item["credentialCategory"] for item in data["educationRequirements"]] == [
        "bachelor degree",
        "postgraduate degree",
    ]
    assert data["jobLocation"][0]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Toronto",
        "addressCountry": "CA",
    }


@pytest.mark.parametrize(
    ("minimum", "maximum", "period", "expected"),
    [
        ("45.50", "52", "hour", (45.5, 52, "HOUR")),
        ("1500", "1500", "week", (1500, 1500, "WEEK")),
        ("90000", "120000", "year", (90000, 120000, "YEAR")),
    ],
)
def test_base_salary_keeps_the_posted_period_and_numbers(minimum, maximum, period, expected):
    posting = PublishedPostingFactory()
    PayBandFactory(posting=posting, minimum=minimum, maximum=maximum, period=period)
    posting = Posting.objects.with_all_details().get(pk=posting.pk)
    value = job_posting(posting, url="https://x.test/")["baseSalary"]["value"]
    assert (value["minValue"], value["maxValue"], value["unitText"]) == expected


def test_bands_per_office_give_one_salary_spanning_them(client):
    posting = PublishedPostingFactory()
    PayBandFactory(posting=posting, minimum="8000", maximum="9000", location=LocationFactory())
    PayBandFactory(posting=posting, minimum="9500", maximum="10500", location=LocationFactory())
    value = job_posting_of(client, posting.get_absolute_url())["baseSalary"]["value"]
    assert (value["minValue"], value["maxValue"]) == (8000, 10500)


def test_posting_without_pay_has_no_base_salary(client):
    posting = PublishedPostingFactory()
    assert "baseSalary" not in job_posting_of(client, posting.get_absolute_url())


def test_closed_and_draft_postings_carry_no_job_posting_data(client, admin_client):
    closed = ClosedPostingFactory()
    assert json_ld_blocks(client, closed.get_absolute_url()) == []
    draft = DraftPostingFactory()
    assert json_ld_blocks(admin_client, draft.get_absolute_url()) == []


def test_a_posting_without_a_date_of_its_own_is_dated_the_day_it_was_first_published_here(
    client,
):
    from postings import services

    posting = DraftPostingFactory(posted_on=None)
    services.posting_publish(posting=posting, today=date(2026, 11, 2))

    data = job_posting_of(client, posting.get_absolute_url())

    assert data["datePosted"] == "2026-11-02"
    assert Posting.objects.get(pk=posting.pk).posted_on is None
