"""The query plans of what the student pages ask the database, as `make bench` prints them.

Run by bench/run.py at each scale, with the server's environment (DATABASE_URL...). Prints
JSON: for each query, the indexes its plan uses and the tables it reads whole.
The list page's filters, facets and order come from the listing index in memory; what is left
for the database is the word search, the page's own rows, a posting, and the feeds.
"""

import json
import os
import re

import django


def plans():
    from postings.listing.filterset import PostingFilter
    from postings.models import Posting

    def search(words):
        words_filter = PostingFilter({"q": words}).filters["q"]
        found = words_filter.filter(Posting.objects.all(), words).order_by()
        return found.values_list("pk", "search_rank")

    newest = list(
        Posting.objects.publicly_visible().newest_first().values_list("pk", flat=True)[:20]
    )
    one = Posting.objects.publicly_visible().select_related("company").order_by("-pk").first()
    queries = {
        "search, 2 words": search("reinforcement learning"),
        "search, other words": search("computer vision"),
        "a page's 20 rows": Posting.objects.publicly_visible()
        .select_related("company")
        .filter(pk__in=newest),
        "a posting (detail page)": Posting.objects.publicly_visible().filter(
            company__slug=one.company.slug, slug=one.slug
        ),
        "Atom feed, newest 20": PostingFilter({}).qs.newest_first()[:20],
    }
    report = {}
    for name, queryset in queries.items():
        plan = queryset.explain()
        report[name] = {
            "indexes": sorted(set(re.findall(r"Index (?:Only )?Scan (?:using|on) (\w+)", plan))),
            "scanned": sorted(set(re.findall(r"Seq Scan on (\w+)", plan))),
        }
    return report


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    print(json.dumps(plans()))
