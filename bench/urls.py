"""The site's URLs plus the benchmark's reference page."""

from django.urls import include, path

from bench.views import recruiter_save, reference

urlpatterns = [
    path("bench/reference/", reference, name="bench-reference"),
    path("bench/recruiter-save/", recruiter_save, name="bench-recruiter-save"),
    path("", include("jobboard.urls")),
]
