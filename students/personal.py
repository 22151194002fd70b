"""What a page shows of one visitor: their verdict on a posting and whether they saved it.

Read once per request (the session, then one query for the saved postings' ids) and kept on
the request, so a list of twenty cards costs no more than one posting page.
"""

from dataclasses import dataclass

from students import visitor
from students.eligibility import Verdict, verdict
from students.models import SavedInternship


@dataclass(frozen=True)
class PersonalView:
    """One posting as this visitor sees it."""

    verdict: Verdict | None
    saved: bool


def saved_posting_ids(request) -> frozenset[int]:
    if not hasattr(request, "_students_saved_ids"):
        key = visitor.list_key(request)
        request._students_saved_ids = (
            frozenset(
                SavedInternship.objects.filter(saved_list__key=key)
                .exclude(posting=None)
                .values_list("posting_id", flat=True)
            )
            if key
            else frozenset()
        )
    return request._students_saved_ids


def personal_view(request, posting) -> PersonalView:
    about = visitor.about_me(request)
    return PersonalView(
        verdict=verdict(posting, about) if about else None,
        saved=posting.pk in saved_posting_ids(request),
    )
