"""Reads that combine several steps: related postings and a company's postings."""

from dataclasses import dataclass

from django.utils import timezone

from postings.listing.index import current_index
from postings.models import Company, Posting

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
