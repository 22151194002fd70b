"""When a posting stops taking applications, and how every page says so.

A posting is open while it is published and its closing date has not passed or, when it gives
none, its internship has not started (postings/seasons.py). The database, the listing index and
a posting in hand answer this from one definition; these tests hold them to the same answers.
"""

import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from postings.listing.index import ListingIndex
from postings.models import ClosedReason, Posting, Season
from tests.factories import ClosedPostingFactory, DraftPostingFactory, PublishedPostingFactory
from tests.pages import page_of, text_of

pytestmark = pytest.mark.django_db

FALL = "/internships/pinterest/2025-fall-machine-learning-intern/"
PHD = "/internships/pinterest/phd-machine-learning-internship-2026-usa/"
# The day this change was made: both real internships had started.
NOV_28_2026 = datetime(2026, 11, 28, 12, tzinfo=UTC)
# The real postings' first week on the board: the Fall 2025 internship had started on
# 1 September, the PhD (Summer 2026) one takes applications until 1 May 2026.
OCT_1_2025 = datetime(2025, 10, 1, 12, tzinfo=UTC)


def listed_titles(html):
    return re.findall(r'class="card__title"[^>]*><a [^>]*>([^<]+)</a>', html)


def every_answer(today):
    """{posting id: is it open?} as the posting itself, the database and the index say."""
    postings = list(Posting.objects.all())
    in_hand = {p.pk: p.is_open_for_applications(today) for p in postings}
    in_database = {p.pk: False for p in postings}
    in_database.update(
        dict.fromkeys(
            Posting.objects.open_for_applications(today).values_list("pk", flat=True), True
        )
    )
    index = ListingIndex.build(today)
    in_index = {p.pk: False for p in postings}
    in_index.update(zip(index.ids.tolist(), index.open.tolist(), strict=True))
    return in_hand, in_database, in_index


def test_without_a_closing_date_a_posting_is_open_until_its_internship_starts():
    posting = PublishedPostingFactory(season=Season.SUMMER, year=2027, closes_on=None)

    assert posting.starts_on == date(2027, 5, 1)
    for day, is_open in [(date(2027, 4, 30), True), (date(2027, 5, 1), False)]:
        for answers in every_answer(day):
            assert answers[posting.pk] is is_open, (day, answers)
    assert posting.closed_reason(date(2027, 5, 1)) == ClosedReason.INTERNSHIP_STARTED


def test_a_closing_date_decides_alone_when_there_is_one():
    posting = PublishedPostingFactory(
        season=Season.SUMMER,
        year=2027,
        posted_on=date(2027, 3, 1),
        closes_on=date(2027, 5, 15),
    )

    for day, is_open in [
        (date(2027, 5, 2), True),  # the internship has started, applications still run
        (date(2027, 5, 15), True),
        (date(2027, 5, 16), False),
    ]:
        for answers in every_answer(day):
            assert answers[posting.pk] is is_open, (day, answers)
    assert posting.closed_reason(date(2027, 5, 16)) == ClosedReason.CLOSING_DATE_PASSED


def test_the_posting_the_database_and_the_listing_index_agree_on_every_kind_of_posting():
    today = timezone.localdate()
    last_year, next_year = today.year - 1, today.year + 1
    PublishedPostingFactory(year=next_year)
    PublishedPostingFactory(year=last_year)
    PublishedPostingFactory(year=last_year, closes_on=today)
    PublishedPostingFactory(year=next_year, closes_on=today - timedelta(days=1))
    PublishedPostingFactory(posted_on=today, closes_on=today + timedelta(days=3))
    ClosedPostingFactory(year=next_year)
    ClosedPostingFactory(year=last_year)
    DraftPostingFactory(year=next_year)
    # Starts in December of next year.
    PublishedPostingFactory(season=Season.WINTER, year=today.year + 2, start_window="December")

    in_hand, in_database, in_index = every_answer(today)

    assert in_hand == in_database
    # The index holds public postings only; a draft it does not know is not open there either.
    assert in_index == in_database
    assert sum(in_hand.values()) == 4


def test_every_published_posting_is_either_open_or_has_a_reason_to_be_closed():
    today = timezone.localdate()
    for year in (today.year - 1, today.year + 1):
        for closes_on in (None, today - timedelta(days=1), today, today + timedelta(days=30)):
            posting = PublishedPostingFactory(year=year, posted_on=None, closes_on=closes_on)
            assert posting.is_open_for_applications(today) is (posting.closed_reason(today) is None)


