"""Pages students see: the list of postings and one page per posting."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from postings.models import Company, Posting


class PostingListView(ListView):
    template_name = "postings/posting_list.html"
    context_object_name = "postings"
    paginate_by = 20

    def get_queryset(self):
        return Posting.objects.open_for_applications().with_list_details()


class PostingDetailView(DetailView):
    template_name = "postings/posting_detail.html"
    context_object_name = "posting"

    def get_object(self, queryset=None):
        postings = Posting.objects.with_all_details()
        if not self.request.user.is_staff:
            postings = postings.publicly_visible()
        return get_object_or_404(
            postings, company__slug=self.kwargs["company_slug"], slug=self.kwargs["slug"]
        )


class CompanyDetailView(DetailView):
    template_name = "postings/company_detail.html"
    context_object_name = "company"
    queryset = Company.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            postings=Posting.objects.publicly_visible()
            .for_company(self.object)
            .with_list_details(),
            **kwargs,
        )
