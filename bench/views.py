"""The reference page: the site's base template and 20 rows from one query, nothing else; and
a recruiter's save, for the row that measures pages while postings change."""

import itertools

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from postings import services
from postings.models import Posting, WorkAuthorization


def reference(request):
    rows = list(Posting.objects.order_by("-pk").values("title", "slug", "posted_on")[:20])
    return render(request, "bench/reference.html", {"rows": rows})


@csrf_exempt
@require_POST
def recruiter_save(request):
    """What a recruiter's save in the admin does to the site: one published posting (the next
    in turn) saved through the same service with its work authorization changed, a column the
    list page filters on. The benchmark posts here once a second during its "saving" row."""
    posting = (
        Posting.objects.published()
        .filter(pk__gt=next(_turn) % (_largest_id() or 1))
        .order_by("pk")
        .first()
    ) or Posting.objects.published().order_by("pk").first()
    stated = posting.work_authorization != WorkAuthorization.NOT_STATED
    posting.work_authorization = (
        WorkAuthorization.NOT_STATED if stated else WorkAuthorization.NO_SPONSORSHIP
    )
    try:
        services.posting_save(posting=posting)
    except ValidationError:  # a demo posting the admin would refuse too: counted as not saved
        return HttpResponse(status=409)
    return HttpResponse(status=204)


_turn = itertools.count(step=7919)


def _largest_id():
    return Posting.objects.order_by("-pk").values_list("pk", flat=True).first()
