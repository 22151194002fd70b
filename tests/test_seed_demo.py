"""seed_demo: synthetic postings at scale, deterministic for a seed, removable with --clear."""

import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from postings import demo, pay
from postings.models import (
    Category,
    Company,
    Location,
    PayBand,
    PayPeriod,
    Posting,
    Requirement,
    RequirementKind,
    ResearchArea,
    Season,
    Status,
    WorkAuthorization,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 15)


def fingerprint():
    """What a seeded board looks like, without primary keys (which depend on the database)."""
    postings = (
        Posting.objects.filter(company__is_demo=True)
        .select_related("company")
        .prefetch_related("locations", "research_areas", "categories", "pay_bands", "requirements")
        .order_by("slug")
    )
    return [
        (
            posting.company.name,
            posting.slug,
            posting.title,
            posting.team,
            posting.status,
            posting.season,
            posting.year,
            posting.posted_on,
            posting.closes_on,
            posting.degree_levels,
            posting.work_arrangements,
            posting.work_authorization,
            posting.applicants_based_in,
            sorted(str(location) for location in posting.locations.all()),
            sorted(area.slug for area in posting.research_areas.all()),
            sorted(category.slug for category in posting.categories.all()),
            [band.as_posted() for band in posting.pay_bands.all()],
            [(line.kind, line.text) for line in posting.requirements.all()],
        )
        for posting in postings
    ]


def test_seed_creates_the_requested_postings_under_demo_companies_only():
    result = demo.seed(postings=120, seed=1, today=TODAY)

    assert result.postings == Posting.objects.count() == 120
    assert not Posting.objects.filter(company__is_demo=False).exists()
    assert Company.objects.filter(is_demo=True).count() == result.companies == 12
    assert result.requirements == Requirement.objects.count()
    assert result.pay_bands == PayBand.objects.count()


def test_the_same_seed_gives_the_same_board_and_another_seed_a_different_one():
    demo.seed(postings=80, seed=7, today=TODAY)
    first = fingerprint()
    demo.clear()
    demo.seed(postings=80, seed=7, today=TODAY)
    assert fingerprint() == first

    demo.clear()
    demo.seed(postings=80, seed=8, today=TODAY)
    assert fingerprint() != first


def test_a_small_seed_covers_every_choice_a_filter_offers():
    demo.seed(postings=60, seed=3, today=TODAY)
    postings = Posting.objects.all()

    assert set(postings.values_list("season", flat=True)) == set(Season.values)
    assert set(postings.values_list("status", flat=True)) == set(Status.values)
    assert set(postings.values_list("work_authorization", flat=True)) == set(
        WorkAuthorization.values
    )
    for column in demo.DEGREE_COLUMNS + demo.ARRANGEMENT_COLUMNS:
        assert postings.filter(**{column: True}).exists(), column
    assert set(demo.RESEARCH_AREAS) <= set(
        ResearchArea.objects.filter(postings__isnull=False).values_list("name", flat=True)
    )
    assert set(PayBand.objects.values_list("period", flat=True)) == set(PayPeriod.values)
    assert set(PayBand.objects.values_list("currency", flat=True)) >= {"USD", "CAD", "EUR", "GBP"}
    assert set(Requirement.objects.values_list("kind", flat=True)) == set(RequirementKind.values)
    assert postings.filter(locations__country="US").exists()
    assert postings.exclude(locations__country="US").filter(locations__isnull=False).exists()


def test_every_posting_offers_a_degree_level_and_a_work_arrangement():
    demo.seed(postings=200, seed=4, today=TODAY)

    for posting in Posting.objects.all():
        assert posting.degree_levels, posting.slug
        assert posting.work_arrangements, posting.slug


def test_dates_spread_over_two_years_and_drafts_are_not_yet_posted():
    demo.seed(postings=400, seed=5, today=TODAY)
    posted = Posting.objects.exclude(status=Status.DRAFT)

    drafts = Posting.objects.filter(status=Status.DRAFT)
    assert not drafts.filter(date_posted__isnull=False).exists()
    assert not posted.filter(date_posted__isnull=True).exists()
    # Some originals give no date: those show the day they were first published here.
    assert posted.filter(posted_on__isnull=True).exists()
    days = sorted((TODAY - posting.date_posted).days for posting in posted)
    assert days[0] >= 0 and days[-1] <= 730
    assert days[-1] - days[0] > 365
    assert posted.filter(closes_on__lt=TODAY).exists()
    assert posted.filter(closes_on__gte=TODAY).exists()
    assert posted.filter(closes_on__isnull=True).exists()


def test_seeded_rows_pass_model_validation():
    demo.seed(postings=60, seed=6, today=TODAY)

    for posting in Posting.objects.all():
        posting.full_clean()
    for band in PayBand.objects.all():
        band.full_clean()
    for line in Requirement.objects.all():
        line.full_clean()


