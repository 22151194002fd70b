"""Reads that combine several steps: related postings, a company's postings, pay insight."""

from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from jobboard.cache import cache_outage, listing_generation
from postings.common_pay import Rates, best_usd_a_month, best_usd_a_month_by_posting
from postings.listing.index import current_index
from postings.models import Company, DegreeLevel, PayBand, Posting

MORE_LIKE_THIS_LIMIT = 4


def posting_similar_ids(*, posting: Posting, limit: int = MORE_LIKE_THIS_LIMIT) -> list[int]:
    """Ids of up to `limit` other open postings sharing the company or a research area.

    Those sharing the most research areas come first, then the same company's, then the
    newest, ranked over every open posting by the listing index (their cards are read from
    the card cache or the database by the view). Needs `posting.company` and
    `posting.research_areas` loaded.
    """
    return current_index.get().most_alike(posting, limit)[:limit].tolist()


@dataclass(frozen=True)
class CompanyPostings:
    open: list[Posting]
    closed: list[Posting]


def company_posting_lists(*, company: Company, today=None) -> CompanyPostings:
    """The company's public postings, split into open and closed, in one query plus prefetches."""
    today = today or timezone.localdate()
    postings = list(Posting.objects.publicly_visible().for_company(company).with_card_details())
    is_open = {posting.pk: posting.is_open_for_applications(today) for posting in postings}
    return CompanyPostings(
        open=[posting for posting in postings if is_open[posting.pk]],
        closed=[posting for posting in postings if not is_open[posting.pk]],
    )


@dataclass(frozen=True)
class PayInsight:
    """Where a posting's pay stands among comparable open postings that state pay."""

    higher_than_percent: int
    comparable: int
    list_url: str
    season_label: str
    degree_levels: list[str]

    @property
    def degree_text(self) -> str:
        """ "PhD", "Master's or PhD", "Bachelor's, Master's or PhD"."""
        names = [DegreeLevel(level).label for level in self.degree_levels]
        return " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def comparable_pay(*, season: str, year: int, degree_levels: list[str], rates: Rates,
                   today=None) -> list[Decimal]:  # fmt: skip
    """The best pay, in US dollars a month and in ascending order, of each open posting of
    `season` and `year` for any of `degree_levels` that states pay the board can convert.

    One query; the answer is cached until the listing or the day changes (an exchange rate's
    change is a listing change).
    """
    today = today or timezone.localdate()
    generation = listing_generation()
    key = f"pay-insight:{generation}:{today.isoformat()}:{season}:{year}:{','.join(degree_levels)}"
    cache = caches["default"]
    if generation is not None:
        cached = cache_outage.call(lambda: cache.get(key))
        if cached is not None:
            return cached
    postings = (
        Posting.objects.open_for_applications(today)
        .filter(season=season, year=year)
        .for_degree_levels(degree_levels)
    )
    bands = (
        PayBand.objects.filter(posting__in=postings)
        .order_by()
        .values_list("posting_id", "maximum", "currency", "period")
    )
    values = sorted(best_usd_a_month_by_posting(bands, rates=rates).values())
    if generation is not None:
        cache_outage.call(lambda: cache.set(key, values, 24 * 60 * 60))
    return values


def posting_pay_insight(*, posting: Posting, rates: Rates, today=None) -> PayInsight | None:
    """ "Higher than 72% of 340 comparable internships": the share of the other open postings
    of the same season and year, for any of its degree levels, that pay less than it.

    None when the posting states no pay the board can convert, names no degree level, or has
    nothing to be compared with.
    """
    mine = best_usd_a_month(posting, rates=rates)
    degrees = [str(level) for level in posting.degree_levels]
    if mine is None or not degrees:
        return None
    values = comparable_pay(
        season=posting.season, year=posting.year, degree_levels=degrees, rates=rates, today=today
    )
    others = len(values) - (1 if posting.is_open_for_applications(today) else 0)
    if others <= 0:
        return None
    lower = bisect_left(values, mine)
    query = urlencode(
        [("season", posting.season), ("year", posting.year)]
        + [("degree", level) for level in degrees]
    )
    return PayInsight(
        higher_than_percent=100 * lower // others,
        comparable=others,
        list_url=f"{reverse('postings:list')}?{query}",
        season_label=posting.season_label,
        degree_levels=degrees,
    )
