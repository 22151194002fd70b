"""Views of the student-facing pages."""

from postings.views.compare import compare_postings
from postings.views.detail import CompanyDetailView, PostingDetailView, robots_txt
from postings.views.listing import PostingListView

__all__ = [
    "CompanyDetailView",
    "compare_postings",
    "PostingDetailView",
    "PostingListView",
    "robots_txt",
]
