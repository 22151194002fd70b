"""The seeds are the reader's first test: reading each original Pinterest text gives its fixture
record's facts, field by field, compared with the loaded fixture."""

from pathlib import Path

import pytest

from postings.ingest import read_posting
from postings.ingest.gazetteer import fold
from postings.models import Posting, RequirementKind

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
SLUGS = ["2025-fall-machine-learning-intern", "phd-machine-learning-internship-2026-usa"]
# Fields whose text the reader gives exactly as the fixture stores it.
SAME_FIELDS = [
    "title",
    "organization",
    "team",
    "summary",
    "season",
    "year",
    "start_window",
    "duration_weeks",
    "applicants_based_in",
    "work_authorization",
    "note_to_applicants",
    "in_office_requirement",
    "pay_note",
    "apply_url",
    "posted_on",
    "closes_on",
]

pytestmark = pytest.mark.usefixtures("pinterest")


def source(slug):
    return (SOURCES / f"pinterest-{slug}.txt").read_text()


def record(slug):
    return Posting.objects.with_all_details().get(company__slug="pinterest", slug=slug)


@pytest.fixture(params=SLUGS)
def seed(request):
    return read_posting(source(request.param)), record(request.param), source(request.param)


@pytest.mark.parametrize("field", SAME_FIELDS)
def test_each_field_of_a_seed_reads_as_its_fixture_stores_it(seed, field):
    reading, posting, _ = seed
    expected = getattr(posting, field)
    got = getattr(reading, field)
    assert (got or None) == (expected or None)


def test_the_company_is_the_fixtures_company(seed):
    reading, posting, _ = seed
    assert reading.company == posting.company.name


def test_company_texts_are_read_where_the_seed_carries_them(seed):
    reading, posting, text = seed
    company = posting.company
    for field in ("about", "equal_opportunity_statement"):
        stored = getattr(company, field)
        read = reading.company_about if field == "about" else reading.equal_opportunity_statement
        in_this_text = all(paragraph in text for paragraph in stored.split("\n\n"))
        assert read == (stored if in_this_text else "")


def test_degrees_arrangements_and_areas_are_the_fixtures(seed):
    reading, posting, _ = seed
    assert reading.degree_levels == posting.degree_levels
    assert set(reading.arrangements) == set(posting.work_arrangements)
    assert set(reading.research_areas) == {area.slug for area in posting.research_areas.all()}


def test_locations_are_the_fixtures(seed):
    reading, posting, _ = seed
    assert {(fold(p.city), p.region, p.country) for p in reading.locations} == {
        (fold(location.city), location.region, location.country)
        for location in posting.locations.all()
    }


def test_pay_is_the_fixtures(seed):
    reading, posting, _ = seed
    assert [(b.minimum, b.maximum, b.currency, b.period, b.place) for b in reading.pay] == [
        (b.minimum, b.maximum, b.currency, b.period, b.location) for b in posting.pay_bands.all()
    ]


def test_requirement_lines_are_the_fixtures_in_order(seed):
    reading, posting, _ = seed
    for kind in RequirementKind:
        stored = [r.text for r in posting.requirements.all() if r.kind == kind]
        assert reading.requirements[kind.value] == stored, kind
