"""Property-based bad input for pages: any values, repeats and mixes of their GET parameters.

A page joins by naming its parameters and a strategy of values for each (`PARAMETERS` of the
list page below is the model):

    test_my_page_survives_any_query = page_survives_any_query(
        "postings:my-page", {"tab": values(["a", "b"])}, check=my_check
    )

The generated test asks the page for queries made of its parameters (each any number of times,
in any order, valid values mixed with junk), unknown parameters and raw query-string bytes, and
asserts the page never answers 5xx, carries no markup from the query, and passes `check`.
"""

import re
from collections.abc import Callable
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.text import slugify
from hypothesis import given
from hypothesis import strategies as st

from postings import demo
from postings.models import (
    DegreeLevel,
    Season,
    WorkArrangement,
    WorkAuthorization,
)

# Values that broke, or could break, a parser or a database before: overflowing integers (SQLite
# takes 64 bits), NUL (PostgreSQL refuses it in text), numbers Python reads and SQL does not,
# markup and SQL that must stay text, and right-to-left overrides.
KNOWN_TROUBLE = [
    "",
    " ",
    "0",
    "-1",
    "2.5",
    "1e400",
    "NaN",
    "Infinity",
    "99999999999999999999999",
    "\x00",
    "pin\x00terest",
    "%",
    "<script>alert(1)</script>",
    "<b>",
    "' OR '1'='1",
    "'; DROP TABLE postings_posting; --",
    "\u202e",
    "💥",
]
JUNK = st.one_of(
    st.sampled_from(KNOWN_TROUBLE),
    st.text(max_size=30),
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
# Characters with a meaning in query strings, to build raw, possibly malformed, ones.
RAW_QUERY = st.text(alphabet="%&=+;?abcFf09 -.", max_size=20)


def values(valid):
    """One parameter's values: a valid one (when there are any) or junk, about half each."""
    valid = list(valid)
    return st.one_of(st.sampled_from(valid), JUNK) if valid else JUNK


# Every parameter of the list page and its feeds. Company and research-area slugs and location
# ids are those the demo board can have, so valid choices come up as often as junk.
PARAMETERS = {
    "q": st.one_of(
        st.sampled_from(
            ["vision", "language models", '"machine learning" -ranking', "ads or graph", "the"]
        ),
        JUNK,
    ),
    "company": values(
        ["pinterest"]
        + [
            slugify(f"{word} {suffix}")
            for word in demo.COMPANY_WORDS
            for suffix in demo.COMPANY_SUFFIXES
        ]
    ),
    "location": values(str(pk) for pk in range(1, 80)),
    "arrangement": values(WorkArrangement.values),
    "season": values(Season.values),
    "year": values(str(year) for year in range(2024, 2029)),
    "degree": values(DegreeLevel.values),
    "area": values(slugify(name) for name in demo.RESEARCH_AREAS),
    "min_pay": values(["0", "1000", "4000", "6500.50", "12000"]),
    "based_in": values(["anywhere", "US", "us", "GB", "ca"]),
    "authorization": values(WorkAuthorization.values),
    "posted_within": values(["7", "30", "90"]),
    "include_closed": values(["1", "0", "on", "true"]),
    "sort": values(["newest", "pay", "closing", "relevance"]),
    "page": values(["1", "2", "3"]),
}
NO_PARAMETERS: dict = {}
# The compare page's one parameter, repeated: ids of postings the seeded board can have (real,
# draft or none), beside junk.
COMPARE_PARAMETERS = {"posting": values(str(pk) for pk in range(1, 160))}


def queries(parameters, *, max_pairs=8):
    """Query strings: pairs of known parameters (repeats allowed) and unknown ones, in any
    order, URL-encoded, sometimes followed by raw query-string characters."""
    known = (
        st.sampled_from(sorted(parameters)).flatmap(
            lambda name: parameters[name].map(lambda value: (name, value))
        )
        if parameters
        else st.nothing()
    )
    unknown = st.tuples(st.text(min_size=1, max_size=12), JUNK)
    pairs = st.lists(st.one_of(known, unknown), max_size=max_pairs)
    return st.tuples(pairs, st.one_of(st.just(""), RAW_QUERY)).map(
        lambda drawn: "&".join(part for part in (urlencode(drawn[0]), drawn[1]) if part)
    )


def query_dict(query):
    """The query string as the view reads it."""
    return QueryDict(query)


SITE_SCRIPT = re.compile(r'<script (?:src="/static/[^"]+"(?: defer)?|type="application/ld\+json")>')


def assert_no_markup_from_the_query(html):
    """Every <script> on the page is the site's own: nothing from the query became markup."""
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert SITE_SCRIPT.fullmatch(tag), tag
    assert "<b>" not in html


def fetch(client, url, query):
    """The page at `url` with `query`, which must not be a server error.

    A query with empty values is first redirected to the same query without them (list page and
    feeds); the redirect is followed, and must lead to a query with no empty value left.
    """
    response = client.get(f"{url}?{query}" if query else url, follow=True)
    assert response.status_code < 500, (url, query)
    for location, _ in response.redirect_chain:
        assert all(value.strip() for _, values in QueryDict(location.partition("?")[2]).lists()
                   for value in values), location  # fmt: skip
    return response


def answered_query(response):
    """The query string of the page finally answered (after any redirect)."""
    return response.request.get("QUERY_STRING", "")


def page_survives_any_query(
    url_name: str,
    parameters: dict,
    *,
    url_kwargs: Callable[[dict], dict] = lambda board: {},
    check: Callable = lambda response, query, board: None,
):
    """A test that `url_name` answers any query made of `parameters` without a server error,
    without markup from the query, and as `check(response, query, board)` wants.

    The test uses the `board` fixture of its module (a seeded board, shared by all examples).
    """

    @given(query=queries(parameters))
    def test(client, board, query):
        url = reverse(url_name, kwargs=url_kwargs(board))
        response = fetch(client, url, query)
        if response["Content-Type"].startswith("text/html"):
            assert_no_markup_from_the_query(response.content.decode())
        check(response, query, board)

    return test
