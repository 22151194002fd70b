"""Every public posting's list-page values held in memory as columns, to count and order at scale.

The list page shows, for any combination of filters, how many postings each option of every
facet would give, and one page of results in the chosen order. With 100,000 postings, counting
in SQL costs a scan of the matching postings (and their location and research-area links) per
chosen facet, 200 to 600 ms for a combination no cache has seen, and a deep page or a pay sort
costs a scan of everything before it. Here each posting is a position in a few NumPy arrays
(company, season, year, ... one flag array per degree level and work arrangement, the links to
locations and research areas), laid out newest first. A filter is a boolean mask, a facet's
counts one `bincount` over the postings the other filters give, and a page of results a slice
of the matching positions: about a millisecond each at 100,000 postings.

What a filter *means* is defined once, by `PostingFilter` and the QuerySet methods it calls;
this index answers the same question from memory, and tests/test_listing_index.py checks the
two agree on every facet, count and order. Words and minimum pay are not held here: their
postings come from the database through the filter's own query, and become a mask.

The index is built from the database in a few queries (about a second at 100,000 postings) and
rebuilt when the page cache generation changes, which every write students could see does, or
the date changes, since "open", "closing soonest" and "posted within" depend on it.
"""

import logging
import threading
import time
from datetime import date, timedelta

import numpy as np
from django.db.models import Max
from django.utils import timezone

from jobboard.cache import page_generation
from postings.filters import ANYWHERE, PAY_CURRENCY
from postings.models import (
    ARRANGEMENT_FIELDS,
    DEGREE_FIELDS,
    NEWEST_FIRST,
    Company,
    Location,
    PayBand,
    Posting,
    ResearchArea,
    Status,
)

logger = logging.getLogger(__name__)

POSTED_WITHIN_DAYS = (7, 30, 90)
# Facets stored as one code per posting; the codes index `values[facet]`.
CODED = ("company", "season", "year", "based_in", "authorization")
# Facets stored as links from postings to options (a posting may have several).
LINKED = {
    "location": (Posting.locations.through, "location_id"),
    "area": (Posting.research_areas.through, "researcharea_id"),
}
FLAGS = {
    "arrangement": {kind.value: column for kind, column in ARRANGEMENT_FIELDS.items()},
    "degree": {level.value: column for level, column in DEGREE_FIELDS.items()},
}
NO_DATE = np.iinfo(np.int32).max
# When the generation cannot be read (the cache is down), an index this young is still used.
UNVERIFIED_MAX_AGE_SECONDS = 60


