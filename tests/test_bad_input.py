"""Whatever a query string holds, student pages answer without an error and say what they ignored.

Property-based (Hypothesis, see tests/bad_input.py): any values, repeats and combinations of
every parameter of the list page, its RSS and Atom feeds, a company page and a posting page,
plus unknown parameters and malformed query strings, on one seeded board per module. The values
of earlier bugs stay as explicit examples.
"""

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from jobboard.cache import invalidate_pages
from postings import demo
from postings.compare import MAX_COMPARED
from postings.feeds import FEED_LENGTH, PostingFeed
from postings.listing.filterset import PostingFilter
from postings.listing.results import ListingResults
from postings.models import DegreeLevel, Posting, Season, WorkArrangement
from students.eligibility import AboutMe
from students.models import NOTE_LIMIT, SavedInternship
from students.models import Status as SavedStatus
from tests.bad_input import (
    COMPARE_PARAMETERS,
    JUNK,
    NO_PARAMETERS,
    PARAMETERS,
    answered_query,
    assert_no_markup_from_the_query,
    fetch,
    page_survives_any_query,
    queries,
    query_dict,
    values,
)
from tests.pages import text_of

ATOM = "{http://www.w3.org/2005/Atom}"
# Searches without a searchable word: each gave a 500 on SQLite and "0 internships" on
# PostgreSQL (issue 12); "the" is a stop word, dropped by full-text search.
NO_WORDS = ['"', "-", "or", "%", "*", "{}", "💥", "\u202e", "the"]

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def board(django_db_setup, django_db_blocker):
    """The real postings and 120 demo ones, seeded once for the module and rolled back after."""
    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    with (
        django_db_blocker.unblock(),
        override_settings(CACHES={"default": memory, "page_generation": memory}),
        transaction.atomic(),
    ):
        call_command("loaddata", "pinterest", verbosity=0)
        demo.seed(postings=120, seed=12, today=timezone.localdate())
        invalidate_pages()
        posting = Posting.objects.publicly_visible().select_related("company").first()
        yield {"posting": posting, "company": posting.company}
        transaction.set_rollback(True)


def error_notice(html):
    """The text of the notice above the results that lists the filters not used."""
    match = re.search(r'<div class="notice notice--warning filter-errors">(.*?)</div>', html, re.S)
    return text_of(match.group(1)) if match else ""


# The list page


@given(query=queries(PARAMETERS))
@example(query="")
@example(query="degree=masters&min_pay=abc&season=monsoon&location=abc&based_in=USA")
@example(query="q=" + "a" * 10_000)
@example(query="year=99999999999999999999&location=99999999999999999999999")
@example(query="area=%00&q=%00&company=%00&location=%00&season=%00&year=%00")
@example(query="location=1%27%20OR%20%271%27=%271&q=%27%3B%20DROP%20TABLE%20x%3B--")
@example(query="page=0&sort=%3Cscript%3E&based_in=%3Cb%3E")
@example(query="q=vision&q=%25&sort=relevance&sort=pay&include_closed=1&include_closed=0")
@example(query="q=%E2%80%AE")  # a right-to-left override alone
def test_the_list_page_answers_any_query_and_says_what_it_ignored(client, board, query):
    response = fetch(client, "/", query)
    html = response.content.decode()
    query = answered_query(response)
    filterset = PostingFilter(query_dict(query))
    expected = list(filterset.qs.values_list("pk", flat=True))
    results = ListingResults(PostingFilter(query_dict(query)))

    assert response.status_code == 200
    assert_no_markup_from_the_query(html)
    # The listing index and the SQL filters give the same postings, count and order.
    assert results.count == len(expected)
    assert results.postings.ids.tolist() == expected
    assert f"{len(expected)} internship" in text_of(html)
    # Each value not used is named above the results, with the reason.
    notice = error_notice(html)
    for name, errors in filterset.errors.items():
        assert str(filterset.form.fields[name].label) in notice, name
        for message in errors:
            assert " ".join(unescape(message).split()) in notice, (name, message)
    if not filterset.errors:
        assert notice == ""
    # And is ignored: the page gives what the query without it gives.
    valid_only = query_dict(query).copy()
    for name in filterset.errors:
        del valid_only[name]
    assert list(PostingFilter(valid_only).qs.values_list("pk", flat=True)) == expected