def test_the_start_date_follows_every_save_of_season_year_and_start_window():
    posting = DraftPostingFactory(season=Season.FALL, year=2027)
    assert posting.starts_on == date(2027, 9, 1)

    posting.start_window = "August or September"
    posting.save()
    assert Posting.objects.get(pk=posting.pk).starts_on == date(2027, 8, 1)

    posting.season, posting.year, posting.start_window = Season.WINTER, 2028, "December"
    posting.save(update_fields=["season", "year", "start_window"])
    assert Posting.objects.get(pk=posting.pk).starts_on == date(2027, 12, 1)


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_postings_their_start_and_first_published_dates():
    executor = MigrationExecutor(connection)
    executor.migrate([("postings", "0004_drop_posting_open_facets")])
    old_apps = executor.loader.project_state([("postings", "0004_drop_posting_open_facets")]).apps
    Company = old_apps.get_model("postings", "Company")
    OldPosting = old_apps.get_model("postings", "Posting")
    company = Company.objects.create(name="Old Co", slug="old-co")
    published = OldPosting.objects.create(
        company=company, title="A", slug="a", season="summer", year=2026,
        start_window="June", status="published", posted_on=date(2025, 10, 1),
        for_phd=True, offers_onsite=True,
    )  # fmt: skip
    draft = OldPosting.objects.create(
        company=company, title="B", slug="b", season="winter", year=2027, status="draft"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    published, draft = Posting.objects.get(pk=published.pk), Posting.objects.get(pk=draft.pk)
    assert published.starts_on == date(2026, 6, 1)
    assert published.first_published_on == published.created_at.date()
    assert published.date_posted == date(2025, 10, 1)
    assert (draft.starts_on, draft.first_published_on, draft.date_posted) == (
        date(2027, 1, 1),
        None,
        None,
    )


# The real postings, on the day this was written and in their first week


def test_when_both_real_internships_have_started_the_list_offers_the_closed_ones(
    client, pinterest, time_machine
):
    time_machine.move_to(NOV_28_2026, tick=False)

    html = page_of(client, "/")

    assert listed_titles(html) == []
    assert 'role="status"><strong>No open internships</strong>' in html
    assert "No open internships right now" in text_of(html)
    assert '<a class="button" href="/?include_closed=1">See the 2 closed internships</a>' in html
    closed = page_of(client, "/?include_closed=1")
    assert sorted(listed_titles(closed)) == sorted(
        ["2025 Fall Machine Learning Intern", "PhD Machine Learning Internship 2026 (USA)"]
    )
    assert text_of(closed).count("Closed: the internship has started") == 2


def test_a_started_internships_page_says_so_and_carries_no_job_posting_data(
    client, pinterest, time_machine
):
    time_machine.move_to(NOV_28_2026, tick=False)

    for url in (FALL, PHD):
        html = page_of(client, url)
        text = text_of(html)
        assert "Closed: this internship no longer takes applications." in text
        assert "The internship has started." in text
        assert "application/ld+json" not in html
        assert '<meta name="robots" content="noindex">' in html


def test_started_internships_leave_the_sitemap_and_the_feeds(client, pinterest, time_machine):
    time_machine.move_to(NOV_28_2026, tick=False)

    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/internships/" not in sitemap
    assert "/companies/pinterest/" not in sitemap
    assert "<item>" not in client.get("/feeds/rss/").content.decode()


def test_in_their_first_week_only_the_fall_internship_had_started(client, pinterest, time_machine):
    time_machine.move_to(OCT_1_2025, tick=False)

    assert listed_titles(page_of(client, "/")) == ["PhD Machine Learning Internship 2026 (USA)"]
    assert "The internship has started." in text_of(page_of(client, FALL))
    phd = page_of(client, PHD)
    assert "notice--closed" not in phd
    assert json.loads(re.search(r"ld\+json\">(.*?)</script>", phd, re.S).group(1))["title"]


def test_the_company_page_without_open_internships_points_to_its_closed_ones(
    client, pinterest, time_machine
):
    time_machine.move_to(NOV_28_2026, tick=False)

    html = page_of(client, "/companies/pinterest/")

    assert "Pinterest has no open internships on the board right now." in text_of(html)
    assert '<a href="#closed-internships">Its 2 closed internships</a> stay below' in html
    assert 'id="closed-internships"' in html
