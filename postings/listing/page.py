"""The list page's one entry point: what a query string gives, ready for the template."""

from postings.listing.counts import facet_counts
from postings.listing.facets import MIN_PAY_RULE
from postings.listing.fields import PAY_PERIOD_CHOICES
from postings.listing.filterset import WORDS, PostingFilter, Sort
from postings.listing.index import current_index
from postings.listing.results import ListingResults


class ListingPage:
    """The filters of `query` (a QueryDict) applied: `postings` in order (slice them for a
    page), and `context(page)` for the template."""

    def __init__(self, query):
        self.filterset = PostingFilter(query)
        self.results = ListingResults(self.filterset)
        self.postings = self.results.postings

    @property
    def is_stale(self):
        """Answered from an index older than the data (its rebuild failed): cache nothing."""
        return current_index.is_stale

    def context(self, page):
        filterset = self.filterset
        active = filterset.active_filters()
        words = filterset.words
        return {
            "filter": filterset,
            "form": filterset.form,
            "facets": facet_counts(self.results),
            "active_filters": active,
            "narrowing_filters": [f for f in active if f.name != WORDS],
            "words": words,
            "words_query": filterset.active_query(without=set(filterset.filters) - {WORDS}),
            "without_words_query": filterset.active_query(without={WORDS}),
            "feed_query": filterset.active_query(),
            "sorts": [sort for sort in Sort if sort != Sort.RELEVANCE or words],
            "current_sort": filterset.current_sort,
            "chosen_sort": filterset.chosen_sort,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "min_pay_rule": MIN_PAY_RULE,
            "min_pay_periods": PAY_PERIOD_CHOICES,
            "closed_included": filterset.closed_included(),
            "closed_count": self.results.closed_count(),
        }