class ListingIndex:
    """The public postings, newest first (position 0 is the first posting of the default list).

    `values[facet]` lists a facet's option values in the order the page shows them, with
    `labels[facet]` beside them for company, location and research area.
    """

    def __init__(self, today: date):
        self.today = today
        self.ids = np.zeros(0, dtype=np.int64)
        self.open = np.zeros(0, dtype=bool)
        self.codes: dict[str, np.ndarray] = {}
        self.values: dict[str, list[str]] = {}
        self.labels: dict[str, list[str]] = {}
        self.flags: dict[str, dict[str, np.ndarray]] = {}
        self.links: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.posted_on = np.zeros(0, dtype=np.int32)
        self.by_pay = np.zeros(0, dtype=np.int64)
        self.by_closing = np.zeros(0, dtype=np.int64)

    @classmethod
    def build(cls, today=None):
        index = cls(today or timezone.localdate())
        index._read_postings()
        for facet in LINKED:
            index._read_links(facet)
        index._read_pay()
        return index

    @property
    def size(self):
        return len(self.ids)

    @property
    def public(self):
        return np.ones(self.size, dtype=bool)

    # Asking ---------------------------------------------------------------------------

    def mask(self, facet, chosen):
        """The postings with any of the `chosen` option values of `facet`."""
        if facet in FLAGS:
            found = np.zeros(self.size, dtype=bool)
            for value in chosen:
                if value in self.flags[facet]:
                    found |= self.flags[facet][value]
            return found
        if facet == "posted_within":
            return self.posted_on >= min(self._posted_since(int(days)) for days in chosen)
        codes = [self._code(facet, value) for value in chosen]
        codes = [code for code in codes if code is not None]
        if facet in LINKED:
            positions, linked = self.links[facet]
            found = np.zeros(self.size, dtype=bool)
            found[positions[np.isin(linked, codes)]] = True
            return found
        return np.isin(self.codes[facet], codes)

    def counts(self, facet, postings):
        """{option value: how many of `postings` (a mask) have it}, for every known value."""
        if facet in FLAGS:
            return {
                value: int(np.count_nonzero(postings & flag))
                for value, flag in self.flags[facet].items()
            }
        if facet == "posted_within":
            return {
                str(days): int(np.count_nonzero(postings & self.mask(facet, [days])))
                for days in POSTED_WITHIN_DAYS
            }
        if facet in LINKED:
            positions, linked = self.links[facet]
            counted = linked[postings[positions]]
        else:
            counted = self.codes[facet][postings]
        tally = np.bincount(counted, minlength=len(self.values[facet]))
        return dict(zip(self.values[facet], tally.tolist(), strict=True))

    def mask_of_ids(self, ids):
        """The postings among `ids` (ids of postings not in the index are ignored)."""
        found = np.zeros(self.size, dtype=bool)
        found[self.positions_of(ids)[0]] = True
        return found

    def positions_of(self, ids):
        """(positions, which of `ids` have one): where each id known to the index sits."""
        ids = np.asarray(ids, dtype=np.int64)
        if not self.size or not len(ids):
            return np.zeros(0, dtype=np.int64), np.zeros(len(ids), dtype=bool)
        sorted_at = np.searchsorted(self._sorted_ids, ids)
        sorted_at = np.minimum(sorted_at, self.size - 1)
        known = self._sorted_ids[sorted_at] == ids
        return self._id_order[sorted_at[known]], known

    def newest_first(self, postings):
        return np.flatnonzero(postings)

    def highest_pay_first(self, postings):
        return self.by_pay[postings[self.by_pay]]

    def closing_soonest_first(self, postings):
        return self.by_closing[postings[self.by_closing]]

    def best_match_first(self, postings, matched_ids, ranks):
        """The postings among `matched_ids` by rank, higher first; equal ranks newest first."""
        positions, known = self.positions_of(matched_ids)
        ranks = np.asarray(ranks, dtype=np.float64)[known]
        wanted = postings[positions]
        positions, ranks = positions[wanted], ranks[wanted]
        return positions[np.lexsort((positions, -ranks))]

    def _code(self, facet, value):
        return self._code_of[facet].get(value)

    def _posted_since(self, days):
        return (self.today - timedelta(days=days)).toordinal()

    # Building ---------------------------------------------------------------------------

    def _read_postings(self):
        flag_columns = [column for columns in FLAGS.values() for column in columns.values()]
        rows = list(
            Posting.objects.publicly_visible()
            .order_by(*NEWEST_FIRST)
            .values_list(
                "id",
                "status",
                "closes_on",
                "posted_on",
                "company_id",
                "season",
                "year",
                "applicants_based_in",
                "work_authorization",
                *flag_columns,
            )
        )
        columns = list(zip(*rows, strict=True)) or [()] * (9 + len(flag_columns))
        ids, status, closes_on, posted_on = columns[:4]
        self.ids = np.array(ids, dtype=np.int64)
        self._id_order = np.argsort(self.ids, kind="stable")
        self._sorted_ids = self.ids[self._id_order]
        today = self.today
        self.open = np.array(
            [
                state == Status.PUBLISHED and (closes is None or closes >= today)
                for state, closes in zip(status, closes_on, strict=True)
            ],
            dtype=bool,
        )
        self.posted_on = _ordinals(posted_on, missing=-1)
        self._closes_on = _ordinals(closes_on, missing=NO_DATE)
        self._code_of = {}
        self._read_companies(columns[4])
        for facet, raw in zip(CODED[1:], columns[5:9], strict=True):
            if facet == "based_in":
                raw = [country or ANYWHERE for country in raw]
            else:
                raw = [str(value) for value in raw]
            self._encode(facet, raw, sorted(set(raw), key=_column_order(facet)))
        flags = iter(columns[9:])
        for facet, by_value in FLAGS.items():
            self.flags[facet] = {value: np.array(next(flags), dtype=bool) for value in by_value}

    def _read_companies(self, company_ids):
        companies = Company.objects.filter(pk__in=set(company_ids)).values_list(
            "pk", "slug", "name"
        )
        slug_of = {pk: slug for pk, slug, _ in companies}
        self.labels["company"] = [name for _, _, name in companies]
        self._encode("company", [slug_of[pk] for pk in company_ids], list(slug_of.values()))

    def _encode(self, facet, raw, values):
        self.values[facet] = values
        self._code_of[facet] = {value: code for code, value in enumerate(values)}
        code_of = self._code_of[facet]
        self.codes[facet] = np.array([code_of[value] for value in raw], dtype=np.int32)

    def _read_links(self, facet):
        """A facet's links from the link table, kept for public postings only."""
        through, column = LINKED[facet]
        pairs = np.array(list(through.objects.values_list("posting_id", column)), dtype=np.int64)
        pairs = pairs.reshape(-1, 2)
        positions, known = self.positions_of(pairs[:, 0])
        related_ids = pairs[known, 1]
        present = set(related_ids.tolist())
        if facet == "location":
            listed = [
                (place.pk, str(place.pk), str(place))
                for place in Location.objects.filter(pk__in=present)
            ]
        else:
            listed = ResearchArea.objects.filter(pk__in=present).values_list("pk", "slug", "name")
        code_of_id = {pk: code for code, (pk, _, _) in enumerate(listed)}
        self.values[facet] = [value for _, value, _ in listed]
        self.labels[facet] = [label for _, _, label in listed]
        self._code_of[facet] = {value: code for code, value in enumerate(self.values[facet])}
        self.links[facet] = (
            positions,
            np.array([code_of_id[pk] for pk in related_ids.tolist()], dtype=np.int32),
        )

    def _read_pay(self):
        """The orders of the pay and closing sorts, as `highest_pay_first` and
        `closing_soonest_first` define them: best monthly pay in the filter's currency first,
        postings without it last; open postings by closing date, undated ones after, then
        closed ones; newest first among equals."""
        top = dict(
            PayBand.objects.filter(currency=PAY_CURRENCY)
            .values("posting_id")
            .annotate(top=Max("monthly_maximum"))
            .values_list("posting_id", "top")
        )
        best_pay = np.full(self.size, np.inf)
        positions, known = self.positions_of(list(top))
        best_pay[positions] = -np.array(list(top.values()), dtype=np.float64)[known]
        in_order = np.arange(self.size)
        self.by_pay = np.lexsort((in_order, best_pay))
        self.by_closing = np.lexsort((in_order, self._closes_on, ~self.open))


def _ordinals(dates, missing):
    return np.array([missing if day is None else day.toordinal() for day in dates], dtype=np.int32)


def _column_order(facet):
    """Years in number order; who may apply with "no restriction" first, then by country."""
    if facet == "year":
        return int
    if facet == "based_in":
        return lambda value: "" if value == ANYWHERE else value
    return lambda value: value


class _Current:
    """This process's index, rebuilt when the data or the date it was built for changes."""

    def __init__(self):
        self._lock = threading.Lock()
        self._index = None
        self._built_for = None
        self._built_at = 0.0

    def get(self):
        generation = page_generation()
        today = timezone.localdate()
        with self._lock:
            if not self._is_current(generation, today):
                started = time.monotonic()
                self._index = ListingIndex.build(today)
                self._built_for = (generation, today)
                self._built_at = time.monotonic()
                logger.info(
                    "Listing index built: %d postings in %.0f ms",
                    self._index.size,
                    (self._built_at - started) * 1000,
                )
            return self._index

    def _is_current(self, generation, today):
        if self._index is None or self._index.today != today:
            return False
        if generation is None:
            return time.monotonic() - self._built_at < UNVERIFIED_MAX_AGE_SECONDS
        return self._built_for == (generation, today)


current_index = _Current()