@pytest.mark.parametrize("words", NO_WORDS)
def test_a_search_without_searchable_words_shows_every_posting_and_says_so(client, board, words):
    everything = fetch(client, "/", "degree=phd").content.decode()
    response = fetch(client, "/", f"degree=phd&q={words}")
    html = response.content.decode()

    assert response.status_code == 200
    count = re.search(r"(\d+) internships?", text_of(everything)).group(0)
    assert count in text_of(html)
    # Not a search: the title is the plain count, and no "Words" chip.
    assert re.search(r"<title>\d+ internships? \(filtered\)", html)
    assert 'chip__group">Words:' not in html
    # Next to the search box and above the results.
    box = re.search(r'<ul class="errorlist" id="q-errors">(.*?)</ul>', html, re.S)
    assert box and "Nothing to search for in “" in text_of(box.group(1))
    assert "The words were not used." in text_of(box.group(1))
    assert error_notice(html).startswith("Some filters were not used: Words : Nothing to search")


# The feeds


def feed_titles(root, kind):
    if kind == "rss":
        return [item.findtext("title") for item in root.find("channel").findall("item")]
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


@pytest.mark.parametrize("kind", ["rss", "atom"])
@settings(max_examples=30)  # each of the two formats; they share everything but the XML
@given(query=queries(PARAMETERS))
@example(query="min_pay=abc&season=monsoon&page=-1")
@example(query="area=%3Cscript%3E&company=%00")
@example(query="q=" + "x" * 10_000)
@example(query="location=99999999999999999999999")
@example(query="q=%22")
def test_the_feeds_answer_any_query_with_the_valid_filters_and_say_what_they_ignored(
    client, board, kind, query
):
    response = fetch(client, f"/feeds/{kind}/", query)
    root = ET.fromstring(response.content)
    filterset = PostingFilter(query_dict(answered_query(response)))
    feed = PostingFeed()
    expected = [feed.item_title(posting) for posting in filterset.qs.newest_first()[:FEED_LENGTH]]

    assert response.status_code == 200
    assert feed_titles(root, kind) == expected
    title = root.findtext("channel/title") if kind == "rss" else root.findtext(f"{ATOM}title")
    assert title == feed.title(filterset)
    about = (
        root.findtext("channel/description") if kind == "rss" else root.findtext(f"{ATOM}subtitle")
    )
    for name in filterset.errors:
        assert str(filterset.form.fields[name].label) in about, name


# A company's page and a posting's page take no parameters: anything given is ignored.


def _same_page_as_without_a_query(response, query, board):
    assert response.status_code == 200
    assert response.content == response.client.get(response.request["PATH_INFO"]).content


test_a_company_page_ignores_any_query = page_survives_any_query(
    "postings:company",
    NO_PARAMETERS,
    url_kwargs=lambda board: {"slug": board["company"].slug},
    check=_same_page_as_without_a_query,
)
test_a_posting_page_ignores_any_query = page_survives_any_query(
    "postings:detail",
    NO_PARAMETERS,
    url_kwargs=lambda board: {
        "company_slug": board["company"].slug,
        "slug": board["posting"].slug,
    },
    check=_same_page_as_without_a_query,
)


# The compare page: whatever ids it is given, it compares at most four public postings and
# names every value it did not compare.


def _compares_what_it_can_and_names_the_rest(response, query, board):
    assert response.status_code == 200
    html = response.content.decode()
    asked = query_dict(answered_query(response)).getlist("posting")
    ids = list(dict.fromkeys(int(v) for v in asked[:20] if re.fullmatch(r"\s*[0-9]{1,9}\s*", v)))
    public = set(Posting.objects.publicly_visible().filter(pk__in=ids).values_list("pk", flat=True))
    assert html.count('<th scope="col"') == min(len(public), MAX_COMPARED)
    for pk in ids:
        if pk not in public:
            assert f"has the number {pk} " in text_of(html), pk


