"""iCalendar (RFC 5545) feeds of closing and start dates, built with the icalendar library.

`/feeds/ics/` takes the list page's parameters, read by the same `PostingFilter` as the list
page and the RSS and Atom feeds, so a calendar holds exactly the postings of that list. A
student's saved list has its own calendar (students app), built by `postings_calendar` too.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from postings.feeds import PostingFeed
from postings.listing.filterset import PostingFilter
from postings.text import plain_text

CALENDAR_LENGTH = 200
PRODUCT_ID = "-//ML Intern Board//Internship deadlines//EN"


def _event(uid, day, summary, url, description):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)  # a date: an all-day event
    event.add("summary", summary)
    event.add("url", url)
    event.add("description", f"{description}\n{url}")
    event.add("transp", "TRANSPARENT")
    return event


def postings_calendar(postings, *, name: str, absolute_url, host: str) -> bytes:
    """A calendar with, for each posting, its closing day (when it gives one) and its start.

    `absolute_url(path)` makes a posting's link absolute; `host` keeps event UIDs unique.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for posting in postings:
        title = plain_text(f"{posting.title} at {posting.company.name}")
        url = absolute_url(posting.get_absolute_url())
        if posting.closes_on:
            calendar.add_component(
                _event(
                    f"posting-{posting.pk}-closes@{host}",
                    posting.closes_on,
                    f"Applications close: {title}",
                    url,
                    f"Last day to apply for {title}.",
                )
            )
        if posting.starts_on:
            how = (
                f"Start window: {plain_text(posting.start_window)}."
                if posting.start_window
                else f"The first day of {posting.season_label}, as the posting names no month."
            )
            calendar.add_component(
                _event(
                    f"posting-{posting.pk}-starts@{host}",
                    posting.starts_on,
                    f"Internship starts: {title}",
                    url,
                    how,
                )
            )
    return calendar.to_ical()


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def postings_calendar_feed(request):
    """The calendar of the list page with the same parameters (its filters, soonest first)."""
    filterset = PostingFilter(request.GET)
    today = timezone.localdate()
    postings = filterset.qs.closing_soonest_first(today).select_related("company")[:CALENDAR_LENGTH]
    content = postings_calendar(
        postings,
        name=PostingFeed().title(filterset),
        absolute_url=request.build_absolute_uri,
        host=request.get_host(),
    )
    return calendar_response(content, "internships.ics")
