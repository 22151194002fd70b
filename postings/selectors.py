"""Reads that combine several steps: related postings and a company's postings."""

from dataclasses import dataclass

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone

from postings.models import NEWEST_FIRST, Company, Posting

MORE_LIKE_THIS_LIMIT = 4
# How many of the newest related postings are ranked: enough to find the closest few, and few
# enough that the cost stays the same however many postings the board holds.
SIMILAR_CANDIDATES = 100


def posting_similar_list(*, posting: Posting, limit: int = MORE_LIKE_THIS_LIMIT) -> list[Posting]:
    """Up to `limit` other open postings sharing the company or a research area.

    Of the newest SIMILAR_CANDIDATES such postings (read newest first off the index
    `posting_newest`, not by ranking every related posting on the board), those sharing the
    most research areas come first, then the same company's, then the newest.
    Needs `posting.research_areas` prefetched; runs one query plus the list prefetches.
    """
    area_ids = [area.pk for area in posting.research_areas.all()]
    related = Q(company_id=posting.company_id)
    if area_ids:
        links = Posting.research_areas.through.objects
        related |= Exists(links.filter(posting=OuterRef("pk"), researcharea_id__in=area_ids))
    candidates = (
        Posting.objects.open_for_applications()
        .exclude(pk=posting.pk)
        .filter(related)
        .newest_first()
        .values("pk")[:SIMILAR_CANDIDATES]
    )
    return list(
        Posting.objects.filter(pk__in=candidates)
        .annotate(
            shared_areas=Count("research_areas", filter=Q(research_areas__in=area_ids)),
            same_company=Case(
                When(company_id=posting.company_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-shared_areas", "-same_company", *NEWEST_FIRST)
        .with_list_details()[:limit]
    )


@dataclass(frozen=True)
class CompanyPostings:
    open: list[Posting]
    closed: list[Posting]


def company_posting_lists(*, company: Company, today=None) -> CompanyPostings:
    """The company's public postings, split into open and closed, in one query plus prefetches."""
    today = today or timezone.localdate()
    postings = list(Posting.objects.publicly_visible().for_company(company).with_list_details())
    return CompanyPostings(
        open=[posting for posting in postings if not posting.is_closed(today)],
        closed=[posting for posting in postings if posting.is_closed(today)],
    )
