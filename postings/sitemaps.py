"""sitemap.xml: every posting a student can open, and every company page."""

from django.contrib.sitemaps import Sitemap

from postings.models import Company, Posting


class PostingSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Posting.objects.publicly_visible().select_related("company").order_by("pk")

    def lastmod(self, posting):
        return posting.updated_at


class CompanySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Company.objects.filter(postings__status="published").distinct().order_by("pk")


sitemaps = {"postings": PostingSitemap, "companies": CompanySitemap}
