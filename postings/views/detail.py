"""One posting's page, a company's page, and robots.txt."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import DetailView

from postings.models import Company, Posting


class PostingDetailView(DetailView):
    template_name = "postings/posting_detail.html"
    context_object_name = "posting"

    def get_object(self, queryset=None):
        postings = Posting.objects.viewable_by(self.request.user).with_all_details()
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


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
