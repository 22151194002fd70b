"""App configuration for postings."""

from django.apps import AppConfig
from django.db.models.signals import pre_save


def _render_markdown_of_fixtures(sender, instance, raw=False, **kwargs):
    """loaddata saves rows as they are in the file, without calling save(): render them here."""
    if raw:
        instance.fill_rendered_html()


class PostingsConfig(AppConfig):
    name = "postings"
    verbose_name = "Internship postings"

    def ready(self):
        from jobboard.cache import invalidate_on, listing_generation
        from postings.listing.changes import record_listing_changes
        from postings.listing.index import current_index
        from postings.models import Company, Posting
        from postings.signals import announce_content_changes, content_changed

        announce_content_changes()
        # Recorded before the cache hears of it: a worker that sees the new generation finds
        # the record (in autocommit the insert is committed before the generation changes).
        content_changed.connect(record_listing_changes, dispatch_uid="record-listing-changes")
        invalidate_on(content_changed)
        current_index.read_generation = listing_generation
        for model in (Company, Posting):
            pre_save.connect(
                _render_markdown_of_fixtures,
                sender=model,
                dispatch_uid=f"render-markdown-of-fixtures-{model._meta.label}",
            )
