"""URLs of the student-facing pages."""

from django.urls import path

from postings import views
from postings.feeds import PostingAtomFeed, PostingFeed

app_name = "postings"

urlpatterns = [
    path("", views.PostingListView.as_view(), name="list"),
    path("feeds/rss/", PostingFeed(), name="feed-rss"),
    path("feeds/atom/", PostingAtomFeed(), name="feed-atom"),
    path(
        "internships/<slug:company_slug>/<slug:slug>/",
        views.PostingDetailView.as_view(),
        name="detail",
    ),
    path("companies/<slug:slug>/", views.CompanyDetailView.as_view(), name="company"),
]
