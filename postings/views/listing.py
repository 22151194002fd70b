"""The list of postings students filter, search, sort and page through."""

from django.utils.cache import patch_cache_control
from django.views.generic import ListView

from postings.facets import facet_counts
from postings.feeds import PostingFeed
from postings.filters import MIN_PAY_RULE, PostingFilter, Sort
from postings.listing_index import current_index
from postings.results import ListingResults


def nearest_page(number, last_page):
    """The page to show for any `page` parameter: junk is 1, out-of-range the nearest end."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), last_page)


class PostingListView(ListView):
    template_name = "postings/posting_list.html"
    context_object_name = "postings"
    paginate_by = 20

    def get_queryset(self):
        # Always bound, even to an empty query string, so "open postings only" applies.
        self.filterset = PostingFilter(self.request.GET)
        self.results = ListingResults(self.filterset)
        return self.results.postings

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if current_index.is_stale:
            # Answered from an index older than the data: no cache may keep this page.
            patch_cache_control(response, no_store=True)
        return response

    def paginate_queryset(self, postings, page_size):
        paginator = self.get_paginator(postings, page_size)
        page = paginator.page(nearest_page(self.request.GET.get("page"), paginator.num_pages))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        active = filterset.active_filters()
        words = filterset.words
        page = context["page_obj"]
        context.update(
            filter=filterset,
            form=filterset.form,
            facets=facet_counts(self.results),
            active_filters=active,
            narrowing_filters=[f for f in active if f.name != "q"],
            words=words,
            words_query=filterset.active_query(without=set(filterset.filters) - {"q"}),
            without_words_query=filterset.active_query(without={"q"}),
            feed_query=filterset.active_query(),
            feed_title=PostingFeed().title(filterset),
            sorts=[sort for sort in Sort if sort != Sort.RELEVANCE or words],
            current_sort=filterset.current_sort,
            chosen_sort=filterset.chosen_sort,
            page_range=page.paginator.get_elided_page_range(page.number, on_each_side=2),
            min_pay_rule=MIN_PAY_RULE,
            closed_included=filterset.closed_included(),
            closed_count=self.results.closed_count(),
        )
        return context
