"""The compare page's reading: which postings a query names, and one row per fact to compare."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format

from postings.common_pay import Rates, best_usd_a_month, posting_bands_in_usd, usd_text
from postings.models import PayPeriod, Posting
from postings.templatetags.posting_tags import based_in_phrase, country_name, labels

MIN_COMPARED = 2
MAX_COMPARED = 4
# A query naming more ids than this is not read further: nobody compares twenty postings.
MAX_IDS_READ = 20
POSTING_ID = re.compile(r"^[0-9]{1,9}$")
NOT_STATED = "Not stated"


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[tuple[str, ...]]  # one or more lines per posting
    marked: frozenset[int] = frozenset()  # columns marked as the best

    @property
    def differs(self) -> bool:
        return len(set(self.cells)) > 1


@dataclass
class Comparison:
    postings: list[Posting]
    rows: list[Row] = field(default_factory=list)
    not_numbers: list[str] = field(default_factory=list)
    not_found: list[int] = field(default_factory=list)
    left_out: list[Posting] = field(default_factory=list)
    not_read: int = 0  # values beyond MAX_IDS_READ
    rates_used: list[tuple[str, Decimal, object]] = field(default_factory=list)

    @property
    def too_few(self) -> bool:
        return len(self.postings) < MIN_COMPARED

    @property
    def closed(self) -> list[Posting]:
        return [posting for posting in self.postings if posting.is_closed()]


def requested_ids(values: list[str]) -> tuple[list[int], list[str]]:
    """The posting ids a query names, in order without repeats, and the values that are none."""
    ids, not_numbers = [], []
    for value in values[:MAX_IDS_READ]:
        value = value.strip()
        if POSTING_ID.match(value):
            if int(value) not in ids:
                ids.append(int(value))
        elif value:
            not_numbers.append(value)
    return ids, not_numbers


def posting_comparison(*, values: list[str], rates: Rates | None = None) -> Comparison:
    """The comparison of the public postings `values` (the query's `posting` values) name.

    Drafts and ids of no posting are named as not found; beyond MAX_COMPARED, postings are
    left out and named. One query for the postings and their details, one for the rates.
    """
    ids, not_numbers = requested_ids(values)
    found = (
        Posting.objects.publicly_visible()
        .with_list_details()
        .prefetch_related("pay_bands__location")
        .in_bulk(ids)
    )
    chosen = [found[pk] for pk in ids if pk in found]
    comparison = Comparison(
        postings=chosen[:MAX_COMPARED],
        not_numbers=not_numbers,
        not_found=[pk for pk in ids if pk not in found],
        left_out=chosen[MAX_COMPARED:],
        not_read=max(len(values) - MAX_IDS_READ, 0),
    )
    if comparison.postings:
        rates = rates or Rates.current()
        comparison.rows = comparison_rows(comparison.postings, rates=rates)
        comparison.rates_used = _rates_used(comparison.postings, rates)
    return comparison


def _rates_used(postings, rates):
    currencies = sorted(
        {band.currency for posting in postings for band in posting.pay_bands.all()} - {"USD"}
    )
    return [
        (currency, rates.units_per_usd[currency].normalize(), rates.quoted_on[currency])
        for currency in currencies
        if currency in rates.units_per_usd
    ]


def comparison_rows(postings: list[Posting], *, rates: Rates) -> list[Row]:
    """One row per fact a student weighs, a cell per posting; the best pay marked."""
    in_usd = {posting.pk: posting_bands_in_usd(posting, rates=rates) for posting in postings}
    best = {posting.pk: best_usd_a_month(posting, rates=rates) for posting in postings}
    paid = [amount for amount in best.values() if amount is not None]
    top = max(paid) if len(paid) >= MIN_COMPARED else None
    best_columns = frozenset(
        column for column, posting in enumerate(postings) if top and best[posting.pk] == top
    )

    def row(label: str, cell: Callable[[Posting], tuple[str, ...] | str], **options) -> Row:
        cells = [cell(posting) for posting in postings]
        return Row(label, [c if isinstance(c, tuple) else (c,) for c in cells], **options)

    def bands(posting, text):
        lines = tuple(text(band) for band in in_usd[posting.pk])
        return lines or NOT_STATED

    def office(band):
        location = band.band.location
        return f"{location.city}: " if location else ""

    return [
        row("Pay as posted", _pay_as_posted),
        row(
            "US dollars a month",
            lambda p: bands(
                p, lambda b: f"{office(b)}{_about(b, PayPeriod.MONTH)}{usd_text(b.monthly)}"
            ),
            marked=best_columns,
        ),
        row(
            "Total for the internship",
            lambda p: (
                bands(p, lambda b: f"{office(b)}{_about(b)}{usd_text(b.total)}")
                if p.duration_weeks and in_usd[p.pk]
                else (NOT_STATED if not in_usd[p.pk] else "Duration not stated")
            ),
        ),
        row(
            "Per hour",
            lambda p: bands(
                p, lambda b: f"{office(b)}{_about(b, PayPeriod.HOUR)}{usd_text(b.hourly)}"
            ),
        ),
        row("Season", lambda p: p.season_label),
        row("Start", lambda p: p.start_window or NOT_STATED),
        row(
            "Duration",
            lambda p: f"{p.duration_weeks} weeks" if p.duration_weeks else NOT_STATED,
        ),
        row("Closing date", _closing_date),
        row("Locations", _locations),
        row("Work arrangement", lambda p: labels(p.work_arrangements) or NOT_STATED),
        row("Degree levels", lambda p: labels(p.degree_levels) or NOT_STATED),
        row(
            "Who may apply",
            lambda p: based_in_phrase(p.applicants_based_in) or "No location restriction stated",
        ),
        row("Work authorisation", lambda p: p.get_work_authorization_display()),
        row(
            "Research areas",
            lambda p: ", ".join(area.name for area in p.research_areas.all()) or NOT_STATED,
        ),
        row("Team", lambda p: p.team or p.organization or NOT_STATED),
    ]


def _about(band_in_usd, period=None) -> str:
    """ "≈ " before an amount the board estimated: from another currency or another period
    (a total for the internship always is)."""
    exact = band_in_usd.rate_quoted_on is None and band_in_usd.band.period == period
    return "" if exact else "≈ "


def _pay_as_posted(posting):
    lines = tuple(
        f"{band.location.city}: {band.as_posted()}" if band.location else band.as_posted()
        for band in posting.pay_bands.all()
    )
    return lines or NOT_STATED


def _closing_date(posting):
    if posting.closes_on:
        return date_format(posting.closes_on, "j F Y")
    return f"None given (open until it starts, {date_format(posting.starts_on, 'j F Y')})"


def _locations(posting):
    places = tuple(
        ", ".join(part for part in (loc.city, loc.region, country_name(loc.country)) if part)
        for loc in posting.locations.all()
    )
    if places:
        return places
    return "No office: fully remote" if posting.is_fully_remote else NOT_STATED
