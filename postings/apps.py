"""App configuration for postings."""

from django.apps import AppConfig


class PostingsConfig(AppConfig):
    name = "postings"
    verbose_name = "Internship postings"

    def ready(self):
        from jobboard.cache import connect_invalidation

        connect_invalidation()