test_the_compare_page_survives_any_query = page_survives_any_query(
    "postings:compare",
    COMPARE_PARAMETERS,
    check=_compares_what_it_can_and_names_the_rest,
)


# A calendar of the list page takes the list page's parameters: any of them gives a calendar.


def _a_calendar(response, query, board):
    assert response.status_code == 200
    assert Calendar.from_ical(response.content).name == "VCALENDAR"


test_the_calendar_feed_answers_any_query = page_survives_any_query(
    "postings:feed-ics", PARAMETERS, check=_a_calendar
)

# A visitor's own pages: `next` may hold anything, and never leads off the site.
NEXT = {"next": values(["/", "/me/", "https://evil.example/", "//evil.example", "javascript:x"])}


def _never_off_the_site(response, query, board):
    for location, _ in response.redirect_chain:
        assert location.startswith("/") and not location.startswith("//"), location


test_my_list_answers_any_query = page_survives_any_query(
    "students:my-list", NEXT, check=_never_off_the_site
)
test_about_me_answers_any_query = page_survives_any_query(
    "students:about-me", NEXT, check=_never_off_the_site
)
test_the_save_form_answers_any_query = page_survives_any_query(
    "students:save",
    NEXT,
    url_kwargs=lambda board: {"posting_id": board["posting"].pk},
    check=_never_off_the_site,
)

# What a visitor's forms may be sent: any field, any value, any number of times.
ABOUT_ME_FIELDS = {
    "degree": values(DegreeLevel.values),
    "country": values(["DE", "US", "IN", "us"]),
    "needs_sponsorship": values(["yes", "no"]),
    "seasons": values(Season.values),
    "years": values(["2026", "2027", "2028"]),
    "arrangements": values(WorkArrangement.values),
    "clear": values(["1"]),
    **NEXT,
}
ENTRY_FIELDS = {
    "status": values(SavedStatus.values),
    "note": st.one_of(JUNK, st.text(min_size=1990, max_size=2010), st.just("x" * 10_000)),
}


@given(body=queries(ABOUT_ME_FIELDS))
def test_about_me_answers_any_form_with_a_redirect_or_its_errors(client, board, body):
    response = client.post(
        reverse("students:about-me"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 302, 400), body
    if response.status_code == 302:
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")
    assert AboutMe.from_session_data(client.session.get("students:about_me")) is not None or (
        "students:about_me" not in client.session
    )


@given(body=queries(ENTRY_FIELDS))
def test_a_saved_entry_takes_any_form_or_explains_and_keeps_its_values(client, board, body):
    posting = board["posting"]
    client.get(reverse("students:save", args=[posting.pk]))
    client.post(reverse("students:save", args=[posting.pk]))
    entry = SavedInternship.objects.get(
        saved_list__key=client.session["students:list_key"], posting=posting
    )
    before = (entry.status, entry.note)
    response = client.post(
        reverse("students:update-entry", args=[entry.pk]),
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (302, 400), body
    entry.refresh_from_db()
    if response.status_code == 400:
        assert (entry.status, entry.note) == before
    assert len(entry.note) <= NOTE_LIMIT


test_the_alert_form_answers_any_list_query = page_survives_any_query(
    "students:alert-new", PARAMETERS
)
ALERT_FIELDS = {
    "email": values(["ana@example.org", "not an address", "a@b", "x" * 300 + "@example.org"]),
    "frequency": values(["daily", "weekly"]),
    "use_about_me": values(["on"]),
    "query": st.one_of(queries(PARAMETERS), JUNK),
}


@given(body=queries(ALERT_FIELDS))
def test_the_alert_form_takes_any_form_or_explains(client, board, body):
    response = client.post(
        reverse("students:alert-new"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 400, 429), body
