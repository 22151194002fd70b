"""Reads that combine several steps: related postings and a company's postings."""

from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils import timezone

from postings.models import Company, Posting

MORE_LIKE_THIS_LIMIT = 4


def posting_similar_list(*, posting: Posting, limit: int = MORE_LIKE_THIS_LIMIT) -> list[Posting]:
    """Up to `limit` other open postings sharing the company or a research area.

    Those sharing the most research areas come first, then the same company's, then the newest.
    Needs `posting.research_areas` prefetched; runs one query plus the list prefetches.
    """
    area_ids = [area.pk for area in posting.research_areas.all()]
    sharing_an_area = Posting.research_areas.through.objects.filter(
        researcharea_id__in=area_ids
    ).values("posting_id")
    return list(
        Posting.objects.open_for_applications()
        .exclude(pk=posting.pk)
        .filter(Q(company_id=posting.company_id) | Q(pk__in=sharing_an_area))
        .annotate(
            shared_areas=Count("research_areas", filter=Q(research_areas__in=area_ids)),
            same_company=Case(
                When(company_id=posting.company_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-shared_areas", "-same_company", F("posted_on").desc(nulls_last=True), "-pk")
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
