"""PostingFilter: every filter, their combinations, the sorts, and what bad values do."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import timezone

from postings.listing.filterset import PostingFilter
from postings.models import ExchangeRate, PayPeriod, Season, Status, WorkAuthorization
from tests.factories import (
    ClosedPostingFactory,
    CompanyFactory,
    DraftPostingFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    ResearchAreaFactory,
)

pytestmark = pytest.mark.django_db

FALL = "2025 Fall Machine Learning Intern"
PHD = "PhD Machine Learning Internship 2026 (USA)"


def titles(data):
    return [posting.title for posting in PostingFilter(data).qs]


def today():
    return timezone.localdate()


# Visibility


def test_only_open_published_postings_are_listed_by_default():
    PublishedPostingFactory(title="Open")
    PublishedPostingFactory(title="Open, closing today", closes_on=today())
    PublishedPostingFactory(title="Past its closing date", closes_on=today() - timedelta(days=1))
    ClosedPostingFactory(title="Closed")
    DraftPostingFactory(title="Draft")

    assert sorted(titles({})) == ["Open", "Open, closing today"]


def test_closed_postings_are_hidden_unless_asked_for_but_drafts_never_show():
    PublishedPostingFactory(title="Open")
    PublishedPostingFactory(title="Past its closing date", closes_on=today() - timedelta(days=1))
    ClosedPostingFactory(title="Closed")
    DraftPostingFactory(title="Draft")

    assert sorted(titles({"include_closed": "1"})) == ["Closed", "Open", "Past its closing date"]


def test_include_closed_zero_means_no():
    PublishedPostingFactory(title="Open")
    ClosedPostingFactory(title="Closed")

    assert titles({"include_closed": "0"}) == ["Open"]


# Each filter, with the real Pinterest postings


def test_choosing_new_york_finds_only_the_phd_posting(pinterest):
    assert titles({"location": "4"}) == [PHD]


def test_choosing_phd_finds_both_pinterest_postings(pinterest):
    assert sorted(titles({"degree": "phd"})) == sorted([FALL, PHD])


def test_choosing_masters_finds_only_the_fall_posting(pinterest):
    assert titles({"degree": "masters"}) == [FALL]


def test_pinterest_postings_are_us_based_only_with_authorization_not_stated(pinterest):
    assert len(titles({"based_in": "US"})) == 2
    assert titles({"based_in": "anywhere"}) == []
    assert len(titles({"authorization": "not_stated"})) == 2
    assert titles({"authorization": "sponsorship_offered"}) == []


def test_pinterest_season_and_year(pinterest):
    assert titles({"season": "fall"}) == [FALL]
    assert titles({"season": "summer", "year": "2026"}) == [PHD]
    assert titles({"season": "summer", "year": "2025"}) == []


# Each filter, with made-up postings


def test_company_filter_takes_several_slugs():
    for slug in ("acme", "globex", "initech"):
        PublishedPostingFactory(title=slug, company=CompanyFactory(slug=slug, name=slug.title()))

    assert sorted(titles({"company": ["acme", "initech"]})) == ["acme", "initech"]


def test_location_filter_takes_several_and_lists_a_posting_once():
    paris, oslo, rome = (LocationFactory(city=c, region="", country="FR") for c in "POR")
    PublishedPostingFactory(title="Both", locations=[paris, oslo])
    PublishedPostingFactory(title="Rome only", locations=[rome])

    assert titles({"location": [paris.pk, oslo.pk]}) == ["Both"]


def test_work_arrangement_matches_postings_offering_any_chosen():
    PublishedPostingFactory(title="Remote", offers_onsite=False, offers_remote=True)
    PublishedPostingFactory(title="Hybrid", offers_onsite=False, offers_hybrid=True)
    PublishedPostingFactory(title="On-site")

    assert sorted(titles({"arrangement": ["remote", "hybrid"]})) == ["Hybrid", "Remote"]
    assert titles({"arrangement": "onsite"}) == ["On-site"]


def test_season_and_year_filters():
    next_year = timezone.localdate().year + 1
    PublishedPostingFactory(title="Summer next", season=Season.SUMMER, year=next_year)
    PublishedPostingFactory(title="Summer after", season=Season.SUMMER, year=next_year + 1)
    PublishedPostingFactory(title="Winter next", season=Season.WINTER, year=next_year)

    assert sorted(titles({"season": "summer"})) == ["Summer after", "Summer next"]
    assert sorted(titles({"year": str(next_year)})) == ["Summer next", "Winter next"]
    assert titles({"season": "summer", "year": str(next_year + 1)}) == ["Summer after"]


def test_degree_filter_matches_any_chosen_level():
    PublishedPostingFactory(title="Bachelor's", for_bachelors=True, for_phd=False)
    PublishedPostingFactory(title="PhD", for_phd=True)

    assert titles({"degree": "bachelors"}) == ["Bachelor's"]
    assert sorted(titles({"degree": ["bachelors", "phd"]})) == ["Bachelor's", "PhD"]


def test_research_area_filter_takes_several_slugs():
    nlp = ResearchAreaFactory(slug="nlp", name="NLP")
    vision = ResearchAreaFactory(slug="vision", name="Vision")
    PublishedPostingFactory(title="NLP and vision", research_areas=[nlp, vision])
    PublishedPostingFactory(title="Vision", research_areas=[vision])
    PublishedPostingFactory(title="Nothing")

    assert titles({"area": "nlp"}) == ["NLP and vision"]
    assert sorted(titles({"area": ["nlp", "vision"]})) == ["NLP and vision", "Vision"]


def test_min_pay_compares_hourly_monthly_and_yearly_pay_per_month():
    hourly = PublishedPostingFactory(title="$50 an hour")  # 50 * 2080 / 12 = 8,666.67 a month
    PayBandFactory(posting=hourly, minimum=40, maximum=50, period=PayPeriod.HOUR)
    yearly = PublishedPostingFactory(title="$120,000 a year")  # 10,000 a month
    PayBandFactory(posting=yearly, minimum=120000, maximum=120000, period=PayPeriod.YEAR)
    monthly = PublishedPostingFactory(title="$9,000 a month")
    PayBandFactory(posting=monthly, minimum=8000, maximum=9000, period=PayPeriod.MONTH)

    assert sorted(titles({"min_pay": "8600"})) == sorted(
        ["$50 an hour", "$120,000 a year", "$9,000 a month"]
    )
    assert sorted(titles({"min_pay": "8700"})) == ["$120,000 a year", "$9,000 a month"]
    assert titles({"min_pay": "9500"}) == ["$120,000 a year"]


def test_min_pay_counts_the_top_of_any_usd_range():
    posting = PublishedPostingFactory(title="Two offices")
    PayBandFactory(posting=posting, minimum=5000, maximum=6000, position=0)
    PayBandFactory(posting=posting, minimum=7000, maximum=9500, position=1)

    assert titles({"min_pay": "9500"}) == ["Two offices"]
    assert titles({"min_pay": "9500.01"}) == []


def test_min_pay_leaves_out_postings_without_pay_or_in_a_currency_without_a_rate():
    PublishedPostingFactory(title="No pay stated")
    euros = PublishedPostingFactory(title="Euros")
    PayBandFactory(posting=euros, minimum=9000, maximum=9000, currency="EUR")
    ExchangeRate.objects.filter(currency="EUR").delete()

    assert titles({"min_pay": "1"}) == []
    assert sorted(titles({"min_pay": ""})) == ["Euros", "No pay stated"]


def test_min_pay_and_the_pay_sort_compare_every_currency_in_us_dollars_a_month():
    euros = PublishedPostingFactory(title="€131,000 a year")  # 131,000 / 12 / 0.877 = 12,447.74
    PayBandFactory(
        posting=euros, minimum=131000, maximum=131000, currency="EUR", period=PayPeriod.YEAR
    )
    dollars = PublishedPostingFactory(title="$23.50 an hour")  # 23.50 * 2080 / 12 = 4,073.33
    PayBandFactory(posting=dollars, minimum=23.5, maximum=23.5, period=PayPeriod.HOUR)

    assert titles({"sort": "pay"}) == ["€131,000 a year", "$23.50 an hour"]
    assert titles({"min_pay": "12400"}) == ["€131,000 a year"]
    assert titles({"min_pay": "12500"}) == []


def test_min_pay_takes_an_hourly_or_a_yearly_amount():
    posting = PublishedPostingFactory(title="$9,000 a month")  # $51.92 an hour, $108,000 a year
    PayBandFactory(posting=posting, minimum=9000, maximum=9000)

    assert titles({"min_pay": "50", "min_pay_per": "hour"}) == ["$9,000 a month"]
    assert titles({"min_pay": "52", "min_pay_per": "hour"}) == []
    assert titles({"min_pay": "108000", "min_pay_per": "year"}) == ["$9,000 a month"]
    assert titles({"min_pay": "108001", "min_pay_per": "year"}) == []
    assert titles({"min_pay": "9000", "min_pay_per": "month"}) == ["$9,000 a month"]


def test_a_minimum_pay_chip_says_the_period_it_was_given_in():
    chips = PostingFilter({"min_pay": "25", "min_pay_per": "hour"}).active_filters()

    assert [chip.label for chip in chips] == ["Pays at least $25 an hour"]


def test_a_change_of_exchange_rate_changes_what_the_pay_filter_gives():
    euros = PublishedPostingFactory(title="€5,000 a month")
    PayBandFactory(posting=euros, minimum=5000, maximum=5000, currency="EUR")
    assert titles({"min_pay": "5500"}) == ["€5,000 a month"]  # at 0.877 a dollar: 5,701.25

    rate = ExchangeRate.objects.get(currency="EUR")
    rate.units_per_usd = Decimal("0.95")  # 5,263.16
    rate.save()

    assert titles({"min_pay": "5500"}) == []


def test_based_in_filters_on_who_may_apply():
    PublishedPostingFactory(title="US only", applicants_based_in="US")
    PublishedPostingFactory(title="Canada only", applicants_based_in="CA")
    PublishedPostingFactory(title="Anyone", applicants_based_in="")

    assert titles({"based_in": "US"}) == ["US only"]
    assert titles({"based_in": "ca"}) == ["Canada only"]
    assert titles({"based_in": "anywhere"}) == ["Anyone"]


def test_work_authorization_filter_takes_several_values():
    for value in WorkAuthorization.values:
        PublishedPostingFactory(title=value, work_authorization=value)

    chosen = ["sponsorship_offered", "not_stated"]
    assert sorted(titles({"authorization": chosen})) == chosen[::-1]


def test_posted_within_counts_back_from_today_and_skips_undated_postings():
    PublishedPostingFactory(title="3 days", posted_on=today() - timedelta(days=3))
    PublishedPostingFactory(title="7 days", posted_on=today() - timedelta(days=7))
    PublishedPostingFactory(title="20 days", posted_on=today() - timedelta(days=20))
    PublishedPostingFactory(title="60 days", posted_on=today() - timedelta(days=60))
    PublishedPostingFactory(title="Undated", posted_on=None)

    assert titles({"posted_within": "7"}) == ["3 days", "7 days"]
    assert titles({"posted_within": "30"}) == ["3 days", "7 days", "20 days"]
    assert len(titles({"posted_within": "90"})) == 4


def test_filters_combine_with_and_and_options_within_one_filter_with_or():
    nlp = ResearchAreaFactory(slug="nlp", name="NLP")
    PublishedPostingFactory(title="Match", for_phd=True, offers_remote=True, research_areas=[nlp])
    PublishedPostingFactory(title="Not remote", for_phd=True, research_areas=[nlp])
    PublishedPostingFactory(title="Not NLP", for_phd=True, offers_remote=True)
    PublishedPostingFactory(
        title="Master's", for_phd=False, for_masters=True, offers_remote=True, research_areas=[nlp]
    )

    data = {"degree": "phd", "arrangement": "remote", "area": "nlp"}
    assert titles(data) == ["Match"]
    assert sorted(titles({**data, "degree": ["phd", "masters"]})) == ["Master's", "Match"]


# Sorts


def test_newest_first_by_default_with_undated_postings_last():
    PublishedPostingFactory(title="Undated", posted_on=None)
    PublishedPostingFactory(title="Old", posted_on=today() - timedelta(days=40))
    PublishedPostingFactory(title="New", posted_on=today() - timedelta(days=1))

    assert titles({}) == ["New", "Old", "Undated"]
    assert titles({"sort": "newest"}) == ["New", "Old", "Undated"]


def test_highest_pay_sort_uses_the_monthly_equivalent_and_puts_unpaid_last():
    PublishedPostingFactory(title="No pay")
    hourly = PublishedPostingFactory(title="$60 an hour")  # 10,400 a month
    PayBandFactory(posting=hourly, minimum=60, maximum=60, period=PayPeriod.HOUR)
    monthly = PublishedPostingFactory(title="$10,000 a month")
    PayBandFactory(posting=monthly, minimum=10000, maximum=10000)
    yearly = PublishedPostingFactory(title="$90,000 a year")  # 7,500 a month
    PayBandFactory(posting=yearly, minimum=90000, maximum=90000, period=PayPeriod.YEAR)

    assert titles({"sort": "pay"}) == [
        "$60 an hour",
        "$10,000 a month",
        "$90,000 a year",
        "No pay",
    ]


def test_closing_soonest_sort_puts_undated_then_closed_postings_last():
    PublishedPostingFactory(title="No closing date")
    PublishedPostingFactory(title="In 20 days", closes_on=today() + timedelta(days=20))
    PublishedPostingFactory(title="In 2 days", closes_on=today() + timedelta(days=2))
    ClosedPostingFactory(title="Closed", closes_on=today() + timedelta(days=1))

    assert titles({"sort": "closing"}) == ["In 2 days", "In 20 days", "No closing date"]
    assert titles({"sort": "closing", "include_closed": "1"})[-1] == "Closed"


def test_best_match_is_the_default_with_words_and_newest_without():
    PublishedPostingFactory(title="Intern", team="Ranking", posted_on=today() - timedelta(days=1))
    PublishedPostingFactory(title="Ranking intern", posted_on=today() - timedelta(days=5))

    with_words = PostingFilter({"q": "ranking"})
    assert [p.title for p in with_words.qs] == ["Ranking intern", "Intern"]
    assert with_words.current_sort == "relevance"

    best_match_without_words = PostingFilter({"sort": "relevance"})
    assert [p.title for p in best_match_without_words.qs] == ["Intern", "Ranking intern"]
    assert best_match_without_words.current_sort == "newest"


def test_a_chosen_sort_replaces_best_match():
    PublishedPostingFactory(title="Intern", team="Ranking", posted_on=today())
    PublishedPostingFactory(title="Ranking intern", posted_on=today() - timedelta(days=5))

    assert titles({"q": "ranking", "sort": "newest"}) == ["Intern", "Ranking intern"]


# Chips


def test_active_filters_have_labels_and_links_that_drop_only_themselves(pinterest):
    filterset = PostingFilter(
        QueryDict("location=4&location=3&degree=phd&min_pay=9000&q=recommender&page=2")
    )

    chips = {(a.name, a.value): a for a in filterset.active_filters()}

    assert [chip.label for chip in chips.values()] == [
        "New York, NY",
        "Seattle, WA",
        "PhD",
        "Pays at least $9,000 a month",
        "“recommender”",
    ]
    assert chips[("location", "4")].remove_query == (
        "location=3&degree=phd&min_pay=9000&q=recommender"
    )
    assert chips[("q", "recommender")].group == "Words"


def test_the_feed_query_keeps_valid_filters_only():
    filterset = PostingFilter(
        QueryDict("season=monsoon&degree=phd&page=3&sort=pay&based_in=anywhere")
    )

    assert filterset.active_query() == "degree=phd&based_in=anywhere"


def test_status_is_not_a_filter_students_can_set():
    DraftPostingFactory(title="Draft")

    assert titles({"status": Status.DRAFT}) == []


def test_filter_forms_share_their_fields_and_do_not_change_them():
    CompanyFactory(slug="acme")
    first = PostingFilter({"company": "acme", "year": "2026"})
    second = PostingFilter({"company": "nobody", "year": "1999"})

    assert first.form.fields["company"] is second.form.fields["company"]
    assert [c.slug for c in first.cleaned_data.get("company", [])] == []  # no public posting
    assert "company" in second.errors and "year" in second.errors
    assert PostingFilter({"year": "2026"}).cleaned_data["year"] == 2026
