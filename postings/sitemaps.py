"""sitemap.xml: the list page, postings open for applications, and the companies offering them."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse

from postings.models import Company, Posting


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["postings:list"]

    def location(self, item):
        return reverse(item)


class PostingSitemap(Sitemap):
    """Open postings only: drafts are private, and Google asks for expired jobs to be dropped."""

    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Posting.objects.open_for_applications().select_related("company").order_by("pk")

    def lastmod(self, posting):
        return posting.updated_at


class CompanySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        open_postings = Posting.objects.open_for_applications().filter(company=OuterRef("pk"))
        return (
            Company.objects.filter(Exists(open_postings))
            .annotate(last_change=Max("postings__updated_at"))
            .order_by("pk")
        )

    def lastmod(self, company):
        return company.last_change


sitemaps = {"home": HomeSitemap, "postings": PostingSitemap, "companies": CompanySitemap}
