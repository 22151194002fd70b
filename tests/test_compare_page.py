"""The compare page puts two to four postings side by side and explains what it cannot compare."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from postings.models import ExchangeRate, PayPeriod
from tests.factories import (
    ClosedPostingFactory,
    CompanyFactory,
    DraftPostingFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    ResearchAreaFactory,
)
from tests.pages import page_of, text_of

pytestmark = pytest.mark.django_db


def compare_url(*postings):
    return "/compare/?" + "&".join(
        f"posting={getattr(posting, 'pk', posting)}" for posting in postings
    )


def table_rows(html):
    """{row label: (whether it is marked as differing, [cell texts])} of the compare table."""
    rows = {}
    for row in re.findall(
        r"<tr(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", html, re.S)[1], re.S
    ):
        header = re.search(r"<th scope=\"row\">(.*?)</th>", row, re.S)[1]
        label = text_of(header).removesuffix(" differs")
        cells = [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[label] = ("compare-table__differs" in row.split(">")[0], cells)
    return rows


def column_titles(html):
    return [text_of(t) for t in re.findall(r'<th scope="col"[^>]*>\s*<a [^>]*>(.*?)</a>', html)]


@pytest.fixture
def euro_and_dollar_postings():
    london = LocationFactory(city="London", region="", country="GB")
    austin = LocationFactory(city="Austin", region="TX", country="US")
    vision = ResearchAreaFactory(name="Computer vision", slug="computer-vision")
    euro = PublishedPostingFactory(
        title="Vision Intern", company=CompanyFactory(name="Eurolab"), locations=[london],
        research_areas=[vision], team="Perception", duration_weeks=10,
    )  # fmt: skip
    PayBandFactory(
        posting=euro, minimum=Decimal("131000"), maximum=Decimal("131000"),
        currency="EUR", period=PayPeriod.YEAR,
    )  # fmt: skip
    dollar = PublishedPostingFactory(
        title="Ranking Intern", company=CompanyFactory(name="Dollarco"), locations=[austin],
        team="Search", duration_weeks=12,
    )  # fmt: skip
    PayBandFactory(
        posting=dollar, minimum=Decimal("23.50"), maximum=Decimal("23.50"),
        currency="USD", period=PayPeriod.HOUR,
    )  # fmt: skip
    return euro, dollar


def test_two_postings_are_compared_column_by_column_with_pay_in_us_dollars_a_month(
    client, euro_and_dollar_postings
):
    euro, dollar = euro_and_dollar_postings
    html = page_of(client, compare_url(euro, dollar))
    assert column_titles(html) == ["Vision Intern", "Ranking Intern"]
    rows = table_rows(html)
    assert rows["Pay as posted"] == (True, ["€131,000 / year", "$23.50 / hour"])
    # 131,000 EUR a year at 0.877 EUR to the dollar is $12,448 a month; $23.50 an hour, $4,073.
    assert rows["US dollars a month"][1] == ["≈ $12,448 Highest pay", "≈ $4,073"]
    assert rows["Total for the internship"][1] == ["≈ $28,726", "≈ $11,280"]
    assert rows["Per hour"][1] == ["≈ $71.81", "$23.50"]
    assert rows["Locations"][1] == ["London, United Kingdom", "Austin, TX, United States"]
    assert rows["Research areas"][1] == ["Computer vision", "Not stated"]
    assert rows["Team"][1] == ["Perception", "Search"]
    assert "1 US dollar = 0.877 EUR (rate of 2 June 2025)" in text_of(html)


def test_rows_where_the_postings_agree_are_not_marked_as_differing(
    client, euro_and_dollar_postings
):
    rows = table_rows(page_of(client, compare_url(*euro_and_dollar_postings)))
    assert rows["Season"][0] is False
    assert rows["Degree levels"] == (False, ["PhD", "PhD"])
    assert rows["Duration"] == (True, ["10 weeks", "12 weeks"])


def test_the_best_pay_is_marked_only_in_its_own_column(client, euro_and_dollar_postings):
    html = page_of(client, compare_url(*euro_and_dollar_postings))
    assert html.count("compare-table__best") == 1
    assert html.count("Highest pay</strong>") == 1


def test_pay_bands_for_different_offices_name_their_office(client):
    seattle, remote_city = (
        LocationFactory(city="Seattle", region="WA"),
        LocationFactory(city="Boise", region="ID"),
    )
    posting = PublishedPostingFactory(locations=[seattle, remote_city])
    PayBandFactory(posting=posting, minimum=9000, maximum=9000, location=seattle)
    PayBandFactory(posting=posting, minimum=7000, maximum=7000, location=remote_city)
    other = PublishedPostingFactory()
    rows = table_rows(page_of(client, compare_url(posting, other)))
    assert rows["Pay as posted"][1][0] == "Seattle: $9,000 / month Boise: $7,000 / month"
    assert rows["US dollars a month"][1] == ["Seattle: $9,000 Boise: $7,000", "Not stated"]


def test_unknown_ids_drafts_and_junk_are_named_and_the_rest_compared(client):
    first, second = PublishedPostingFactory(), PublishedPostingFactory()
    draft = DraftPostingFactory(title="Secret Draft Intern")
    html = page_of(client, f"{compare_url(first, 999999, draft, second)}&posting=abc")
    assert column_titles(html) == [first.title, second.title]
    text = text_of(html)
    assert "No internship on the board has the number 999999" in text
    assert f"No internship on the board has the number {draft.pk}" in text
    assert "“abc” is not an internship's number." in text
    assert "Secret Draft Intern" not in text


def test_a_closed_posting_is_compared_and_said_to_be_closed(client):
    closed = ClosedPostingFactory(title="Old Intern", company=CompanyFactory(name="Oldco"))
    html = page_of(client, compare_url(closed, PublishedPostingFactory()))
    assert "Old Intern" in column_titles(html)
    assert "Old Intern (Oldco): Oldco closed this posting to applications." in text_of(html)


def test_more_than_four_are_cut_to_the_first_four_and_the_rest_named(client):
    postings = [PublishedPostingFactory(title=f"Intern number {n}") for n in range(6)]
    html = page_of(client, compare_url(*postings))
    assert column_titles(html) == [f"Intern number {n}" for n in range(4)]
    assert "At most 4 internships can be compared at once, so these were left out: " \
        "Intern number 4 (" in text_of(html)  # fmt: skip


def test_a_query_naming_more_than_twenty_says_the_rest_were_not_read(client):
    postings = [PublishedPostingFactory() for _ in range(2)]
    html = page_of(client, compare_url(*postings, *range(900001, 900025)))
    assert "Only the first 20 internships asked for were read; 6 more were not." in text_of(html)


@pytest.mark.parametrize("query", ["", "?posting=", "?posting=1", "?posting=-1&posting=%00"])
def test_fewer_than_two_postings_explain_how_to_choose(client, query):
    text = text_of(page_of(client, f"/compare/{query}"))
    assert "internships to compare" in text or "one more internship to compare" in text
    assert "Tick “Compare”" in text


def test_one_posting_named_twice_is_one_column(client):
    posting = PublishedPostingFactory()
    html = page_of(client, compare_url(posting, posting))
    assert column_titles(html) == [posting.title]
    assert "Choose at least one more internship to compare" in text_of(html)


def test_each_column_links_to_the_comparison_without_it(client, euro_and_dollar_postings):
    euro, dollar = euro_and_dollar_postings
    third = PublishedPostingFactory()
    html = page_of(client, compare_url(euro, dollar, third))
    assert f'href="/compare/?posting={dollar.pk}&amp;posting={third.pk}"' in html


def test_the_page_answers_in_a_fixed_number_of_queries(
    client, euro_and_dollar_postings, django_assert_max_num_queries
):
    more = [PublishedPostingFactory(research_areas=[ResearchAreaFactory()]) for _ in range(2)]
    with django_assert_max_num_queries(10):
        page_of(client, compare_url(*euro_and_dollar_postings, *more))


def test_a_new_exchange_rate_empties_the_cached_compare_page(
    client, settings, euro_and_dollar_postings
):
    settings.PAGE_CACHE_SECONDS = 300
    url = compare_url(*euro_and_dollar_postings)
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    rate = ExchangeRate.objects.get(currency="EUR")
    rate.units_per_usd = Decimal("0.9")
    rate.as_of = timezone.localdate() - timedelta(days=1)
    rate.save()
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "1 US dollar = 0.9 EUR" in text_of(response.content.decode())


# Choosing what to compare


def test_every_card_on_the_list_has_a_compare_box_belonging_to_the_compare_form(client):
    postings = [PublishedPostingFactory() for _ in range(3)]
    html = page_of(client, "/")
    assert '<form id="compare-form" class="compare-bar" method="get" action="/compare/"' in html
    for posting in postings:
        assert (
            f'<input type="checkbox" name="posting" value="{posting.pk}" form="compare-form">'
            in html
        )


def test_a_posting_page_compares_itself_with_the_similar_postings_ticked(client):
    area = ResearchAreaFactory()
    posting = PublishedPostingFactory(research_areas=[area])
    similar = PublishedPostingFactory(research_areas=[area])
    html = page_of(client, posting.get_absolute_url())
    form = re.search(r'<form id="compare-form".*?</form>', html, re.S)[0]
    assert f'<input type="hidden" name="posting" value="{posting.pk}">' in form
    assert f'value="{similar.pk}" form="compare-form"' in html
    # What the form sends when the similar posting is ticked:
    html = page_of(client, compare_url(posting, similar))
    assert column_titles(html) == [posting.title, similar.title]


def test_a_company_page_offers_the_compare_form(client):
    posting = PublishedPostingFactory()
    html = page_of(client, posting.company.get_absolute_url())
    assert 'id="compare-form"' in html
    assert f'value="{posting.pk}" form="compare-form"' in html
