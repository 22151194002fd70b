"""A posting page places its pay among comparable open postings in one sentence."""

import re
from decimal import Decimal

import pytest

from postings.common_pay import Rates
from postings.models import PayPeriod, Posting
from postings.selectors import posting_pay_insight
from tests.factories import ClosedPostingFactory, PayBandFactory, PublishedPostingFactory
from tests.pages import page_of, text_of

pytestmark = pytest.mark.django_db


def paid(amount, *, currency="USD", period=PayPeriod.MONTH, **fields):
    posting = PublishedPostingFactory(**fields)
    PayBandFactory(posting=posting, minimum=Decimal(amount), maximum=Decimal(amount),
                   currency=currency, period=period)  # fmt: skip
    return posting


def insight_of(client, posting):
    html = page_of(client, posting.get_absolute_url())
    match = re.search(r'<p class="pay-insight">(.*?)</p>', html, re.S)
    if not match:
        return None
    return text_of(match[1]).replace(" :", ":"), re.search(r'href="([^"]+)"', match[1])[1]


def test_the_posting_page_says_how_many_comparable_postings_pay_less(client):
    posting = paid(6000, year=2027, for_phd=True)
    for amount in (4000, 5000, 5500, 7000):
        paid(amount, year=2027, for_phd=True)
    text, link = insight_of(client, posting)
    assert text.startswith("Higher than 75% of 4 comparable internships: open Summer 2027 ones "
                           "for PhD students that state pay")  # fmt: skip
    assert link == "/?season=summer&amp;year=2027&amp;degree=phd"


def test_pay_in_other_currencies_and_periods_is_compared_in_dollars_a_month(client):
    posting = paid(6000, year=2027)
    paid(131000, currency="EUR", period=PayPeriod.YEAR, year=2027)  # about $12,448 a month
    paid(Decimal("23.50"), period=PayPeriod.HOUR, year=2027)  # about $4,073 a month
    assert insight_of(client, posting)[0].startswith("Higher than 50% of 2 comparable")


def test_only_open_postings_of_the_same_season_year_and_degree_count(client):
    posting = paid(6000, year=2027, for_phd=True, for_masters=False)
    paid(1000, year=2027, for_phd=True)  # comparable
    paid(1000, year=2028, for_phd=True)  # another year
    paid(1000, year=2027, season="fall", for_phd=True)  # another season
    paid(1000, year=2027, for_phd=False, for_bachelors=True)  # another degree
    closed = ClosedPostingFactory(year=2027, for_phd=True)
    PayBandFactory(posting=closed, minimum=1000, maximum=1000)
    PublishedPostingFactory(year=2027, for_phd=True)  # no pay stated
    assert insight_of(client, posting)[0].startswith("Higher than 100% of 1 comparable internship:")


def test_a_posting_sharing_any_degree_level_is_comparable(client):
    posting = paid(6000, year=2027, for_phd=True, for_masters=True)
    paid(9000, year=2027, for_phd=False, for_masters=True)
    text, link = insight_of(client, posting)
    assert text.startswith("Not higher than any of 1 comparable internship: open Summer 2027 "
                           "ones for Master's or PhD students")  # fmt: skip
    assert link.endswith("degree=masters&amp;degree=phd")


def test_no_sentence_without_pay_or_without_anything_to_compare(client):
    alone = paid(6000, year=2027)
    assert insight_of(client, alone) is None
    unpaid = PublishedPostingFactory(year=2027)
    assert insight_of(client, unpaid) is None


def test_the_comparable_pay_is_read_once_and_cached(django_assert_max_num_queries):
    posting = Posting.objects.with_all_details().get(pk=paid(6000, year=2027).pk)
    paid(5000, year=2027)
    rates = Rates.current()
    posting_pay_insight(posting=posting, rates=rates)
    with django_assert_max_num_queries(1) as counted:  # at most the cache's generation
        insight = posting_pay_insight(posting=posting, rates=rates)
    assert not [query for query in counted.captured_queries if "payband" in query["sql"]]
    assert (insight.higher_than_percent, insight.comparable) == (100, 1)
    paid(7000, year=2027)  # a write changes the listing: the cached answer is not used
    assert posting_pay_insight(posting=posting, rates=rates).higher_than_percent == 50
