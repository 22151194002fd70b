"""load_real_postings: the real postings come in once, and a recruiter's edits are never undone."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from postings import services
from postings.models import Company, Location, PayBand, Posting, Requirement, ResearchArea, Status
from tests.factories import (
    CompanyFactory,
    DraftPostingFactory,
    LocationFactory,
    RecruiterFactory,
)

pytestmark = pytest.mark.django_db

FALL = "2025-fall-machine-learning-intern"
PHD = "phd-machine-learning-internship-2026-usa"


def load():
    output = io.StringIO()
    call_command("load_real_postings", stdout=output)
    return output.getvalue()


def test_an_edit_and_its_history_survive_loading_again(pinterest):
    recruiter = RecruiterFactory(companies=[Company.objects.get(slug="pinterest")])
    fall = Posting.objects.get(slug=FALL)
    fall.team = "Shopping Ads"
    services.posting_save(posting=fall, user=recruiter)
    band = fall.pay_bands.get()
    band.maximum = Decimal("11500")
    band.save()
    services.posting_close(posting=fall, user=recruiter)
    history = list(fall.history.values_list("history_id", "team", "status"))
    counts = {m: m.objects.count() for m in (Company, Posting, PayBand, Requirement, Location)}

    output = load()

    fall = Posting.objects.get(slug=FALL)
    assert (fall.status, fall.team) == (Status.CLOSED, "Shopping Ads")
    assert fall.pay_bands.get().maximum == Decimal("11500")
    assert list(fall.history.values_list("history_id", "team", "status")) == history
    assert {m: m.objects.count() for m in counts} == counts
    assert output.startswith("Created nothing.")


def test_loading_creates_what_is_missing_through_the_save_path_with_derived_dates():
    output = load()

    fall, phd = Posting.objects.get(slug=FALL), Posting.objects.get(slug=PHD)
    assert (fall.starts_on, phd.starts_on) == (date(2025, 9, 1), date(2026, 5, 1))
    assert fall.history.filter(history_type="+").exists()
    assert phd.locations.count() == 4
    assert phd.research_areas.count() == 11
    assert phd.categories.count() == 2
    assert fall.requirements.count() == 14
    assert "Created 1 company, 4 locations, 13 research areas, 2 categories, 2 postings" in output


def test_a_deleted_pay_band_of_a_posting_still_there_does_not_come_back(pinterest):
    Posting.objects.get(slug=FALL).pay_bands.get().delete()

    load()

    assert not Posting.objects.get(slug=FALL).pay_bands.exists()


def test_rows_numbered_differently_in_the_database_are_matched_by_what_they_are(db):
    """On a board whose rows took the fixture's numbers (seeded demo data, say), loaddata
    would overwrite them; the loader finds each record by its natural key instead."""
    other = CompanyFactory(name="Demo Co", slug="demo-co")
    place = LocationFactory(city="Lisbon", region="", country="PT")
    area = ResearchArea.objects.create(name="Robotics", slug="robotics")
    san_francisco = LocationFactory(city="San Francisco", region="CA", country="US")

    load()

    assert Company.objects.get(pk=other.pk).name == "Demo Co"
    assert str(Location.objects.get(pk=place.pk)) == "Lisbon, PT"
    assert ResearchArea.objects.get(pk=area.pk).name == "Robotics"
    phd = Posting.objects.get(slug=PHD)
    assert phd.company.slug == "pinterest"
    assert san_francisco in phd.locations.all()
    assert sorted(str(location) for location in phd.locations.all()) == [
        "New York, NY",
        "Palo Alto, CA",
        "San Francisco, CA",
        "Seattle, WA",
    ]
    assert Location.objects.filter(city="San Francisco").count() == 1


def test_a_fresh_board_numbers_the_records_as_the_file_does_and_counts_on_after_them(db):
    load()

    assert str(Location.objects.get(pk=4)) == "New York, NY"
    assert Posting.objects.get(pk=2).slug == PHD
    # New rows take the next free numbers (PostgreSQL's sequences were moved past the file's).
    assert LocationFactory(city="Lisbon", region="", country="PT").pk > 4
    assert DraftPostingFactory().pk > 2
