"""The list of postings students filter, search, sort and page through."""

from django.utils.cache import patch_cache_control
from django.views.generic import ListView

from postings.feeds import PostingFeed
from postings.listing.page import ListingPage
from postings.views.cards import posting_cards


def nearest_page(number, last_page):
    """The page to show for any `page` parameter: junk is 1, out-of-range the nearest end."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), last_page)


class PostingListView(ListView):
    template_name = "postings/posting_list.html"
    # Each posting's card as HTML, in order (postings.views.cards).
    context_object_name = "cards"
    paginate_by = 20

    def get_queryset(self):
        self.listing = ListingPage(self.request.GET)
        return self.listing.postings

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.listing.is_stale:
            # Answered from an index older than the data: no cache may keep this page.
            patch_cache_control(response, no_store=True)
        return response

    def paginate_queryset(self, postings, page_size):
        # Pages of ids: the cards are read from the cache, and rows only for those not there.
        paginator = self.get_paginator(postings.ids, page_size)
        page = paginator.page(nearest_page(self.request.GET.get("page"), paginator.num_pages))
        page.object_list = posting_cards(self.request, page.object_list.tolist())
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.listing.context(context["page_obj"]))
        context["feed_title"] = PostingFeed().title(self.listing.filterset)
        return context
