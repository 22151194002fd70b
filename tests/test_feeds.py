"""RSS and Atom feeds of the list, for any filters, parsed as a feed reader would."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from tests.factories import (
    ClosedPostingFactory,
    DraftPostingFactory,
    LocationFactory,
    PublishedPostingFactory,
    ResearchAreaFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FALL = "2025 Fall Machine Learning Intern"
PHD = "PhD Machine Learning Internship 2026 (USA)"


def rss(client, query=""):
    response = client.get(f"/feeds/rss/{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).find("channel")


def atom(client, query=""):
    response = client.get(f"/feeds/atom/{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_rss_lists_open_postings_newest_first_with_title_link_description_and_date(
    client, pinterest
):
    channel = rss(client)
    items = channel.findall("item")

    assert channel.findtext("title") == "ML Intern Board: new machine-learning internships"
    assert [item.findtext("title") for item in items] == [
        f"{PHD} at Pinterest",
        f"{FALL} at Pinterest",
    ]
    phd = items[0]
    assert phd.findtext("link") == (
        "http://testserver/internships/pinterest/phd-machine-learning-internship-2026-usa/"
    )
    assert parsedate_to_datetime(phd.findtext("pubDate")).date().isoformat() == "2025-09-26"
    assert "Summer 2026" in phd.findtext("description")
    assert "$12,100 / month" in phd.findtext("description")
    assert "Recommender systems" in [c.text for c in phd.findall("category")]


def test_rss_takes_the_list_filters(client, pinterest):
    channel = rss(client, "?location=4")

    assert [item.findtext("title") for item in channel.findall("item")] == [f"{PHD} at Pinterest"]
    assert channel.findtext("title") == "ML Intern Board: New York, NY"
    assert channel.findtext("link") == "http://testserver/?location=4"


def test_atom_feed_of_phd_remote_recommender_systems(client, pinterest):
    feed = atom(client, "?degree=phd&arrangement=remote&area=recommender-systems")
    entries = feed.findall(f"{ATOM}entry")

    assert feed.findtext(f"{ATOM}title") == ("ML Intern Board: PhD, Remote, Recommender systems")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        f"{PHD} at Pinterest",
        f"{FALL} at Pinterest",
    ]
    link = entries[1].find(f"{ATOM}link").get("href")
    assert link == "http://testserver/internships/pinterest/2025-fall-machine-learning-intern/"
    assert entries[0].findtext(f"{ATOM}published").startswith("2025-09-26")
    assert entries[0].findtext(f"{ATOM}author/{ATOM}name") == "Pinterest"


def test_feeds_are_newest_first_whatever_the_sort(client):
    today = timezone.localdate()
    PublishedPostingFactory(title="Old", posted_on=today - timedelta(days=9))
    PublishedPostingFactory(title="New", posted_on=today - timedelta(days=1))

    titles = [item.findtext("title") for item in rss(client, "?sort=closing").findall("item")]

    assert [title.split(" at ")[0] for title in titles] == ["New", "Old"]


def test_feeds_leave_out_drafts_and_closed_postings_unless_asked(client):
    PublishedPostingFactory(title="Open")
    ClosedPostingFactory(title="Closed")
    DraftPostingFactory(title="Draft")

    def titles(query):
        return [i.findtext("title").split(" at ")[0] for i in rss(client, query).findall("item")]

    assert titles("") == ["Open"]
    assert sorted(titles("?include_closed=1")) == ["Closed", "Open"]


def test_recruiter_text_reaches_the_feed_as_text(client):
    PublishedPostingFactory(title="<b>Bold</b> & co", summary="<script>x</script> a < b ]]>")

    item = rss(client).find("item")

    assert item.findtext("title").startswith("Bold & co at ")
    assert "a &lt; b ]]&gt;" in item.findtext("description")
    assert "<script" not in item.findtext("description")


def test_feed_body_is_one_piece_so_the_server_sends_it_in_one_write(client, pinterest):
    response = client.get("/feeds/atom/")

    assert list(response) == [response.content]
    assert b"Pinterest" in response.content


MARKUP = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


@pytest.fixture
def posting_full_of_markup():
    return PublishedPostingFactory(
        title=f"Intern {MARKUP}",
        team=f"<b>Ranking</b>{MARKUP}",
        summary=f"You will **ship**. [click](javascript:alert(3)) {MARKUP}",
        company__name=f"Evil <i>Corp</i>{MARKUP}",
        locations=[LocationFactory(city=f"<b>Springfield</b>{MARKUP}")],
        research_areas=[ResearchAreaFactory(name=f"<u>Ranking</u>{MARKUP}")],
    )


def markup_in(text):
    """What in `text`, read as HTML the way feed readers read descriptions, is markup."""
    lowered = text.lower()
    return [bad for bad in ("<img", "<script", "onerror=", 'href="javascript', "<b>", "<i>", "<u>")
            if bad in lowered]  # fmt: skip


def test_rss_items_carry_only_the_sanitised_text_the_pages_show(client, posting_full_of_markup):
    [item] = rss(client).findall("item")

    title = item.findtext("title")
    description = item.findtext("description")
    assert title == "Intern  at Evil Corp"
    assert markup_in(title) == []
    assert markup_in(description) == []
    assert "Ranking" in description
    assert "Springfield" in description
    assert "<strong>ship</strong>" in description
    assert [c.text for c in item.findall("category")] == ["Ranking"]


def test_atom_entries_carry_only_the_sanitised_text_the_pages_show(client, posting_full_of_markup):
    [entry] = atom(client).findall(f"{ATOM}entry")

    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert markup_in(summary.text) == []
    assert "<strong>ship</strong>" in summary.text
    assert markup_in(entry.findtext(f"{ATOM}title")) == []
    assert markup_in(entry.find(f"{ATOM}author").findtext(f"{ATOM}name")) == []
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["Ranking"]


def test_a_feed_of_a_filter_names_it_without_markup(client, posting_full_of_markup):
    location = posting_full_of_markup.locations.get()
    channel = rss(client, f"?location={location.pk}")
    assert channel.findtext("title") == "ML Intern Board: Springfield, CA"


def test_each_feeds_self_link_keeps_its_filters(client, pinterest):
    query = "?degree=phd&arrangement=remote&location=4"
    channel = rss(client, query)
    self_link = channel.find("{http://www.w3.org/2005/Atom}link[@rel='self']")
    assert self_link.get("href") == f"http://testserver/feeds/rss/{query}"

    feed = atom(client, query)
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == f"http://testserver/feeds/atom/{query}"
    assert links["alternate"] == f"http://testserver/{query}"


def test_a_feeds_self_link_leaves_out_values_it_did_not_use(client, pinterest):
    channel = rss(client, "?degree=phd&season=monsoon")
    self_link = channel.find("{http://www.w3.org/2005/Atom}link[@rel='self']")
    assert self_link.get("href") == "http://testserver/feeds/rss/?degree=phd"


def test_feed_urls_with_empty_parameters_redirect_to_the_clean_url(client):
    response = client.get("/feeds/atom/?q=&degree=phd&season=&degree=masters")

    assert response.status_code == 302
    assert response["Location"] == "/feeds/atom/?degree=phd&degree=masters"
