"""The Pinterest fixtures hold every fact of the original posting texts, and nothing more."""

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from postings.models import (
    Company,
    DegreeLevel,
    PayBand,
    Posting,
    RequirementKind,
    Status,
    WorkArrangement,
    WorkAuthorization,
)
from postings.seasons import internship_start

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
FALL_2025 = "2025-fall-machine-learning-intern"
PHD_2026 = "phd-machine-learning-internship-2026-usa"

pytestmark = pytest.mark.usefixtures("pinterest")


def source_text(slug):
    return (SOURCES / f"pinterest-{slug}.txt").read_text()


def posting(slug):
    return Posting.objects.with_all_details().get(company__slug="pinterest", slug=slug)


def place_names(p):
    return sorted(str(location) for location in p.locations.all())


def test_loading_the_fixtures_twice_changes_nothing():
    counts = {m: m.objects.count() for m in (Company, Posting, PayBand)}
    versions = dict(Posting.objects.values_list("slug", "version"))

    call_command("load_real_postings", stdout=io.StringIO())

    assert {m: m.objects.count() for m in (Company, Posting, PayBand)} == counts
    assert dict(Posting.objects.values_list("slug", "version")) == versions


def test_both_postings_belong_to_pinterest_and_are_published():
    assert list(Company.objects.values_list("name", flat=True)) == ["Pinterest"]
    assert set(Posting.objects.values_list("slug", "status")) == {
        (FALL_2025, Status.PUBLISHED),
        (PHD_2026, Status.PUBLISHED),
    }


def test_company_facts_come_from_the_sources():
    pinterest = Company.objects.get(slug="pinterest")
    assert pinterest.description == "Digital pin board"
    assert pinterest.description in source_text(PHD_2026)
    for paragraph in pinterest.about.split("\n\n"):
        assert paragraph in source_text(FALL_2025)
        assert paragraph in source_text(PHD_2026)
    assert pinterest.equal_opportunity_statement in source_text(FALL_2025)
    # Neither source gives a web address for the company.
    assert pinterest.website == ""


def test_fall_2025_posting_facts():
    fall = posting(FALL_2025)
    text = source_text(FALL_2025)
    assert f"{fall.title} at Pinterest" in text
    assert (fall.season, fall.year, fall.duration_weeks) == ("fall", 2025, 12)
    assert "12-week fall internship" in text
    assert fall.organization == "Monetization ML Engineering"
    assert fall.team == "Lower Funnel Monetization"
    assert fall.degree_levels == [DegreeLevel.MASTERS, DegreeLevel.PHD]
    assert fall.work_arrangements == [WorkArrangement.HYBRID, WorkArrangement.REMOTE]
    assert place_names(fall) == ["Palo Alto, CA", "San Francisco, CA", "Seattle, WA"]
    assert fall.applicants_based_in == "US"
    assert "US based applicants only" in text
    assert fall.work_authorization == WorkAuthorization.NOT_STATED
    assert fall.posted_on is None  # the source gives no date
    assert fall.start_window == ""
    assert list(fall.categories.all()) == []
    assert fall.apply_url == ""


def test_phd_2026_posting_facts():
    phd = posting(PHD_2026)
    text = source_text(PHD_2026)
    assert phd.title in text
    assert (phd.season, phd.year, phd.duration_weeks) == ("summer", 2026, 12)
    assert "Internships are 12 weeks paid" in text
    assert phd.start_window.startswith("May or June")
    assert phd.degree_levels == [DegreeLevel.PHD]
    assert phd.work_arrangements == [WorkArrangement.HYBRID, WorkArrangement.REMOTE]
    assert place_names(phd) == [
        "New York, NY",
        "Palo Alto, CA",
        "San Francisco, CA",
        "Seattle, WA",
    ]
    assert phd.posted_on == date(2025, 9, 26)
    assert "September 26, 2025" in text
    assert [c.name for c in phd.categories.all()] == ["Consumer", "Software Eng"]
    assert phd.applicants_based_in == "US"
    assert phd.note_to_applicants in text
    assert phd.work_authorization == WorkAuthorization.NOT_STATED


def test_pay_matches_the_sources():
    (fall_band,) = posting(FALL_2025).pay_bands.all()
    (phd_band,) = posting(PHD_2026).pay_bands.all()

    assert (fall_band.minimum, fall_band.maximum) == (Decimal("10000"), Decimal("11000"))
    assert (fall_band.currency, fall_band.period) == ("USD", "month")
    assert "$10,000-$11,000 monthly" in source_text(FALL_2025)
    assert fall_band.as_posted() == "$10,000–$11,000 / month"

    assert (phd_band.minimum, phd_band.maximum) == (Decimal("12100"), Decimal("12100"))
    assert "$12,100 monthly" in source_text(PHD_2026)
    assert phd_band.as_posted() == "$12,100 / month"


def test_fall_requirements_are_every_line_in_the_original_order():
    fall = posting(FALL_2025)
    text = source_text(FALL_2025)
    lines = [r.text for r in fall.requirements.all()]
    kinds = [r.kind for r in fall.requirements.all()]

    assert (
        kinds
        == [RequirementKind.RESPONSIBILITY] * 6
        + [RequirementKind.QUALIFICATION] * 6
        + [RequirementKind.PREFERRED] * 2
    )
    positions_in_source = [text.index(line) for line in lines]
    assert positions_in_source == sorted(positions_in_source)
    assert lines[0].startswith("Contribute in cutting-edge research")
    assert lines[-1] == "Passion for applied ML and the Pinterest product"


def test_sections_empty_in_the_phd_original_stay_empty():
    assert not posting(PHD_2026).requirements.exists()


def test_every_long_text_is_quoted_from_its_source():
    for slug in (FALL_2025, PHD_2026):
        p = posting(slug)
        text = source_text(slug)
        for field in ("summary", "in_office_requirement", "pay_note", "note_to_applicants"):
            for paragraph in filter(None, getattr(p, field).split("\n\n")):
                assert paragraph in text, (slug, field, paragraph[:50])


def test_research_areas_are_named_in_the_sources():
    for slug in (FALL_2025, PHD_2026):
        text = source_text(slug).lower()
        for area in posting(slug).research_areas.all():
            assert area.name.lower() in text, (slug, area.name)


def test_the_fixture_records_the_day_the_board_took_the_postings_in():
    """Neither date is in the sources: 26 September 2025 is when this board took both postings
    in. It stands in for the Fall posting's missing date (a fresh load must not date a 2025
    posting to the day it is loaded), and the PhD posting keeps its own date."""
    fall, phd = posting(FALL_2025), posting(PHD_2026)
    assert fall.first_published_on == phd.first_published_on == date(2025, 9, 26)
    assert (fall.posted_on, fall.date_posted) == (None, date(2025, 9, 26))
    assert phd.posted_on == phd.date_posted == date(2025, 9, 26)


def test_the_fixtures_start_dates_are_the_ones_the_rule_gives():
    """`loaddata` copies the stored start dates as they are; they must match postings/seasons.py."""
    records = json.loads((SOURCES.parent / "pinterest.json").read_text())
    for record in records:
        if record["model"] == "postings.posting":
            fields = record["fields"]
            assert (
                fields["starts_on"]
                == internship_start(
                    season=fields["season"],
                    year=fields["year"],
                    start_window=fields["start_window"],
                ).isoformat()
            )
