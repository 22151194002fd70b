"""The listing index answers exactly what the filters' SQL answers: counts, facets and order.

`PostingFilter` and the QuerySet methods it calls define what every filter and sort means; the
list page answers from the in-memory listing index. These tests run both over a seeded board
(drafts, closed postings, pay in several currencies and periods, many offices and areas) and
compare them for many filter combinations, every sort and every facet option.
"""

import random
from decimal import Decimal

import numpy
import pytest
from django.core.management import call_command
from django.utils import timezone

from jobboard.cache import invalidate_pages
from postings import demo, services
from postings.listing.counts import facet_counts
from postings.listing.facets import BY_NAME, FACETS, Choices, Column, Flags
from postings.listing.filterset import PostingFilter, Sort
from postings.listing.index import ListingIndex, current_index
from postings.listing.results import ListingResults
from postings.models import (
    LISTED_FIELDS,
    Company,
    ExchangeRate,
    Location,
    PayBand,
    Posting,
    ResearchArea,
    open_for_applications_condition,
)
from tests.factories import (
    CategoryFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    RequirementFactory,
    ResearchAreaFactory,
)
from tests.pages import page_of

pytestmark = pytest.mark.django_db

# Values to try for the facets whose options are typed or present on postings, not listed.
TYPED_VALUES = {
    "year": lambda board: board["year"],
    "based_in": lambda board: ["anywhere", "US", "gb"],
    "min_pay": lambda board: ["1000", "6500.50"],
}


def facet_options(board):
    """Values to choose for every declared facet: its listed choices, the public postings'
    companies, places and areas, or typed values."""
    options = {}
    for facet in FACETS:
        if isinstance(facet.options, Choices):
            options[facet.name] = [str(value) for value, _ in facet.options.choices]
        elif facet.name in TYPED_VALUES:
            options[facet.name] = TYPED_VALUES[facet.name](board)
        else:
            options[facet.name] = board[facet.name]
    return options


@pytest.fixture
def board():
    call_command("loaddata", "pinterest", verbosity=0)
    demo.seed(postings=160, seed=7, today=timezone.localdate())
    invalidate_pages()
    public = Posting.objects.publicly_visible()
    return {
        "company": list(
            Company.objects.filter(postings__in=public).distinct().values_list("slug", flat=True)
        ),
        "location": [
            str(pk)
            for pk in Location.objects.filter(postings__in=public)
            .distinct()
            .values_list("pk", flat=True)
        ],
        "area": list(
            ResearchArea.objects.filter(postings__in=public)
            .distinct()
            .values_list("slug", flat=True)
        ),
        "year": sorted({str(year) for year in public.values_list("year", flat=True)}),
    }


def combinations(board, count=14, seed=3):
    """Hand-picked filter combinations, then random ones (the same ones every run)."""
    picked = [
        {},
        {"include_closed": "1"},
        {"q": "learning"},
        {"q": "recommender", "sort": "pay"},
        {"min_pay": "4000"},
        {"degree": ["phd", "masters"], "arrangement": "remote"},
        {"based_in": "anywhere", "posted_within": "90"},
        {"based_in": "us", "include_closed": "1", "sort": "closing"},
        {"company": board["company"][:2], "sort": "closing"},
        {"location": board["location"][:3], "area": board["area"][:2], "sort": "pay"},
    ]
    rng = random.Random(seed)
    options = {
        **facet_options(board),
        "q": ["vision", "language models", '"machine learning" -ranking', "ads or graph"],
        "sort": Sort.values,
        "include_closed": ["1"],
    }
    # Every declared facet at least once, alone, with its last option.
    picked += [{facet.name: options[facet.name][-1]} for facet in FACETS]
    for _ in range(count):
        params = {}
        for name in rng.sample(sorted(options), rng.randint(1, 4)):
            values = options[name]
            if name in BY_NAME and BY_NAME[name].multiple:
                params[name] = rng.sample(values, min(len(values), rng.randint(1, 3)))
            else:
                params[name] = rng.choice(values)
        picked.append(params)
    return picked


def test_the_combinations_try_every_declared_facet(board):
    tried = {name for params in combinations(board) for name in params}

    assert {facet.name for facet in FACETS} <= tried


def sql_ids(params):
    return list(PostingFilter(params).qs.values_list("pk", flat=True))


def index_ids(params):
    results = ListingResults(PostingFilter(params))
    return results.postings.ids.tolist(), results.count


def test_every_combination_gives_the_same_postings_in_the_same_order(board):
    for params in combinations(board):
        expected = sql_ids(params)
        ids, count = index_ids(params)
        assert count == len(expected), params
        assert ids == expected, params


def test_every_facet_option_counts_what_choosing_it_would_give(board):
    for params in combinations(board, count=8, seed=11):
        facets = facet_counts(ListingResults(PostingFilter(params)))
        for name, facet in facets.items():
            for option in facet.options:
                assert option.count == expected_count(params, name, option.value), (
                    params,
                    name,
                    option.value,
                )


