"""The list of postings students filter, search, sort and page through."""

from django.views.generic import ListView

from postings.models import Posting


class PostingListView(ListView):
    template_name = "postings/posting_list.html"
    context_object_name = "postings"
    paginate_by = 20

    def get_queryset(self):
        return Posting.objects.open_for_applications().with_list_details()
