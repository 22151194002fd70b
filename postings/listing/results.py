"""One list page's answer: which postings the chosen filters give, how many, and in what order."""

import numpy as np
from django.db.models import Case, F, When

from postings.driver_rows import driver_rows
from postings.listing.facets import BY_NAME
from postings.listing.filterset import WORDS, Sort
from postings.listing.index import current_index
from postings.models import Posting, open_for_applications_condition


class ListingResults:
    """The postings `filterset` gives, answered from the listing index.

    `count` is how many there are; `postings` a list-like of them in the chosen order that
    reads only the rows of the slice asked for (the paginator asks for one page);
    `given_by_other_filters(name)` the postings every filter but `name` gives, from which
    facets count.
    """

    def __init__(self, filterset, index=None):
        self.filterset = filterset
        self.index = index if index is not None else current_index.get()
        self.closed_included = filterset.closed_included()
        self._ranks = None
        self.masks = self._masks()
        self.matching = self._all_but(None)
        self.count = int(np.count_nonzero(self.matching))

    def given_by_other_filters(self, name):
        """What the other filters give; for a filter with nothing chosen, the current result."""
        if name in self.masks or name == "include_closed":
            return self._all_but(name)
        return self.matching

    def closed_count(self):
        """How many closed postings the other filters give: what "include closed" would add."""
        return int(np.count_nonzero(self._all_but("include_closed") & ~self.index.open))

    @property
    def postings(self):
        return PostingsByIds(self.index.ids[self._in_order()])

    def _masks(self):
        """{filter name: the public postings its chosen values give}, for each valid choice."""
        masks = {}
        words = self.filterset.cleaned_data.get(WORDS)
        if words:
            masks[WORDS] = self._searched(words)
        for name, value in self.filterset.chosen().items():
            facet = BY_NAME[name]
            chosen = [facet.option_value(item) for item in facet.chosen_items(value)]
            masks[name] = self.index.mask(name, chosen)
        return masks

    def _searched(self, words):
        """The postings matching the search words, with their ranks when those decide the order.

        Drafts may match too; the index, which holds only public postings, ignores them, and
        leaving the status out of the query spares the database a test per match.
        """
        found = self.filterset.filters[WORDS].filter(Posting.objects.all(), words).order_by()
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

    def _all_but(self, name):
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


class PostingsByIds:
    """Public postings by id in a fixed order; slicing reads just those rows, with their card
    details. A posting that stopped being public since the index was built is left out."""

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("PostingsByIds reads pages: slice it.")
        return Posting.objects.public_cards_in_order(self.ids[key].tolist())


def _columns(rows, width):
    columns = list(zip(*rows, strict=True))
    return columns if columns else [()] * width
