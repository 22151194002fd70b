"""URLs of the student-facing pages."""

from django.urls import path

from postings import views
from postings.calendar import postings_calendar_feed
from postings.feeds import PostingAtomFeed, PostingFeed
from postings.views.clean_urls import without_empty_parameters

app_name = "postings"

urlpatterns = [
    path("", without_empty_parameters(views.PostingListView.as_view()), name="list"),
    path("feeds/rss/", without_empty_parameters(PostingFeed()), name="feed-rss"),
    path("feeds/atom/", without_empty_parameters(PostingAtomFeed()), name="feed-atom"),
    path("feeds/ics/", without_empty_parameters(postings_calendar_feed), name="feed-ics"),
    path(
        "internships/<slug:company_slug>/<slug:slug>/",
        views.PostingDetailView.as_view(),
        name="detail",
    ),
    path("companies/<slug:slug>/", views.CompanyDetailView.as_view(), name="company"),
    path("compare/", views.compare_postings, name="compare"),
]