def expected_count(params, name, value):
    """How many postings the SQL filters give with `value` as the only choice of `name`."""
    if name == "include_closed":
        widened = PostingFilter({**params, "include_closed": "1"}).qs
        return widened.exclude(open_for_applications_condition()).count()
    return PostingFilter({**params, name: value}).qs.count()


def test_company_location_and_area_options_are_those_on_public_postings(board):
    facets = facet_counts(ListingResults(PostingFilter({})))

    for name in ("company", "location", "area"):
        assert sorted(option.value for option in facets[name].options) == sorted(board[name])


def test_a_page_reads_only_its_own_rows_in_order(board, django_assert_num_queries):
    results = ListingResults(PostingFilter({"sort": "pay"}))
    expected = sql_ids({"sort": "pay"})

    with django_assert_num_queries(3):  # the rows, then their locations and pay bands
        page = results.postings[20:40]

    assert [posting.pk for posting in page] == expected[20:40]


def test_a_posting_unpublished_since_the_index_was_built_is_left_off_its_page(board):
    results = ListingResults(PostingFilter({}))
    first = results.postings[0:5]
    Posting.objects.filter(pk=first[0].pk).update(status="draft")

    assert [posting.pk for posting in results.postings[0:5]] == [p.pk for p in first[1:]]


def test_the_index_is_read_again_after_a_posting_is_added(db):
    first = PublishedPostingFactory()
    assert current_index.get().ids.tolist() == [first.pk]

    second = PublishedPostingFactory()  # the save changes the listing generation

    assert sorted(current_index.get().ids.tolist()) == sorted([first.pk, second.pk])


def edit_and_save(posting, **changes):
    posting = Posting.objects.get(pk=posting.pk)  # as the admin loads it
    for name, value in changes.items():
        setattr(posting, name, value)
    services.posting_save(posting=posting)


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "closed"},
        {"season": "fall"},
        {"year": 2030},
        {"for_masters": True},
        {"offers_remote": True},
        {"closes_on": timezone.localdate()},
        {"applicants_based_in": "CA"},
        {"work_authorization": "no_sponsorship"},
    ],
)
def test_a_change_to_what_list_pages_count_reads_the_index_again(db, changes):
    posting = PublishedPostingFactory()
    index = current_index.get()

    edit_and_save(posting, **changes)

    assert current_index.get() is not index


def raise_pay(posting):
    band = PayBand.objects.filter(posting=posting).first()
    band.maximum += 1000
    band.save()


def test_the_index_is_read_again_after_a_change_of_pay_place_or_area(db):
    posting = PublishedPostingFactory()
    for change in (
        lambda: PayBandFactory(posting=posting),
        lambda: raise_pay(posting),
        lambda: PayBand.objects.filter(posting=posting).first().delete(),
        lambda: posting.locations.add(LocationFactory()),
        lambda: posting.research_areas.add(ResearchAreaFactory()),
        lambda: Company.objects.filter(pk=posting.company_id).get().save(),
        lambda: Posting.objects.get(pk=posting.pk).delete(),
    ):
        index = current_index.get()
        change()
        assert current_index.get() is not index


def test_a_change_of_exchange_rate_reads_the_index_again_and_reorders_pay(client):
    euros = PublishedPostingFactory(title="Euro Intern")
    PayBandFactory(posting=euros, minimum=5000, maximum=5000, currency="EUR")  # $5,701.25
    dollars = PublishedPostingFactory(title="Dollar Intern")
    PayBandFactory(posting=dollars, minimum=5500, maximum=5500)
    assert index_ids({"sort": "pay"})[0] == [euros.pk, dollars.pk]

    rate = ExchangeRate.objects.get(currency="EUR")
    rate.units_per_usd = Decimal("0.95")  # now $5,263.16
    rate.save()

    assert index_ids({"sort": "pay"})[0] == [dollars.pk, euros.pk]
    assert index_ids({"min_pay": "5500"})[0] == [dollars.pk]


def test_editing_a_postings_texts_keeps_the_index_and_shows_at_once(client):
    posting = PublishedPostingFactory(title="Ranking Intern", summary="Old.")
    RequirementFactory(posting=posting, text="Python")
    band = PayBandFactory(posting=posting)
    assert "Ranking Intern" in client.get("/").content.decode()
    index = current_index.get()

    edit_and_save(posting, title="Vision Intern", summary="New.", note_to_applicants="Hi")
    RequirementFactory(posting=posting, text="Rust")
    posting.categories.add(CategoryFactory())
    PayBand.objects.get(pk=band.pk).save()  # saved unchanged, as history baselines are

    assert current_index.get() is index
    assert "Vision Intern" in client.get("/").content.decode()  # the page cache was emptied
    assert "Rust" in client.get(posting.get_absolute_url()).content.decode()


