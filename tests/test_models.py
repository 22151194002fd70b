"""Model rules: constraints the database enforces, pay equivalents, and QuerySet methods."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from postings import pay
from postings.models import ExchangeRate, Location, PayBand, PayPeriod, Posting, Status
from tests.factories import (
    ClosedPostingFactory,
    CompanyFactory,
    DraftPostingFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
)

pytestmark = pytest.mark.django_db


def refused_by_database(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_pay_minimum_above_maximum_is_refused_by_the_database():
    refused_by_database(lambda: PayBandFactory(minimum=Decimal("12"), maximum=Decimal("10")))


def test_pay_minimum_of_zero_is_refused_by_the_database():
    refused_by_database(lambda: PayBandFactory(minimum=Decimal("0"), maximum=Decimal("10")))


def test_unknown_pay_period_is_refused_by_the_database():
    refused_by_database(lambda: PayBandFactory(period="day"))


def test_closing_before_posting_is_refused_by_the_database():
    today = timezone.localdate()
    refused_by_database(
        lambda: PublishedPostingFactory(posted_on=today, closes_on=today - timedelta(days=1))
    )


def test_slug_is_unique_within_a_company_but_not_across_companies():
    first = DraftPostingFactory(slug="ml-intern")
    DraftPostingFactory(slug="ml-intern")  # another company
    refused_by_database(lambda: DraftPostingFactory(slug="ml-intern", company=first.company))


def test_the_same_place_cannot_be_stored_twice():
    Location.objects.create(city="Seattle", region="WA", country="US")
    refused_by_database(lambda: Location.objects.create(city="Seattle", region="WA", country="US"))


def test_location_shows_as_city_and_region():
    assert str(LocationFactory(city="San Francisco", region="CA")) == "San Francisco, CA"
    assert str(LocationFactory(city="London", region="", country="GB")) == "London, GB"


@pytest.mark.parametrize(
    ("amount", "period", "per_month", "per_hour"),
    [
        (Decimal("10000"), PayPeriod.MONTH, Decimal("10000.00"), Decimal("57.69")),
        (Decimal("50"), PayPeriod.HOUR, Decimal("8666.67"), Decimal("50.00")),
        (Decimal("2000"), PayPeriod.WEEK, Decimal("8666.67"), Decimal("50.00")),
        (Decimal("120000"), PayPeriod.YEAR, Decimal("10000.00"), Decimal("57.69")),
    ],
)
def test_pay_equivalents_use_forty_hour_weeks(amount, period, per_month, per_hour):
    band = PayBandFactory(minimum=amount, maximum=amount, period=period)
    assert band.per(PayPeriod.MONTH) == (per_month, per_month)
    assert band.per(PayPeriod.HOUR) == (per_hour, per_hour)


def test_stored_monthly_equivalent_agrees_with_the_python_conversion():
    band = PayBandFactory(minimum=Decimal("45"), maximum=Decimal("55.50"), period=PayPeriod.HOUR)
    band.refresh_from_db()
    assert (band.monthly_minimum, band.monthly_maximum) == band.per(PayPeriod.MONTH)


def test_total_pay_for_a_twelve_week_internship():
    band = PayBandFactory(minimum=Decimal("10000"), maximum=Decimal("11000"))
    assert band.total_for_weeks(12) == (Decimal("27692.31"), Decimal("30461.54"))
    assert "40 hours a week" in pay.ASSUMPTIONS


def test_pay_in_us_dollars_a_month_converts_the_period_then_the_currency():
    # €131,000 a year is far more than $23.50 an hour, once both are US dollars a month.
    euros_a_year = pay.usd_a_month(Decimal("131000"), period="year", units_per_usd=Decimal("0.877"))
    dollars_an_hour = pay.usd_a_month(Decimal("23.50"), period="hour", units_per_usd=Decimal(1))
    assert euros_a_year == Decimal("12447.74")
    assert dollars_an_hour == Decimal("4073.33")


@pytest.mark.django_db
def test_the_exchange_rates_the_board_keeps_are_read_as_one_mapping():
    rates = ExchangeRate.objects.units_per_usd()
    assert rates["USD"] == 1
    assert rates["EUR"] == Decimal("0.877")


def test_pay_as_posted_reads_like_the_posting():
    assert PayBandFactory(
        minimum=Decimal("45"), maximum=Decimal("55"), period="hour"
    ).as_posted() == ("$45–$55 / hour")
    assert PayBandFactory(
        minimum=Decimal("7.5"), maximum=Decimal("7.5"), currency="CHF"
    ).as_posted() == ("7.50 CHF / month")


def test_open_for_applications_hides_drafts_closed_and_expired_postings():
    today = timezone.localdate()
    open_posting = PublishedPostingFactory()
    no_deadline = PublishedPostingFactory(closes_on=None)
    closes_today = PublishedPostingFactory(closes_on=today)
    DraftPostingFactory()
    ClosedPostingFactory()
    PublishedPostingFactory(
        posted_on=today - timedelta(days=40), closes_on=today - timedelta(days=1)
    )

    assert set(Posting.objects.open_for_applications()) == {open_posting, no_deadline, closes_today}


def test_publicly_visible_keeps_closed_postings_but_never_drafts():
    published = PublishedPostingFactory()
    closed = ClosedPostingFactory()
    DraftPostingFactory()
    assert set(Posting.objects.publicly_visible()) == {published, closed}


def test_badges_follow_the_dates():
    today = timezone.localdate()
    fresh = PublishedPostingFactory(
        posted_on=today - timedelta(days=3), closes_on=today + timedelta(days=5)
    )
    old = PublishedPostingFactory(posted_on=today - timedelta(days=20), closes_on=None)
    expired = PublishedPostingFactory(
        posted_on=today - timedelta(days=20), closes_on=today - timedelta(days=1)
    )

    assert fresh.is_new() and fresh.closes_soon() and not fresh.is_closed()
    assert not old.is_new() and not old.closes_soon()
    assert expired.is_closed() and not expired.closes_soon()
    assert ClosedPostingFactory().is_closed()


def test_list_details_are_fetched_in_a_fixed_number_of_queries(django_assert_num_queries):
    company = CompanyFactory()
    for _ in range(5):
        PayBandFactory(
            posting=PublishedPostingFactory(company=company, locations=[LocationFactory()])
        )

    with django_assert_num_queries(4):
        rows = list(Posting.objects.published().with_list_details())
        for row in rows:
            list(row.locations.all())
            list(row.pay_bands.all())
            list(row.research_areas.all())
            str(row.company)
    assert len(rows) == 5


def test_multi_valued_choices_read_back_as_lists():
    posting = DraftPostingFactory(
        for_bachelors=True, for_phd=True, offers_remote=True, offers_onsite=False
    )
    assert posting.degree_levels == ["bachelors", "phd"]
    assert posting.work_arrangements == ["remote"]
    assert posting.is_fully_remote
    assert PayBand.objects.count() == 0
    assert posting.status == Status.DRAFT
