"""The reference page: the site's base template and 20 rows from one query, nothing else."""

from django.shortcuts import render

from postings.models import Posting


def reference(request):
    rows = list(Posting.objects.order_by("-pk").values("title", "slug", "posted_on")[:20])
    return render(request, "bench/reference.html", {"rows": rows})