def test_the_index_reads_only_listed_fields_of_a_posting(db):
    read = {"id", "status", "closes_on", "posted_on", "created_at"}
    for facet in FACETS:
        if isinstance(facet.reads, Column):
            read.add(facet.reads.column)
        elif isinstance(facet.reads, Flags):
            read |= set(facet.reads.columns.values())
    assert read - {"id"} <= set(LISTED_FIELDS)


def test_the_same_index_serves_requests_until_something_changes(db):
    PublishedPostingFactory()
    index = current_index.get()

    assert current_index.get() is index


def test_an_empty_board_has_an_empty_index(db):
    index = ListingIndex.build()

    assert index.size == 0
    results = ListingResults(PostingFilter({"q": "vision", "sort": "pay"}), index)
    assert results.count == 0
    assert results.postings[0:20] == []
    assert all(
        option.count == 0 for facet in facet_counts(results).values() for option in facet.options
    )


def assert_same_index(updated, built):
    """Two indexes answer alike: the same postings in the same order with the same values."""
    assert updated.ids.tolist() == built.ids.tolist()
    for name in ("open", "date_posted", "_closes_on", "by_pay", "by_closing"):
        assert getattr(updated, name).tolist() == getattr(built, name).tolist(), name
    assert numpy.allclose(updated.top_pay, built.top_pay, equal_nan=True, rtol=0, atol=0)
    assert updated.values == built.values
    assert updated.labels == built.labels
    for facet in built.codes:
        assert updated.codes[facet].tolist() == built.codes[facet].tolist(), facet
    for facet, flags in built.flags.items():
        for value, flag in flags.items():
            assert updated.flags[facet][value].tolist() == flag.tolist(), (facet, value)
    for facet, (positions, linked) in built.links.items():
        updated_positions, updated_linked = updated.links[facet]
        assert sorted(zip(updated_positions.tolist(), updated_linked.tolist(), strict=True)) == (
            sorted(zip(positions.tolist(), linked.tolist(), strict=True))
        ), facet


def full_reads(monkeypatch):
    """A list that grows by one each time the index is read whole."""
    reads = []
    build = ListingIndex.build.__func__

    def counted(cls, today=None, *, only_ids=None):
        if only_ids is None:
            reads.append(today)
        return build(cls, today, only_ids=only_ids)

    monkeypatch.setattr(ListingIndex, "build", classmethod(counted))
    return reads


def test_a_recruiters_save_updates_the_index_in_place_as_a_full_read_would(board, monkeypatch):
    posting = Posting.objects.publicly_visible().order_by("pk").last()
    other = Posting.objects.publicly_visible().order_by("pk").first()
    new_company = Company.objects.create(name="Aardvark Labs", slug="aardvark")
    new_place = LocationFactory(city="Zzyzx", region="CA")
    new_area = ResearchAreaFactory(slug="aaa-new", name="AAA new area")
    current_index.get()
    read_whole = ListingIndex.build
    reads = full_reads(monkeypatch)
    for change in (
        lambda: edit_and_save(posting, season="fall", year=2031, applicants_based_in="NZ"),
        lambda: edit_and_save(posting, company_id=new_company.pk),
        lambda: posting.locations.add(new_place),
        lambda: posting.research_areas.add(new_area),
        lambda: other.research_areas.add(new_area),
        lambda: PayBandFactory(posting=posting, minimum=9000, maximum=99000, currency="EUR"),
        lambda: edit_and_save(other, status="closed"),
        lambda: edit_and_save(other, status="draft"),
        lambda: PublishedPostingFactory(company=new_company, locations=[new_place]),
        lambda: Posting.objects.get(pk=posting.pk).delete(),
    ):
        change()
        updated = current_index.get()
        assert_same_index(updated, read_whole())
    assert reads == []


def test_a_page_rendered_after_a_write_shows_it_and_the_cache_keeps_no_stale_page(client):
    posting = PublishedPostingFactory(title="Ranking Intern", season="summer")
    PublishedPostingFactory(title="Vision Intern", season="summer")
    url = "/?season=fall"
    assert "Ranking Intern" not in page_of(client, url)
    assert client.get(url)["X-Cache"] == "HIT"

    edit_and_save(posting, season="fall")

    after = client.get(url)
    assert after["X-Cache"] == "MISS"
    assert "Ranking Intern" in after.content.decode()
    cached = client.get(url)
    assert cached["X-Cache"] == "HIT"
    assert "Ranking Intern" in cached.content.decode()
    assert "Vision Intern" not in cached.content.decode()


def test_a_change_naming_no_postings_reads_the_index_whole(db, monkeypatch):
    posting = PublishedPostingFactory()
    current_index.get()
    reads = full_reads(monkeypatch)

    Company.objects.filter(pk=posting.company_id).get().save()
    current_index.get()

    assert len(reads) == 1
