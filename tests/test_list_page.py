"""The list page as students use it: filters with counts, chips, sorts, pages, bad input."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobboard.cache import invalidate_pages
from postings import services
from postings.models import Company, PayPeriod, Posting
from tests.factories import (
    ClosedPostingFactory,
    CompanyFactory,
    DraftPostingFactory,
    LocationFactory,
    PayBandFactory,
    PublishedPostingFactory,
    RequirementFactory,
    ResearchAreaFactory,
)
from tests.pages import page_of, text_of

pytestmark = pytest.mark.django_db

FALL = "2025 Fall Machine Learning Intern"
PHD = "PhD Machine Learning Internship 2026 (USA)"


def listed_titles(html):
    return [unescape(t) for t in re.findall(r'class="card__title"[^>]*><a [^>]*>([^<]+)</a>', html)]


def option(html, name, value):
    """The <li> of one filter option, as text, e.g. "Seattle, WA (2 internships)"."""
    match = re.search(
        rf'<li( class="is-empty")?><label><input type="(?:checkbox|radio)" name="{name}" '
        rf'value="{re.escape(value)}"( checked)?>(.*?)</label></li>',
        html,
        flags=re.S,
    )
    assert match, f"no option {name}={value}"
    return {
        "text": " ".join(unescape(re.sub(r"<[^>]+>", "", match.group(3))).split()),
        "empty": bool(match.group(1)),
        "checked": bool(match.group(2)),
    }


def hrefs(html):
    return [unescape(h) for h in re.findall(r'href="([^"]*)"', html)]


# What the fixtures let a student do


def test_lists_both_pinterest_postings_newest_first(client, pinterest):
    html = page_of(client, "/")

    assert "2 internships" in text_of(html)
    assert listed_titles(html) == [PHD, FALL]


def test_choosing_new_york_finds_the_phd_posting(client, pinterest):
    html = page_of(client, "/?location=4")

    assert listed_titles(html) == [PHD]
    assert "1 internship" in text_of(html)


def test_choosing_masters_finds_the_fall_posting_and_phd_finds_both(client, pinterest):
    assert listed_titles(page_of(client, "/?degree=masters")) == [FALL]
    assert listed_titles(page_of(client, "/?degree=phd")) == [PHD, FALL]


def test_searching_recommender_finds_both(client, pinterest):
    html = page_of(client, "/?q=recommender")

    assert sorted(listed_titles(html)) == sorted([FALL, PHD])
    assert 'value="recommender"' in html


def test_pay_of_both_postings_shows_on_one_monthly_scale(client, pinterest):
    text = text_of(page_of(client, "/?sort=pay"))

    assert text.index("$12,100 / month") < text.index("$10,000–$11,000 / month")


# Facet counts


def test_each_option_counts_what_it_would_give_with_the_other_filters_kept(client, pinterest):
    html = page_of(client, "/?degree=masters")

    # Seattle has both postings, but only the Fall one is for master's students.
    assert option(html, "location", "3")["text"] == "Seattle, WA (1 internship)"
    assert option(html, "location", "4") == {
        "text": "New York, NY (0 internships)",
        "empty": True,
        "checked": False,
    }
    # The degree facet ignores its own choice: PhD would give both.
    assert option(html, "degree", "phd")["text"] == "PhD (2 internships)"
    assert option(html, "degree", "masters")["checked"]
    assert option(html, "degree", "bachelors")["empty"]


def test_counts_of_every_facet_with_the_fixtures(client, pinterest):
    html = page_of(client, "/")

    assert option(html, "company", "pinterest")["text"] == "Pinterest (2 internships)"
    assert option(html, "arrangement", "remote")["text"] == "Remote (2 internships)"
    assert option(html, "arrangement", "onsite")["empty"]
    assert option(html, "season", "fall")["text"] == "Fall (1 internship)"
    assert option(html, "year", "2026")["text"] == "2026 (1 internship)"
    assert option(html, "area", "recommender-systems")["text"] == (
        "Recommender systems (2 internships)"
    )
    assert option(html, "area", "personalization")["text"] == "Personalization (1 internship)"
    assert option(html, "based_in", "US")["text"] == "US-based only (2 internships)"
    assert option(html, "authorization", "not_stated")["text"] == "Not stated (2 internships)"
    assert option(html, "authorization", "sponsorship_offered")["empty"]
    assert option(html, "include_closed", "1")["text"] == "Include closed postings (0 internships)"


def test_posted_within_and_include_closed_counts(client):
    today = timezone.localdate()
    PublishedPostingFactory(posted_on=today - timedelta(days=2))
    PublishedPostingFactory(posted_on=today - timedelta(days=20))
    PublishedPostingFactory(status="closed", posted_on=today - timedelta(days=3))

    html = page_of(client, "/")

    assert option(html, "posted_within", "7")["text"] == "Last 7 days (1 internship)"
    assert option(html, "posted_within", "30")["text"] == "Last 30 days (2 internships)"
    assert option(html, "include_closed", "1")["text"] == "Include closed postings (1 internship)"

    with_closed = page_of(client, "/?include_closed=1")
    assert option(with_closed, "posted_within", "7")["text"] == "Last 7 days (2 internships)"
    assert "3 internships" in text_of(with_closed)


def test_a_chosen_option_no_open_posting_has_still_shows_ticked_with_zero(client, pinterest):
    lisbon = LocationFactory(city="Lisbon", region="", country="PT")
    ClosedPostingFactory(locations=[lisbon])

    html = page_of(client, f"/?location={lisbon.pk}&year=2030")

    assert option(html, "location", str(lisbon.pk)) == {
        "text": "Lisbon, PT (0 internships)",
        "empty": False,
        "checked": True,
    }
    assert option(html, "year", "2030")["checked"]
    assert "No open internships match these filters" in text_of(html)


# Chips, empty results, sorts


def test_active_filters_show_as_chips_that_each_remove_one(client, pinterest):
    html = page_of(client, "/?location=4&location=3&degree=phd&page=1")

    chips = re.findall(r'<a class="chip" href="([^"]*)">(.*?)</a>', html, flags=re.S)
    labels = [text_of(label) for _, label in chips]
    assert labels == [
        "Location: New York, NY × (remove)",
        "Location: Seattle, WA × (remove)",
        "Degree level: PhD × (remove)",
    ]
    assert unescape(chips[0][0]) == "/?location=3&degree=phd"
    assert 'class="chip chip--clear" href="/">Clear all</a>' in html


def test_nothing_found_says_so_and_offers_ways_out(client, pinterest):
    html = page_of(client, "/?q=recommender&location=4&degree=masters")
    text = text_of(html)

    assert listed_titles(html) == []
    assert "No open internships" in text
    assert "No open internships match “recommender” with these filters" in text
    links = hrefs(html)
    assert "/?q=recommender" in links
    assert "/?location=4&degree=masters" in links
    assert "/?q=recommender&degree=masters" in links
    assert "/?q=recommender&location=4" in links


def test_sort_links_keep_the_filters_and_best_match_needs_words(client, pinterest):
    html = page_of(client, "/?degree=phd&page=1")

    assert "?degree=phd&sort=pay" in hrefs(html)
    assert "Best match" not in text_of(html)
    assert 'aria-current="true"><span class="visually-hidden">Sorted by </span>Newest' in html

    searched = page_of(client, "/?q=recommender")
    assert "?q=recommender&sort=relevance" in hrefs(searched)
    assert "Sorted by Best match" in text_of(searched)


def test_search_form_keeps_the_filters_and_filter_form_keeps_the_words(client, pinterest):
    html = page_of(client, "/?q=recommender&degree=phd&sort=pay")
    search_form = html[html.index('class="search-form"') : html.index("</form>")]
    filter_form = html[html.index('id="filter-form"') :]

    assert '<input type="hidden" name="degree" value="phd">' in search_form
    assert '<input type="hidden" name="sort" value="pay">' in search_form
    assert '<input type="hidden" name="q" value="recommender">' in filter_form


def test_result_count_is_announced_and_in_the_title(client, pinterest):
    html = page_of(client, "/?degree=masters")

    assert re.search(r'<p class="result-count" id="result-count" role="status">', html)
    assert re.search(r"<title>1 internship \(filtered\)", html)


def test_min_pay_rule_is_stated_next_to_the_field(client):
    html = page_of(client, "/")

    assert 'aria-describedby="min-pay-help"' in html
    assert "other currencies at the board&#x27;s exchange rates" in html
    assert "postings that state no pay are left out" in html


# Pages


@pytest.fixture
def many_postings():
    company = CompanyFactory(name="Acme", slug="acme")
    today = timezone.localdate()
    return [
        PublishedPostingFactory(
            title=f"Intern {n:02}", company=company, posted_on=today - timedelta(days=n)
        )
        for n in range(45)
    ]


def test_twenty_a_page_with_links_that_keep_the_filters(client, many_postings):
    first = page_of(client, "/?company=acme")
    assert listed_titles(first) == [f"Intern {n:02}" for n in range(20)]
    assert "?company=acme&page=2" in hrefs(first)
    assert "?company=acme&page=3" in hrefs(first)

    last = page_of(client, "/?company=acme&page=3")
    assert listed_titles(last) == [f"Intern {n:02}" for n in range(40, 45)]
    assert "?company=acme&page=2" in hrefs(last)
    assert "45 internships" in text_of(last)


@pytest.mark.parametrize(
    ("page", "first_title"),
    [
        ("0", "Intern 00"),
        ("-1", "Intern 00"),
        ("abc", "Intern 00"),
        ("2.5", "Intern 00"),
        ("", "Intern 00"),
        ("999999", "Intern 40"),
        ("99999999999999999999999999", "Intern 40"),
    ],
)
def test_a_junk_or_out_of_range_page_shows_the_nearest_page(
    client, many_postings, page, first_title
):
    # An empty page parameter is first redirected away (see the clean URL tests below).
    response = client.get(f"/?page={page}", follow=True)
    assert response.status_code == 200
    assert listed_titles(response.content.decode())[0] == first_title


def test_an_empty_list_has_one_page(client):
    html = page_of(client, "/?page=5")

    assert 'role="status"><strong>No open internships</strong>' in html
    assert "No open internships right now" in text_of(html)


# Feeds linked from the page


def test_the_page_links_the_feed_of_its_filters(client, pinterest):
    html = page_of(client, "/?degree=phd&arrangement=remote&season=monsoon&sort=pay&page=1")

    assert (
        '<link rel="alternate" type="application/rss+xml" title="ML Intern Board: PhD, Remote '
        '(RSS)" href="/feeds/rss/?degree=phd&amp;arrangement=remote">'
    ) in html
    assert "/feeds/atom/?degree=phd&arrangement=remote" in hrefs(html)
    assert "/feeds/rss/?degree=phd&arrangement=remote" in hrefs(html)


# Query count


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        page_of(client, url)
    return len(captured)


FILTERED = (
    "/?q=intern&company=acme&location={location}&area=nlp&degree=phd&arrangement=onsite"
    "&season=summer&year=2026&min_pay=1&based_in=anywhere&authorization=not_stated"
    "&posted_within=90&sort=pay"
)


def test_the_number_of_queries_does_not_grow_with_the_results(
    client, django_assert_max_num_queries
):
    company = CompanyFactory(name="Acme", slug="acme")
    nlp = ResearchAreaFactory(slug="nlp", name="NLP")
    place = LocationFactory(city="Boston", region="MA")

    def add_posting():
        posting = PublishedPostingFactory(
            company=company, locations=[place], research_areas=[nlp], applicants_based_in=""
        )
        PayBandFactory(posting=posting, minimum=30, maximum=40, period=PayPeriod.HOUR)
        RequirementFactory(posting=posting)

    add_posting()
    url = FILTERED.format(location=place.pk)
    with_one = queries_for(client, url), queries_for(client, "/")
    for _ in range(29):
        add_posting()
    # Read whole, as the first page was (saves that name their postings update the index in
    # place instead, in a different number of queries).
    invalidate_pages()
    with_thirty = queries_for(client, url), queries_for(client, "/")

    assert with_one == with_thirty
    # After a write the listing index is read again: postings, companies, location and area
    # links and names, pay; then the page and its prefetches, and the exchange rates its cards
    # restate pay with.
    invalidate_pages()
    with django_assert_max_num_queries(11):
        html = page_of(client, "/")
    assert "30 internships" in text_of(html)
    # A filter combination no cache has seen: the chosen company, location and area are
    # looked up, the words searched, then the page and its prefetches, and the exchange rates.
    with django_assert_max_num_queries(8):
        html = page_of(client, url)
    assert "30 internships" in text_of(html)


def test_a_long_option_list_shows_the_chosen_and_biggest_first_and_the_rest_behind_show_all(
    client,
):
    companies = [CompanyFactory(name=f"Company {n:02}", slug=f"company-{n:02}") for n in range(12)]
    for n, company in enumerate(companies):
        for _ in range(n % 4 + 1):
            PublishedPostingFactory(company=company)
    PublishedPostingFactory(company=companies[0])

    html = page_of(client, "/?company=company-05")
    fieldset = re.search(r"<legend>Company</legend>(.*?)</fieldset>", html, re.S).group(1)
    shown, more = fieldset.split('<details class="facet__more">')

    shown_values = re.findall(r'name="company" value="([^"]+)"', shown)
    more_values = re.findall(r'name="company" value="([^"]+)"', more)
    # Company 05 is chosen; then the most postings: 4 each (03, 07, 11), 3 each (02, 06, 10)
    # and the first of those with 2 (00). The rest are behind "Show all", by name.
    assert shown_values == [
        "company-05",
        "company-03",
        "company-07",
        "company-11",
        "company-02",
        "company-06",
        "company-10",
        "company-00",
    ]
    assert more_values == ["company-01", "company-04", "company-08", "company-09"]
    assert sorted(shown_values + more_values) == [c.slug for c in companies]
    assert "Show all 12" in text_of(more)


def test_filters_not_used_are_listed_above_the_results_with_links_to_them(client, pinterest):
    html = page_of(client, "/?min_pay=abc&season=monsoon&degree=phd")

    notice = re.search(r'<div class="notice notice--warning filter-errors">(.*?)</div>', html, re.S)
    assert notice
    text = " ".join(unescape(re.sub(r"<[^>]+>", "", notice.group(1))).split())
    assert "Minimum pay (USD a month): Enter a number." in text
    assert "Season: Select a valid choice. monsoon is not one of the available choices." in text
    assert {"#id_min_pay", "#facet-season"} <= set(hrefs(notice.group(1)))
    assert 'id="facet-season"' in html


def test_the_list_counts_again_after_a_write_even_with_the_page_cache_off(client, settings):
    """Facet counts are cached under the generation, so every write must show in them."""
    settings.PAGE_CACHE_SECONDS = 0
    PublishedPostingFactory(company__name="Acme Labs", company__slug="acme")
    before = page_of(client, "/")
    assert option(before, "company", "acme")["text"] == "Acme Labs (1 internship)"

    PublishedPostingFactory(company=Company.objects.get(slug="acme"))

    after = page_of(client, "/")
    assert option(after, "company", "acme")["text"] == "Acme Labs (2 internships)"
    assert "2 internships" in text_of(after)


def test_a_filter_combination_never_asked_for_runs_no_counting_query(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(3):
        PublishedPostingFactory(offers_remote=True)
    client.get("/")

    with CaptureQueriesContext(connection) as never_seen:
        html = page_of(client, "/?arrangement=remote&degree=phd&sort=pay&page=1")

    # At most the page's rows and their two prefetches (none when the cards come from the
    # cache) and the exchange rates the cards restate pay with: counts and order come from the
    # listing index.
    assert len(never_seen) <= 4
    assert "internship" in text_of(html)


@pytest.fixture
def draft_only_names():
    """A location, research area and company that only a draft names."""
    PublishedPostingFactory(title="Public role")
    draft = DraftPostingFactory(
        company=CompanyFactory(name="Stealth Startup", slug="stealth-startup"),
        locations=[LocationFactory(city="Secret City")],
        research_areas=[ResearchAreaFactory(name="Secret Area", slug="secret-area")],
    )
    return {
        "location": (str(draft.locations.get().pk), "Secret City"),
        "area": ("secret-area", "Secret Area"),
        "company": ("stealth-startup", "Stealth Startup"),
    }


@pytest.mark.parametrize("name", ["location", "area", "company"])
def test_a_filter_never_names_what_only_drafts_use(client, draft_only_names, name):
    value, secret = draft_only_names[name]

    html = page_of(client, f"/?{name}={value}")
    feed = client.get(f"/feeds/atom/?{name}={value}").content.decode()
    rss = client.get(f"/feeds/rss/?{name}={value}").content.decode()

    assert secret not in html
    assert secret not in feed
    assert secret not in rss
    # The value is treated as any unknown one: ignored, and said so beside the filter.
    assert listed_titles(html) == ["Public role"]
    assert "not one of the available choices" in html


def test_a_filter_names_what_a_closed_posting_uses(client):
    closed = ClosedPostingFactory(locations=[LocationFactory(city="Old Town")])

    query = f"?location={closed.locations.get().pk}&include_closed=1"

    html = page_of(client, f"/{query}")
    feed = client.get(f"/feeds/atom/{query}").content.decode()

    assert listed_titles(html) == [closed.title]
    assert "Old Town" in text_of(html)
    assert "<title>ML Intern Board: Old Town, CA, Including closed</title>" in feed


# When applications close, and when nothing is open


def card_of(html, title):
    """The <article> of the card titled `title`."""
    for card in re.findall(r"<article.*?</article>", html, flags=re.S):
        if f">{title}</a>" in card:
            return card
    raise AssertionError(f"no card titled {title}")


def test_cards_say_when_applications_close_in_a_time_element(client):
    today = timezone.localdate()
    later = today + timedelta(days=40)
    for title, days in [("Today", 0), ("Tomorrow", 1), ("Three days", 3), ("Later", 40)]:
        PublishedPostingFactory(title=title, posted_on=today, closes_on=today + timedelta(days))
    PublishedPostingFactory(title="No date", closes_on=None)

    html = page_of(client, "/")

    def closes(title):
        line = re.search(r'<p class="card__closes[^"]*">(.*?)</p>', card_of(html, title), re.S)
        return line and line.group(1)

    assert f'<time datetime="{today.isoformat()}"' in closes("Today")
    assert text_of(closes("Today")) == "Closes today"
    assert text_of(closes("Tomorrow")) == "Closes tomorrow"
    assert text_of(closes("Three days")) == "Closes in 3 days"
    later_text = f"{later:%-d %b}" if later.year == today.year else f"{later:%-d %b %Y}"
    assert text_of(closes("Later")) == f"Closes {later_text}"
    assert f'<time datetime="{later.isoformat()}"' in closes("Later")
    assert closes("No date") is None
    # The closing soon badge stays beside the date.
    assert "Closing soon" in card_of(html, "Three days")
    assert "Closing soon" not in card_of(html, "Later")


def test_closed_cards_say_why_they_are_closed(client):
    today = timezone.localdate()
    PublishedPostingFactory(
        title="Expired", posted_on=today - timedelta(days=60), closes_on=today - timedelta(days=2)
    )
    PublishedPostingFactory(title="Started", year=today.year - 1)
    ClosedPostingFactory(title="Withdrawn")

    html = page_of(client, "/?include_closed=1")

    expired = today - timedelta(days=2)
    assert f"Applications closed {expired:%-d %b %Y}" in text_of(card_of(html, "Expired"))
    assert "Closed: the internship has started" in text_of(card_of(html, "Started"))
    assert "Closed by the company" in text_of(card_of(html, "Withdrawn"))


def test_when_nothing_open_matches_the_filters_the_closed_matches_are_offered(client):
    today = timezone.localdate()
    PublishedPostingFactory(title="Open masters", for_phd=False, for_masters=True)
    PublishedPostingFactory(title="Started PhD", year=today.year - 1)
    ClosedPostingFactory(title="Withdrawn PhD")

    html = page_of(client, "/?degree=phd")

    assert listed_titles(html) == []
    assert "No open internships match these filters" in text_of(html)
    link = re.search(r'<a href="([^"]*)">Include the 2 closed postings that match</a>', html)
    assert link and unescape(link.group(1)) == "?degree=phd&include_closed=1"
    assert sorted(listed_titles(page_of(client, "/?degree=phd&include_closed=1"))) == [
        "Started PhD",
        "Withdrawn PhD",
    ]


def test_an_empty_board_offers_no_closed_postings_it_does_not_have(client):
    html = page_of(client, "/")

    assert "No open internships right now" in text_of(html)
    assert "include_closed" not in html.split('class="notice notice--info no-results"')[1]


# Newest first: the original's date, else the day a posting came onto the board


def test_a_posting_published_today_without_a_date_of_its_own_is_newest(client):
    from postings import services

    today = timezone.localdate()
    PublishedPostingFactory(title="Posted last week", posted_on=today - timedelta(days=7))
    fresh = DraftPostingFactory(title="Published today", posted_on=None)
    services.posting_publish(posting=fresh)

    html = page_of(client, "/")

    assert listed_titles(html) == ["Published today", "Posted last week"]
    assert option(html, "posted_within", "7")["text"] == "Last 7 days (2 internships)"
    assert "On this board since" in text_of(card_of(html, "Published today"))
    assert "Posted" in text_of(card_of(html, "Posted last week"))


# Clean URLs


@pytest.mark.parametrize(
    ("query", "clean"),
    [
        ("?q=&season=&year=&min_pay=", "/"),
        ("?q=&degree=phd&season=&degree=masters&year=&min_pay=", "/?degree=phd&degree=masters"),
        ("?area=ranking&q=+&location=3&page=&location=4", "/?area=ranking&location=3&location=4"),
        ("?q=deep+learning&based_in=", "/?q=deep+learning"),
    ],
)
def test_a_query_with_empty_parameters_redirects_to_the_same_query_without_them(
    client, query, clean
):
    response = client.get(f"/{query}")

    assert response.status_code == 302
    assert response["Location"] == clean


def test_a_clean_query_is_answered_without_a_redirect(client):
    assert client.get("/?degree=phd&degree=masters&q=vision").status_code == 200
    assert client.get("/").status_code == 200


def test_the_filter_forms_ask_the_script_to_leave_empty_fields_out(client):
    html = page_of(client, "/")

    assert html.count("data-drop-empty") == 2
    assert re.search(r'<script src="/static/js/filters\.js" defer></script>', html)


def test_cards_are_rendered_once_and_reused_until_something_changes(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    posting = PublishedPostingFactory(title="Ranking Intern", offers_remote=True)
    PublishedPostingFactory(title="Vision Intern", offers_remote=True)
    assert "Ranking Intern" in page_of(client, "/")

    with CaptureQueriesContext(connection) as reused:
        html = page_of(client, "/?arrangement=remote")
    assert "Ranking Intern" in html and "Vision Intern" in html
    assert not [q for q in reused.captured_queries if "postings_posting" in q["sql"]]

    posting = Posting.objects.get(pk=posting.pk)
    posting.title = "Retrieval Intern"
    services.posting_save(posting=posting)

    html = page_of(client, "/?arrangement=remote")
    assert "Retrieval Intern" in html and "Ranking Intern" not in html
