"""Which postings changed, recorded for every worker's listing index to read them again.

A write that names its postings (`postings.signals.content_changed` with `postings`) adds a
row per posting, in the write's own transaction; the page cache then changes the listing's
changes generation, and each worker's index, on its next request, reads again the postings
recorded since it last looked (with a margin for transactions that were still open).
"""

from datetime import timedelta

from django.utils import timezone

from postings.models import ListingChange

KEPT_FOR = timedelta(days=1)
# A transaction open longer than this when a worker looked may have its change missed; the
# next full read (at the latest at midnight) picks it up.
OPEN_TRANSACTION_MARGIN = timedelta(minutes=2)


def record_listing_changes(sender, *, listing=True, postings=None, **kwargs):
    if not listing or not postings:
        return
    now = timezone.now()
    ListingChange.objects.bulk_create(
        ListingChange(posting_id=pk, changed_at=now) for pk in postings
    )
    ListingChange.objects.filter(changed_at__lt=now - KEPT_FOR).delete()


def postings_changed_since(moment) -> set[int]:
    """The ids of the postings recorded as changed since `moment` (less the margin)."""
    since = moment - OPEN_TRANSACTION_MARGIN
    return set(
        ListingChange.objects.filter(changed_at__gte=since).values_list("posting_id", flat=True)
    )
