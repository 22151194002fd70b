"""Views of the student-facing pages."""

from postings.views.detail import CompanyDetailView, PostingDetailView, robots_txt
from postings.views.listing import PostingListView

__all__ = ["CompanyDetailView", "PostingDetailView", "PostingListView", "robots_txt"]
