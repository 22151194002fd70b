"""One posting's page, a company's page, and robots.txt."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import DetailView

from postings import pay, selectors
from postings.common_pay import Rates
from postings.jsonld import job_posting
from postings.models import Company, Posting
from postings.views.cards import posting_cards


class PostingDetailView(DetailView):
    template_name = "postings/posting_detail.html"
    context_object_name = "posting"

    def get_object(self, queryset=None):
        postings = Posting.objects.viewable_by(self.request.user).with_all_details()
        return get_object_or_404(
            postings, company__slug=self.kwargs["company_slug"], slug=self.kwargs["slug"]
        )

    def get_context_data(self, **kwargs):
        posting = self.object
        # Google asks for expired and unpublished jobs to carry no JobPosting data.
        listed = posting.is_open_for_applications()
        return super().get_context_data(
            similar_cards=posting_cards(
                self.request, selectors.posting_similar_ids(posting=posting), heading_level=3
            ),
            pay_insight=selectors.posting_pay_insight(
                posting=posting, rates=Rates.for_request(self.request)
            ),
            job_posting_data=(
                job_posting(
                    posting, url=self.request.build_absolute_uri(posting.get_absolute_url())
                )
                if listed
                else None
            ),
            indexable=listed,
            pay_assumptions=pay.ASSUMPTIONS,
            **kwargs,
        )


class CompanyDetailView(DetailView):
    template_name = "postings/company_detail.html"
    context_object_name = "company"
    queryset = Company.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            postings=selectors.company_posting_lists(company=self.object), **kwargs
        )


@require_GET
def robots_txt(request):
    """Crawl every page but not the endless filter and sort combinations of the list.

    The sitemap names every open posting, so nothing is lost by skipping query strings. The
    admin is left out on purpose: naming a moved ADMIN_URL here would publish it.
    """
    lines = [
        "User-agent: *",
        "Disallow: /*?",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
