"""iCalendar feeds: any filtered list at /feeds/ics/, and a saved list under its private link."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from students.models import SavedList
from tests.factories import PublishedPostingFactory

pytestmark = pytest.mark.django_db


def events_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_a_filtered_list_calendar_has_closing_and_start_days_of_that_list_only(client):
    closes = timezone.localdate() + timedelta(days=20)
    phd = PublishedPostingFactory(title="PhD Intern", for_phd=True, closes_on=closes)
    PublishedPostingFactory(title="Bachelor Intern", for_phd=False, for_bachelors=True)
    events = events_of(client.get(reverse("postings:feed-ics") + "?degree=phd"))
    company = phd.company.name
    assert set(events) == {
        f"Applications close: PhD Intern at {company}",
        f"Internship starts: PhD Intern at {company}",
    }
    closing = events[f"Applications close: PhD Intern at {company}"]
    assert closing.decoded("dtstart") == closes
    assert str(closing["url"]).endswith(phd.get_absolute_url())


def test_a_posting_without_a_closing_date_has_no_deadline_event(client):
    PublishedPostingFactory(title="Open ended", closes_on=None)
    summaries = set(events_of(client.get(reverse("postings:feed-ics"))))
    assert not any(summary.startswith("Applications close") for summary in summaries)


def test_the_list_page_links_its_calendar_with_its_filters(client):
    PublishedPostingFactory()
    html = client.get(reverse("postings:list") + "?degree=phd").content.decode()
    assert f'href="{reverse("postings:feed-ics")}?degree=phd"' in html


def test_a_bad_filter_value_still_gives_a_calendar(client):
    PublishedPostingFactory(title="Any")
    events = events_of(client.get(reverse("postings:feed-ics") + "?year=abc&min_pay=NaN"))
    assert events


def test_the_saved_list_calendar_is_under_the_private_link_only(client):
    closes = timezone.localdate() + timedelta(days=9)
    posting = PublishedPostingFactory(title="Saved Intern", closes_on=closes)
    client.get(reverse("students:save", args=[posting.pk]))
    client.post(reverse("students:save", args=[posting.pk]))
    key = SavedList.objects.get().key
    url = reverse("students:list-calendar", args=[key])
    assert url in client.get(reverse("students:my-list")).content.decode()
    events = events_of(Client().get(url))  # a calendar app: no session
    assert f"Applications close: Saved Intern at {posting.company.name}" in events
    assert Client().get(reverse("students:list-calendar", args=["guessed"])).status_code == 404
