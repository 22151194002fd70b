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

Which columns it holds comes from the facet declarations (`postings.listing.facets`): a
`Column` facet is coded one value a posting, a `Flags` facet is a boolean array per option, a
`Links` facet the pairs of its link table. What a filter *means* is defined once, by the
QuerySet method its declaration names; this index answers the same question from memory, and
tests/test_listing_index.py checks the two agree on every facet, count and order. Words are
not held here: their postings come from the database's full-text search through the filter's
own query, and become a mask.

The index is built from the database in a few queries (about a second at 100,000 postings) and
rebuilt when the listing generation changes (`current_index.read_generation`, which the app
sets to the page cache's), which every write that can change
what it holds does (a posting added or deleted or a change of its LISTED_FIELDS, pay, locations
or research areas, a company's, place's or area's name; not an edit of a posting's texts), or
when the date changes, since "open", "closing soonest" and "posted within" depend on it. Which
postings are open is the database's answer to `open_for_applications_condition`, read with
the other columns, so the index holds no rule of its own.
"""

import logging
import threading
import time
from datetime import date, timedelta
from itertools import islice

import numpy as np
from django.db.models import BooleanField, ExpressionWrapper
from django.utils import timezone

from postings.driver_rows import CHUNK_ROWS, driver_row_chunks
from postings.listing.changes import postings_changed_since
from postings.listing.facets import (
    FACETS,
    Column,
    Flags,
    Links,
    Present,
    Related,
    Since,
    TopPay,
)
from postings.models import (
    NEWEST_FIRST,
    PayBand,
    Posting,
    currency_units_per_usd,
    open_for_applications_condition,
)

logger = logging.getLogger(__name__)

# Each facet's declaration, by how it is held: one code per posting (the codes index
# `values[facet]`), links from postings to options, or one flag array per option.
CODED = {facet.name: facet for facet in FACETS if isinstance(facet.reads, Column)}
LINKED = {facet.name: facet for facet in FACETS if isinstance(facet.reads, Links)}
FLAGS = {facet.name: facet.reads.columns for facet in FACETS if isinstance(facet.reads, Flags)}
SINCE = {facet.name: facet for facet in FACETS if isinstance(facet.reads, Since)}
TOP_PAY = {facet.name for facet in FACETS if isinstance(facet.reads, TopPay)}
NO_DATE = np.iinfo(np.int32).max
# When the generation cannot be read (the cache is down), an index this young is still used.
UNVERIFIED_MAX_AGE_SECONDS = 60
# More postings changed at once than this are read whole rather than merged.
MAX_MERGED_CHANGES = 5_000
# After a failed rebuild, the previous index serves this long before the next try.
REBUILD_RETRY_SECONDS = 10


class ListingIndex:
    """The public postings, newest first (position 0 is the first posting of the default list).

    `values[facet]` lists a facet's option values in the order the page shows them, with
    `labels[facet]` beside them for company, location and research area.
    """

    def __init__(self, today: date):
        self.today = today
        self.ids = np.zeros(0, dtype=np.int64)
        # The ids sorted, and the position of each: for finding the positions of given ids.
        self._sorted_ids = np.zeros(0, dtype=np.int64)
        self._id_order = np.zeros(0, dtype=np.int64)
        self.open = np.zeros(0, dtype=bool)
        self.codes: dict[str, np.ndarray] = {}
        self.values: dict[str, list[str]] = {}
        self.labels: dict[str, list[str]] = {}
        self.flags: dict[str, dict[str, np.ndarray]] = {}
        self.links: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.date_posted = np.zeros(0, dtype=np.int32)
        # When each posting was created (a POSIX timestamp): newest first's second key.
        self.created = np.zeros(0, dtype=np.float64)
        self._only_ids = None
        self._closes_on = np.zeros(0, dtype=np.int32)
        # {facet: {option value: code}} for the coded and linked facets.
        self._code_of: dict[str, dict[str, int]] = {}
        self.top_pay = np.zeros(0, dtype=np.float64)
        self.by_pay = np.zeros(0, dtype=np.int64)
        self.by_closing = np.zeros(0, dtype=np.int64)

    @classmethod
    def build(cls, today=None, *, only_ids=None):
        """Every public posting's values; with `only_ids`, those of these postings only."""
        index = cls(today or timezone.localdate())
        index._only_ids = None if only_ids is None else sorted(only_ids)
        index._read_postings()
        for facet in LINKED:
            index._read_links(facet)
        index._read_pay()
        return index

    def with_postings_read_again(self, ids):
        """A new index: this one with the postings `ids` read again (added, changed or gone).

        The postings are read in a few small queries and merged into copies of the arrays,
        in the same order and with the same option lists a full read would give; the old
        index stays as it is for the requests still using it.
        """
        fresh = ListingIndex.build(self.today, only_ids=ids)
        return _merged(self, np.isin(self.ids, list(ids), invert=True), fresh)

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
        if facet in SINCE:
            return self.date_posted >= min(self._posted_since(int(days)) for days in chosen)
        if facet in TOP_PAY:
            return self.top_pay >= min(float(amount) for amount in chosen)
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
        if facet in SINCE:
            return {
                str(days): int(np.count_nonzero(postings & self.mask(facet, [days])))
                for days, _ in SINCE[facet].options.choices
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

    def most_alike(self, posting, limit):
        """Ids of up to `limit` other open postings sharing the company or a research area.

        Those sharing the most research areas come first, then the same company's, then the
        newest. Needs `posting.company` and `posting.research_areas` loaded.
        """
        same_company = self.mask("company", [posting.company.slug])
        positions, linked = self.links["area"]
        areas = [self._code("area", area.slug) for area in posting.research_areas.all()]
        shared = np.bincount(
            positions[np.isin(linked, [code for code in areas if code is not None])],
            minlength=self.size,
        )
        candidates = self.open & ((shared > 0) | same_company)
        candidates[self.positions_of([posting.pk])[0]] = False
        found = np.flatnonzero(candidates)
        best = found[np.lexsort((found, ~same_company[found], -shared[found]))[:limit]]
        return self.ids[best]

    def _code(self, facet, value):
        return self._code_of[facet].get(value)

    def _posted_since(self, days):
        return (self.today - timedelta(days=days)).toordinal()

    # Building ---------------------------------------------------------------------------

    def _read_postings(self):
        """The postings' own columns, newest first, read CHUNK_ROWS at a time."""
        flag_keys = [(facet, value) for facet, columns in FLAGS.items() for value in columns]
        is_open = ExpressionWrapper(
            open_for_applications_condition(self.today), output_field=BooleanField()
        )
        public = Posting.objects.publicly_visible()
        if self._only_ids is not None:
            public = public.filter(pk__in=self._only_ids)
        rows = (
            public.annotate(is_open=is_open)
            .order_by(*NEWEST_FIRST)
            .values_list(
                "id",
                "is_open",
                "closes_on",
                "date_posted",
                "created_at",
                *(facet.reads.column for facet in CODED.values()),
                *(FLAGS[facet][value] for facet, value in flag_keys),
            )
        )
        names = ("ids", "open", "date_posted", "closes_on", "created", *CODED, *flag_keys)
        parts = {name: [] for name in names}
        # Each coded facet's raw values get a provisional code in the order first met.
        met = {facet: {} for facet in CODED}
        for chunk in _chunks(rows):
            ids, is_open, closes_on, date_posted, created, *rest = zip(*chunk, strict=True)
            parts["ids"].append(np.array(ids, dtype=np.int64))
            parts["open"].append(np.array(is_open, dtype=bool))
            parts["date_posted"].append(_ordinals(date_posted, missing=-1))
            parts["closes_on"].append(_ordinals(closes_on, missing=NO_DATE))
            parts["created"].append(
                np.array([moment.timestamp() for moment in created], dtype=np.float64)
            )
            for facet, raw in zip(CODED, rest, strict=False):
                if _is_related(CODED[facet]):  # hundreds of ids: numbered once all are read
                    parts[facet].append(np.array(raw, dtype=np.int64))
                else:
                    parts[facet].append(_provisional_codes(raw, met[facet]))
            for key, ticked in zip(flag_keys, rest[len(CODED) :], strict=True):
                parts[key].append(np.array(ticked, dtype=bool))
        joined = {name: _joined(arrays, name) for name, arrays in parts.items()}
        self.ids = joined["ids"]
        self._id_order = np.argsort(self.ids, kind="stable")
        self._sorted_ids = self.ids[self._id_order]
        self.open = joined["open"]
        self.date_posted = joined["date_posted"]
        self._closes_on = joined["closes_on"]
        self.created = joined["created"]
        for facet in CODED:
            if _is_related(CODED[facet]):
                pks, joined[facet] = np.unique(joined[facet], return_inverse=True)
                met[facet] = {pk: code for code, pk in enumerate(pks.tolist())}
        for facet in CODED:
            self._encode(facet, joined[facet], met[facet])
        for facet, value in flag_keys:
            self.flags.setdefault(facet, {})[value] = joined[(facet, value)]

    def _encode(self, facet, provisional, met):
        """Codes in the order the page lists the options, from the provisional ones."""
        declared = CODED[facet]
        if _is_related(declared):
            listed = _related_options(declared, met)
            value_of = {pk: value for pk, value, _ in listed}
            self.values[facet] = [value for _, value, _ in listed]
            self.labels[facet] = [label for _, _, label in listed]
        else:
            value_of = {raw: declared.reads.option(raw) for raw in met}
            order = declared.options.order if isinstance(declared.options, Present) else str
            self.values[facet] = sorted(set(value_of.values()), key=order)
        code_of = {value: code for code, value in enumerate(self.values[facet])}
        self._code_of[facet] = code_of
        recode = np.zeros(len(met), dtype=np.int32)
        for raw, code in met.items():
            recode[code] = code_of[value_of[raw]]
        self.codes[facet] = recode[provisional]

    def _set_options(self, facet, codes, values, labels):
        """A coded facet's codes and options, leaving out options no posting has any more."""
        used = np.bincount(codes, minlength=len(values)) > 0 if len(values) else np.zeros(0, bool)
        recode = (np.cumsum(used) - 1).astype(np.int32)
        self.codes[facet] = recode[codes] if len(codes) else codes.astype(np.int32)
        self._keep_options(facet, used, values, labels)

    def _set_links(self, facet, positions, linked, values, labels):
        """A linked facet's links and options, leaving out options no posting has any more."""
        used = np.bincount(linked, minlength=len(values)) > 0 if len(values) else np.zeros(0, bool)
        recode = (np.cumsum(used) - 1).astype(np.int32)
        self.links[facet] = (positions, recode[linked] if len(linked) else linked)
        self._keep_options(facet, used, values, labels)

    def _keep_options(self, facet, used, values, labels):
        self.values[facet] = [value for value, kept in zip(values, used, strict=True) if kept]
        if labels is not None:
            self.labels[facet] = [label for label, kept in zip(labels, used, strict=True) if kept]
        self._code_of[facet] = {value: code for code, value in enumerate(self.values[facet])}

    def _read_links(self, facet):
        """A facet's links from the link table, kept for public postings only."""
        declared = LINKED[facet]
        through, column = declared.reads.through, declared.reads.column
        positions, related_ids = [], []
        links = through.objects.values_list("posting_id", column)
        if self._only_ids is not None:
            links = links.filter(posting_id__in=self._only_ids)
        for chunk in driver_row_chunks(links):
            pairs = np.array(chunk, dtype=np.int64).reshape(-1, 2)
            found, known = self.positions_of(pairs[:, 0])
            positions.append(found)
            related_ids.append(pairs[known, 1])
        positions = _joined(positions, "positions")
        related_ids = _joined(related_ids, "ids")
        listed = _related_options(declared, set(related_ids.tolist()))
        code_of_id = {pk: code for code, (pk, _, _) in enumerate(listed)}
        self.values[facet] = [value for _, value, _ in listed]
        self.labels[facet] = [label for _, _, label in listed]
        self._code_of[facet] = {value: code for code, value in enumerate(self.values[facet])}
        self.links[facet] = (
            positions,
            np.array([code_of_id[pk] for pk in related_ids.tolist()], dtype=np.int32),
        )

    def _read_pay(self):
        """Each posting's best pay in US dollars a month (`paying_at_least`, the minimum pay
        filter), and the orders of the pay and closing sorts as `highest_pay_first` and
        `closing_soonest_first` define them: best pay first, postings without it last; open
        postings by closing date, undated ones after, then closed ones; newest first among
        equals. Amounts and rates are read as the driver gives them and divided as floats,
        as the database does (`band_top_usd_a_month`)."""
        self.top_pay = np.full(self.size, np.nan)
        bands = PayBand.objects.all()
        if self._only_ids is not None:
            bands = bands.filter(posting_id__in=self._only_ids)
        bands = (
            bands.order_by()
            .annotate(units_per_usd=currency_units_per_usd())
            .values_list("posting_id", "monthly_maximum", "units_per_usd")
        )
        for chunk in driver_row_chunks(bands):
            posting_ids, monthly, rates = zip(*chunk, strict=True)
            rate = np.array([np.nan if rate is None else float(rate) for rate in rates])
            usd = np.array([float(amount) for amount in monthly]) / rate
            positions, known = self.positions_of(posting_ids)
            usd = usd[known]
            paid = ~np.isnan(usd)
            np.fmax.at(self.top_pay, positions[paid], usd[paid])
        self._order_by_pay_and_closing()

    def _order_by_pay_and_closing(self):
        in_order = np.arange(self.size)
        # Highest first; postings without pay in a convertible currency (NaN) sort last.
        self.by_pay = np.lexsort((in_order, np.nan_to_num(-self.top_pay, nan=np.inf)))
        self.by_closing = np.lexsort((in_order, self._closes_on, ~self.open))


def _merged(old, keep, fresh):
    """`old`'s postings where `keep`, and `fresh`'s, as one index in newest-first order."""
    merged = ListingIndex(old.today)

    def joined(old_array, fresh_array):
        return np.concatenate([old_array[keep], fresh_array])

    ids = joined(old.ids, fresh.ids)
    created = joined(old.created, fresh.created)
    date_posted = joined(old.date_posted, fresh.date_posted)
    # NEWEST_FIRST: posting date (undated last), then creation, then id, each newest first.
    order = np.lexsort((-ids, -created, -date_posted.astype(np.int64)))
    # Where each joined row lands.
    landing = np.empty(len(order), dtype=np.int64)
    landing[order] = np.arange(len(order))
    merged.ids = ids[order]
    merged._id_order = np.argsort(merged.ids, kind="stable")
    merged._sorted_ids = merged.ids[merged._id_order]
    merged.created = created[order]
    merged.date_posted = date_posted[order]
    merged.open = joined(old.open, fresh.open)[order]
    merged._closes_on = joined(old._closes_on, fresh._closes_on)[order]
    merged.top_pay = joined(old.top_pay, fresh.top_pay)[order]
    for facet, flags in old.flags.items():
        merged.flags[facet] = {
            value: joined(flag, fresh.flags[facet][value])[order] for value, flag in flags.items()
        }
    for facet in CODED:
        old_codes, fresh_codes, values, labels = _merged_options(old, fresh, facet)
        codes = np.concatenate([old_codes[old.codes[facet][keep]], fresh_codes[fresh.codes[facet]]])
        merged._set_options(facet, codes[order], values, labels)
    # Old positions of kept rows, as positions among the joined rows.
    joined_position = np.cumsum(keep) - 1
    for facet in LINKED:
        old_codes, fresh_codes, values, labels = _merged_options(old, fresh, facet)
        old_positions, old_linked = old.links[facet]
        kept = keep[old_positions]
        fresh_positions, fresh_linked = fresh.links[facet]
        positions = landing[
            np.concatenate(
                [joined_position[old_positions[kept]], fresh_positions + int(keep.sum())]
            )
        ]
        linked = np.concatenate([old_codes[old_linked[kept]], fresh_codes[fresh_linked]])
        merged._set_links(facet, positions, linked, values, labels)
    merged._order_by_pay_and_closing()
    return merged


def _merged_options(old, fresh, facet):
    """(old codes -> merged, fresh codes -> merged, merged values, merged labels) of a facet:
    the option lists joined, in the order a full read lists them."""
    old_values, fresh_values = old.values[facet], fresh.values[facet]
    label_of = dict(zip(old_values, old.labels.get(facet, old_values), strict=True))
    label_of.update(zip(fresh_values, fresh.labels.get(facet, fresh_values), strict=True))
    declared = CODED.get(facet) or LINKED[facet]
    if set(fresh_values) <= set(old_values):
        values = old_values
    elif _is_related(declared):
        related = declared.options
        union = {*old_values, *fresh_values}
        rows = related.model.objects.filter(**{f"{related.value_field}__in": list(union)})
        values = [str(getattr(row, related.value_field)) for row in rows]
        label_of.update(
            (str(getattr(row, related.value_field)), related.label(row)) for row in rows
        )
    else:
        order = declared.options.order if isinstance(declared.options, Present) else str
        values = sorted({*old_values, *fresh_values}, key=order)
    code_of = {value: code for code, value in enumerate(values)}
    old_codes = np.array([code_of[value] for value in old_values], dtype=np.int32)
    fresh_codes = np.array([code_of[value] for value in fresh_values], dtype=np.int32)
    labels = [label_of[value] for value in values] if facet in old.labels else None
    return old_codes, fresh_codes, values, labels


def _chunks(queryset):
    """A values_list query's rows, CHUNK_ROWS at a time, so a build never holds them all."""
    rows = queryset.iterator(chunk_size=CHUNK_ROWS)
    while chunk := list(islice(rows, CHUNK_ROWS)):
        yield chunk


def _provisional_codes(raw, met):
    """Codes for `raw` values, new values numbered in the order met (these facets have a few
    values each, so one comparison per distinct value beats a dictionary lookup per posting)."""
    values = np.array(raw, dtype=object)
    codes = np.empty(len(values), dtype=np.int32)
    for value in set(raw):
        codes[values == value] = met.setdefault(value, len(met))
    return codes


def _joined(arrays, name):
    if arrays:
        return np.concatenate(arrays)
    return np.zeros(0, dtype=bool if name == "open" or isinstance(name, tuple) else np.int64)


def _is_related(facet):
    return isinstance(facet.options, Related)


def _related_options(facet, pks):
    """[(pk, option value, label)] of the related rows with these `pks`, in the model's order."""
    related = facet.options
    return [
        (row.pk, str(getattr(row, related.value_field)), related.label(row))
        for row in related.model.objects.filter(pk__in=list(pks))
    ]


def _ordinals(dates, missing):
    return np.array([missing if day is None else day.toordinal() for day in dates], dtype=np.int32)


def _no_generation():
    return None


class _Current:
    """This process's index, kept current with the data and the date.

    A write that names its postings (most recruiters' saves) changes the listing's changes
    generation: the next request merges those postings, read again, into a copy of the index
    (milliseconds), so no request waits for a full read. Any other change (a company's or a
    place's name, an exchange rate, a bulk load), a new day, or many changes at once reads
    everything again. A read that fails (the database away, a bug) leaves the previous index
    serving, and is tried again REBUILD_RETRY_SECONDS later; only a process that never built
    one has to fail.
    """

    def __init__(self):
        self._lock = threading.Lock()
        # Where the shared listing generations are read (set by the app to the page cache's);
        # without them, an index serves UNVERIFIED_MAX_AGE_SECONDS.
        self.read_generation = _no_generation
        self._index = None
        self._built_for = None
        self._built_at = 0.0
        # When the postings changed since were last asked for (wall-clock, as changes are kept).
        self._changes_read_at = None
        self._retry_at = 0.0
        # True while the last rebuild failed and an older index is answering.
        self.is_stale = False

    def get(self):
        generation = self.read_generation()
        today = timezone.localdate()
        with self._lock:
            if self._is_current(generation, today):
                return self._index
            if self._index is not None and time.monotonic() < self._retry_at:
                return self._index
            started = time.monotonic()
            asked_at = timezone.now()
            try:
                index, how = self._read(generation, today)
            except Exception:
                if self._index is None:
                    raise
                self._retry_at = time.monotonic() + REBUILD_RETRY_SECONDS
                self.is_stale = True
                logger.exception(
                    "Listing index could not be rebuilt; the one built %.0f s ago keeps serving",
                    time.monotonic() - self._built_at,
                )
                return self._index
            self._index, self.is_stale = index, False
            self._built_for = (generation, today)
            self._built_at = time.monotonic()
            self._changes_read_at = asked_at
            logger.info(
                "Listing index %s: %d postings in %.0f ms",
                how,
                index.size,
                (self._built_at - started) * 1000,
            )
            return self._index

    def _read(self, generation, today):
        """(the new index, how it was made): merged with the postings changed, or read whole."""
        if self._only_changes_since_built(generation, today):
            changed = postings_changed_since(self._changes_read_at)
            if len(changed) <= MAX_MERGED_CHANGES:
                return self._index.with_postings_read_again(changed), "updated"
        return ListingIndex.build(today), "built"

    def _only_changes_since_built(self, generation, today):
        """Whether only writes that named their postings came since the index was built."""
        if self._index is None or self._index.today != today or self._built_for is None:
            return False
        built_generation, _ = self._built_for
        return (
            generation is not None
            and built_generation is not None
            and generation[0] == built_generation[0]
        )

    def _is_current(self, generation, today):
        if self._index is None or self._index.today != today:
            return False
        if generation is None:
            return time.monotonic() - self._built_at < UNVERIFIED_MAX_AGE_SECONDS
        return self._built_for == (generation, today)


current_index = _Current()
