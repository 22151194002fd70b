"""The list of postings students filter, search, sort and page through."""

from django.core.paginator import Paginator
from django.views.generic import ListView

from postings.facets import facet_counts
from postings.feeds import PostingFeed
from postings.filters import MIN_PAY_RULE, PostingFilter, Sort


def nearest_page(number, last_page):
    """The page to show for any `page` parameter: junk is 1, out-of-range the nearest end."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), last_page)


class CountedPaginator(Paginator):
    """A paginator told how many objects there are, so that it runs no COUNT of its own."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count


class PostingListView(ListView):
    template_name = "postings/posting_list.html"
    context_object_name = "postings"
    paginate_by = 20
    paginator_class = CountedPaginator

    def get_queryset(self):
        # Always bound, even to an empty query string, so "open postings only" applies.
        self.filterset = PostingFilter(self.request.GET)
        return self.filterset.qs.with_list_details()

    def paginate_queryset(self, queryset, page_size):
        # The facet counts count the results too (and are cached), so the page needs no COUNT.
        self.facet_counts = facet_counts(self.filterset)
        paginator = self.get_paginator(queryset, page_size, count=self.facet_counts.total)
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
            facets=self.facet_counts.facets,
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
        )
        return context
