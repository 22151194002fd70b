"""URLs of the student-facing pages."""

from django.urls import path

from postings import views

app_name = "postings"

urlpatterns = [
    path("", views.PostingListView.as_view(), name="list"),
    path(
        "internships/<slug:company_slug>/<slug:slug>/",
        views.PostingDetailView.as_view(),
        name="detail",
    ),
    path("companies/<slug:slug>/", views.CompanyDetailView.as_view(), name="company"),
]
