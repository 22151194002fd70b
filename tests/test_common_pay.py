"""Cards restate pay in the board's common measure: US dollars a month and for the internship."""

import re
from datetime import date
from decimal import Decimal

import pytest

from postings.common_pay import Rates, band_in_usd
from postings.models import ExchangeRate, PayBand, PayPeriod
from tests.factories import (
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    RecruiterFactory,
)
from tests.pages import page_of, text_of

pytestmark = pytest.mark.django_db


def card_pay(html, posting):
    """The visible text of the Pay fact on `posting`'s card."""
    card = re.search(rf'aria-labelledby="posting-{posting.pk}-title">(.*?)</article>', html, re.S)
    return text_of(re.search(r'<dd class="card__pay">(.*?)</dd>', card[1], re.S)[1])


def test_a_euro_salary_is_restated_in_dollars_a_month_with_the_rates_date(client):
    posting = PublishedPostingFactory(duration_weeks=10)
    PayBandFactory(
        posting=posting, minimum=131000, maximum=131000, currency="EUR", period=PayPeriod.YEAR
    )
    assert card_pay(page_of(client, "/"), posting) == (
        "€131,000 / year ≈ $12,448 a month, ≈ $28,726 for 10 weeks (rate of 2 Jun 2025)"
    )


def test_hourly_dollars_are_restated_a_month_without_a_rate(client):
    posting = PublishedPostingFactory(duration_weeks=12)
    PayBandFactory(posting=posting, minimum=Decimal("23.50"), maximum=Decimal("23.50"),
                   period=PayPeriod.HOUR)  # fmt: skip
    assert card_pay(page_of(client, "/"), posting) == (
        "$23.50 / hour ≈ $4,073 a month, ≈ $11,280 for 12 weeks"
    )


def test_dollars_a_month_of_unknown_length_need_no_restatement(client):
    posting = PublishedPostingFactory(duration_weeks=None)
    PayBandFactory(posting=posting, minimum=8000, maximum=9000)
    assert card_pay(page_of(client, "/"), posting) == "$8,000–$9,000 / month"


def test_a_card_with_several_bands_names_the_office_of_each(client):
    seattle = LocationFactory(city="Seattle", region="WA")
    zurich = LocationFactory(city="Zurich", region="", country="CH")
    posting = PublishedPostingFactory(locations=[seattle, zurich], duration_weeks=None)
    PayBandFactory(posting=posting, minimum=9000, maximum=9000, location=seattle)
    PayBandFactory(posting=posting, minimum=8200, maximum=8200, currency="CHF",
                   location=zurich)  # fmt: skip
    assert card_pay(page_of(client, "/"), posting) == (
        "Seattle: $9,000 / month Zurich: 8,200 CHF / month ≈ $10,000 a month (rate of 2 Jun 2025)"
    )


def test_cards_read_the_rates_once_per_page(client, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    for currency in ("EUR", "GBP", "CHF"):
        PayBandFactory(currency=currency, minimum=5000, maximum=5000)
    # Cards are rendered for a signed-in reader, never read from the card cache.
    client.force_login(RecruiterFactory())
    page_of(client, "/")  # the listing index warms up
    with django_assert_max_num_queries(20) as counted:
        page_of(client, "/")
    rate_reads = [q for q in counted.captured_queries if "exchangerate" in q["sql"]]
    assert len(rate_reads) == 1


def test_a_currency_without_a_rate_shows_the_pay_as_posted_only(client):
    posting = PublishedPostingFactory()
    band = PayBandFactory(posting=posting, currency="EUR", minimum=5000, maximum=5000)
    ExchangeRate.objects.filter(currency="EUR").delete()
    assert card_pay(page_of(client, "/"), posting) == "€5,000 / month"
    assert band_in_usd(band, rates=Rates.current()) is None


def test_the_restatement_goes_through_the_one_conversion():
    rates = Rates(units_per_usd={"GBP": Decimal("0.5")}, quoted_on={"GBP": date(2026, 1, 2)})
    band = PayBand(minimum=1000, maximum=2000, currency="GBP", period=PayPeriod.WEEK)
    usd = band_in_usd(band, rates=rates, weeks=4)
    assert usd.monthly == (Decimal("8667"), Decimal("17333"))  # 52/12 weeks a month, ×2
    assert usd.total == (Decimal("8000"), Decimal("16000"))
    assert usd.hourly == (Decimal("50.00"), Decimal("100.00"))
    assert (
        usd.summary == "≈ $8,667–$17,333 a month, ≈ $8,000–$16,000 for 4 weeks (rate of 2 Jan 2026)"
    )


def test_the_posting_page_restates_pay_in_dollars_with_the_rate_used(client):
    posting = PublishedPostingFactory(duration_weeks=10)
    PayBandFactory(
        posting=posting, minimum=131000, maximum=131000, currency="EUR", period=PayPeriod.YEAR
    )
    html = page_of(client, posting.get_absolute_url())
    panel = text_of(re.search(r'<section class="panel pay-panel".*?</section>', html, re.S)[0])
    assert "US dollars a month ≈ $12,448" in panel
    assert "US dollars for 10 weeks ≈ $28,726" in panel
    assert "US dollars at the board's rate of 2 June 2025: 1 US dollar = 0.877 EUR." in panel
