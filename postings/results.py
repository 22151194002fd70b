"""One list page's answer: which postings the chosen filters give, how many, and in what order."""

import numpy as np
from django.db.models import Case, F, When

from postings.driver_rows import driver_rows
from postings.filters import Sort, is_unset
from postings.listing_index import current_index
from postings.models import (
    Posting,
    based_in_choice,
    based_in_stored,
    open_for_applications_condition,
)

# The filter whose postings the database finds (full-text search), through its own query.
QUERIED = "q"
# Filters that narrow nothing themselves: "include closed" widens, "sort" orders.
NOT_NARROWING = {"sort", "include_closed"}


class ListingResults:
    """The postings `filterset` gives, answered from the listing index.

    `count` is how many there are; `postings` a list-like of them in the chosen order that
    reads only the rows of the slice asked for (the paginator asks for one page);
    `others(name)` the postings every filter but `name` gives, from which facets count.
    """

    def __init__(self, filterset, index=None):
        self.filterset = filterset
        self.index = index if index is not None else current_index.get()
        self.closed_included = filterset.closed_included()
        self._ranks = None
        self.masks = self._masks()
        self.matching = self._others(None)
        self.count = int(np.count_nonzero(self.matching))

    def others(self, name):
        """What the other filters give; for a filter with nothing chosen, the current result."""
        if name in self.masks or name == "include_closed":
            return self._others(name)
        return self.matching

    def closed_count(self):
        """How many closed postings the other filters give: what "include closed" would add."""
        return int(np.count_nonzero(self._others("include_closed") & ~self.index.open))

    @property
    def postings(self):
        return OrderedPostings(self.index.ids[self._in_order()])

    def _masks(self):
        """{filter name: the public postings its chosen values give}, for each valid choice."""
        masks = {}
        for name, value in self.filterset.cleaned_data.items():
            if name in NOT_NARROWING or is_unset(value):
                continue
            if name == QUERIED:
                masks[name] = self._searched(value)
            else:
                masks[name] = self.index.mask(name, option_values(name, value))
        return masks

    def _searched(self, words):
        """The postings matching the search words, with their ranks when those decide the order.

        Drafts may match too; the index, which holds only public postings, ignores them, and
        leaving the status out of the query spares the database a test per match.
        """
        found = self.filterset.filters[QUERIED].filter(Posting.objects.all(), words).order_by()
        if (
            self.filterset.current_sort == Sort.RELEVANCE
            and "search_rank" in found.query.annotations
        ):
            if not self.closed_included:
                # Only open postings can be shown: the others' ranks are never needed.
                found = found.annotate(
                    search_rank=Case(When(open_for_applications_condition(), then=F("search_rank")))
                )
            ids, ranks = _columns(driver_rows(found.values_list("pk", "search_rank")), 2)
            self._ranks = (ids, ranks)
        else:
            (ids,) = _columns(driver_rows(found.values_list("pk")), 1)
        return self.index.mask_of_ids(ids)

    def _others(self, name):
        with_closed = self.closed_included or name == "include_closed"
        postings = self.index.public if with_closed else self.index.open.copy()
        for other, mask in self.masks.items():
            if other != name:
                postings &= mask
        return postings

    def _in_order(self):
        """The matching positions in the order of the current sort (see PostingFilter)."""
        sort = self.filterset.current_sort
        if sort == Sort.PAY:
            return self.index.highest_pay_first(self.matching)
        if sort == Sort.CLOSING:
            return self.index.closing_soonest_first(self.matching)
        if sort == Sort.RELEVANCE and self._ranks is not None:
            return self.index.best_match_first(self.matching, *self._ranks)
        return self.index.newest_first(self.matching)


class OrderedPostings:
    """Postings by id in a fixed order; slicing reads just those rows, with their list details.

    A posting that stopped being public since the index was built is left out of its page.
    """

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("OrderedPostings reads pages: slice it.")
        ids = self.ids[key].tolist()
        rows = Posting.objects.publicly_visible().with_card_details().in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]


def option_values(name, value):
    """The listing index's option values for a filter's cleaned value."""
    if name in ("company", "area"):
        return [item.slug for item in value]
    if name == "location":
        return [str(place.pk) for place in value]
    if name == "based_in":
        return [based_in_choice(based_in_stored(value))]
    if isinstance(value, list | tuple | set):
        return [str(item) for item in value]
    return [str(value)]


def _columns(rows, width):
    columns = list(zip(*rows, strict=True))
    return columns if columns else [()] * width
