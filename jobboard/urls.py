"""Top-level URL configuration."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from jobboard.health import healthz
from postings.admin import superuser_only_shortcut
from postings.sitemaps import sitemaps
from postings.views import robots_txt

urlpatterns = [
    path(
        f"{settings.ADMIN_URL}r/<int:content_type_id>/<path:object_id>/",
        superuser_only_shortcut,
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("", include("students.urls")),
    path("", include("postings.urls")),
]
