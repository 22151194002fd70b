"""RSS and Atom feeds of the newest postings, for the same filters the list page takes.

Feed readers show titles and categories as text and descriptions as HTML, and some render
any markup they find in either. What recruiters typed goes out as the pages show it: names with
any markup taken out, the summary as its stored, sanitised HTML.
"""

import re
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from postings.listing.filterset import PostingFilter
from postings.models import WorkArrangement
from postings.text import plain_text, sanitise_html

FEED_LENGTH = 50
# XML 1.0 has no way to write these; words typed into a search may hold them.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text):
    return NOT_IN_XML.sub("", text)


class PostingFeed(Feed):
    """Newest postings first, whatever `sort` asks for: subscribers want what is new."""

    url_name = "postings:feed-rss"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The feed generator writes the XML in thousands of small pieces, and the WSGI server
        # sends each piece as its own packet: one piece makes one write (14 ms down to 2 ms).
        response.content = response.content
        return response

    def get_object(self, request):
        return PostingFilter(request.GET)

    def title(self, filterset):
        labels = [plain_text(active.label) for active in filterset.active_filters()]
        if not labels:
            return "ML Intern Board: new machine-learning internships"
        return xml_text(f"ML Intern Board: {', '.join(labels)}")

    def link(self, filterset):
        return _with_query(reverse("postings:list"), filterset)

    def feed_url(self, filterset):
        """The feed's own address (RSS atom:link and Atom link rel="self"), filters kept."""
        return _with_query(reverse(self.url_name), filterset)

    def description(self, filterset):
        about = "Machine-learning internships for students, newest first."
        ignored = [
            f"{filterset.form.fields[name].label}: {' '.join(errors)}"
            for name, errors in filterset.errors.items()
        ]
        return xml_text(f"{about} Not used: {'; '.join(ignored)}") if ignored else about

    def items(self, filterset):
        return filterset.qs.newest_first().with_list_details()[:FEED_LENGTH]

    def item_title(self, posting):
        return plain_text(f"{posting.title} at {posting.company.name}")

    def item_description(self, posting):
        """HTML: the key facts as text, then the start of the summary."""
        facts = [
            posting.team or posting.organization,
            posting.season_label,
            "; ".join(str(location) for location in posting.locations.all()),
            ", ".join(WorkArrangement(kind).label for kind in posting.work_arrangements),
            "; ".join(band.as_posted() for band in posting.pay_bands.all()),
        ]
        facts = " · ".join(escape(plain_text(fact)) for fact in facts if fact)
        summary = Truncator(posting.summary_html).words(60, html=True)
        return sanitise_html(f"<p>{facts}</p>{summary}")

    def item_pubdate(self, posting):
        if posting.date_posted is None:
            return posting.created_at
        return timezone.make_aware(datetime.combine(posting.date_posted, time.min))

    def item_updateddate(self, posting):
        return posting.updated_at

    def item_author_name(self, posting):
        return plain_text(posting.company.name)

    def item_categories(self, posting):
        return [plain_text(area.name) for area in posting.research_areas.all()]


class PostingAtomFeed(PostingFeed):
    feed_type = Atom1Feed
    url_name = "postings:feed-atom"

    def subtitle(self, filterset):
        return self.description(filterset)


def _with_query(path, filterset):
    """`path` with the query string of the filter values `filterset` uses."""
    query = filterset.active_query()
    return path + (f"?{query}" if query else "")