def test_monthly_pay_equivalents_are_filled_in_by_the_database():
    demo.seed(postings=60, seed=2, today=TODAY)

    for band in PayBand.objects.all():
        assert band.monthly_minimum == pay.convert(
            band.minimum, from_period=band.period, to_period="month"
        )
        assert band.monthly_maximum >= band.monthly_minimum


def test_existing_locations_and_research_areas_are_reused_by_natural_key(pinterest):
    demo.seed(postings=60, seed=1, today=TODAY)

    assert Location.objects.filter(city="San Francisco", region="CA", country="US").count() == 1
    assert ResearchArea.objects.filter(name="Recommender systems").count() == 1
    assert Category.objects.filter(slug="consumer").count() == 1
    assert Posting.objects.filter(
        company__is_demo=True, research_areas__slug="recommender-systems"
    ).exists()


def test_clear_removes_demo_data_with_its_history_and_keeps_the_pinterest_postings(pinterest):
    before = {
        "postings": list(Posting.objects.values_list("pk", "title", "version")),
        "bands": list(PayBand.objects.values_list("pk", "minimum")),
        "requirements": Requirement.objects.count(),
        "locations": Location.objects.count(),
        "history": Posting.history.count(),
    }
    demo.seed(postings=60, seed=1, today=TODAY)
    edited = Posting.objects.filter(company__is_demo=True).first()
    edited.title = "Edited demo posting"
    edited.save()
    assert Posting.history.filter(id=edited.pk).exists()

    removed = demo.clear()

    assert removed == 6
    assert not Company.objects.filter(is_demo=True).exists()
    assert list(Posting.objects.values_list("pk", "title", "version")) == before["postings"]
    assert list(PayBand.objects.values_list("pk", "minimum")) == before["bands"]
    assert Requirement.objects.count() == before["requirements"]
    assert Posting.history.count() == before["history"]
    assert not Posting.history.filter(id=edited.pk).exists()
    assert Company.objects.get().name == "Pinterest"
    # Places and research areas are shared with real postings, so they stay.
    assert Location.objects.count() >= before["locations"]


def test_command_seeds_clears_and_refuses_to_mix_two_demo_boards(pinterest):
    call_command("seed_demo", postings=30, seed=2, verbosity=0)
    assert Posting.objects.filter(company__is_demo=True).count() == 30

    with pytest.raises(CommandError, match="--clear"):
        call_command("seed_demo", postings=30)

    call_command("seed_demo", postings=20, seed=2, clear=True, verbosity=0)
    assert Posting.objects.filter(company__is_demo=True).count() == 20

    call_command("seed_demo", clear=True, verbosity=0)
    assert not Posting.objects.filter(company__is_demo=True).exists()
    assert Posting.objects.count() == 2


def test_command_without_work_or_with_a_negative_count_is_an_error():
    with pytest.raises(CommandError, match="Nothing to do"):
        call_command("seed_demo")
    with pytest.raises(CommandError, match="zero or more"):
        call_command("seed_demo", postings=-5)


def test_no_demo_posting_contradicts_itself():
    demo.seed(postings=400, seed=9, today=TODAY)
    postings = Posting.objects.prefetch_related("locations", "pay_bands__location")
    months = {
        Season.WINTER: {12, 1},
        Season.SPRING: {3, 4},
        Season.SUMMER: {5, 6},
        Season.FALL: {8, 9},
    }

    for posting in postings:
        offices = {location.country for location in posting.locations.all()}
        facts = (posting.slug, posting.applicants_based_in, offices)
        # Who may apply: applicants based in one country, with every office there.
        if posting.applicants_based_in and offices:
            assert offices == {posting.applicants_based_in}, facts
        # Pay is in the currency of the office it is for, or of the posting's offices.
        for band in posting.pay_bands.all():
            paid_where = {band.location.country} if band.location else offices
            if not paid_where:
                paid_where = {posting.applicants_based_in or "US"}
            assert {demo.CURRENCY_BY_COUNTRY[c] for c in paid_where} == {band.currency}, facts
        # An in-office requirement only where no remote work is offered.
        if posting.offers_remote:
            assert posting.in_office_requirement == "", posting.slug
        # The start window fits the season, and the posting comes before the start.
        assert posting.starts_on.month in months[posting.season], posting.slug
        if posting.date_posted:
            assert posting.date_posted < posting.starts_on, posting.slug
        if posting.closes_on:
            assert posting.date_posted <= posting.closes_on < posting.starts_on, posting.slug
        # A title naming a season names the posting's own.
        named = re.match(r"(Winter|Spring|Summer|Fall) (\d{4}) ", posting.title)
        if named:
            assert named.groups() == (posting.season.title(), str(posting.year)), posting.slug
