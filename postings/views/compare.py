"""The compare page: two to four postings side by side, one row per fact."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from postings import pay
from postings.compare import MAX_COMPARED, MAX_IDS_READ, MIN_COMPARED, posting_comparison


def _compare_url(postings) -> str:
    query = urlencode([("posting", posting.pk) for posting in postings])
    return f"{reverse('postings:compare')}?{query}" if query else reverse("postings:compare")


@require_GET
def compare_postings(request):
    comparison = posting_comparison(values=request.GET.getlist("posting"))
    columns = [
        {
            "posting": posting,
            "without_url": _compare_url(
                [other for other in comparison.postings if other != posting]
            ),
        }
        for posting in comparison.postings
    ]
    return render(
        request,
        "postings/compare.html",
        {
            "comparison": comparison,
            "columns": columns,
            "share_url": request.build_absolute_uri(_compare_url(comparison.postings)),
            "min_compared": MIN_COMPARED,
            "max_compared": MAX_COMPARED,
            "max_ids_read": MAX_IDS_READ,
            "pay_assumptions": pay.ASSUMPTIONS,
        },
    )
