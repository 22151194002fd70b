"""The site's URLs plus the benchmark's reference page."""

from django.urls import include, path

from bench.views import reference

urlpatterns = [
    path("bench/reference/", reference, name="bench-reference"),
    path("", include("jobboard.urls")),
]
