"""What the postings app announces: `content_changed`, after any write to what student pages show.

The project's page cache listens (jobboard.cache.invalidate_on); the app knows which of its
models students see and whether a write can change what list pages count, filter and order.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

# Sent with `listing`: whether the write can change what list pages count, filter and order;
# and `postings`: the ids of the postings it changed, or None when it may change any (a
# company's or a place's name, an exchange rate).
content_changed = Signal()


def _changes_listing(kwargs):
    """Whether a write can change what list pages count, filter and order.

    A model says so with `changes_listing`: False on a class whose rows never can, or an
    instance property comparing what a row was loaded with; without it, any write can.
    """
    if "model" in kwargs:  # a many-to-many change: what was linked
        return getattr(kwargs["model"], "changes_listing", True) is not False
    if kwargs["signal"] is post_delete:
        return getattr(type(kwargs["instance"]), "changes_listing", True) is not False
    return getattr(kwargs["instance"], "changes_listing", True)


def _postings_changed(kwargs):
    """The ids of the postings a write changed, or None when it may change any."""
    from postings.models import Posting

    instance = kwargs["instance"]
    if "model" in kwargs:  # a many-to-many change
        if isinstance(instance, Posting):
            return [instance.pk]
        pk_set = kwargs.get("pk_set")
        return sorted(pk_set) if pk_set is not None and kwargs["model"] is Posting else None
    if isinstance(instance, Posting):
        return [instance.pk]
    posting_id = getattr(instance, "posting_id", None)
    return [posting_id] if posting_id is not None else None


def _announce(sender, **kwargs):
    content_changed.send(
        sender=sender, listing=_changes_listing(kwargs), postings=_postings_changed(kwargs)
    )


def announce_content_changes():
    """Sends `content_changed` whenever anything a student page shows is saved or deleted."""
    from postings.models import (
        Category,
        Company,
        ExchangeRate,
        Location,
        PayBand,
        Posting,
        Requirement,
        ResearchArea,
    )

    # An exchange rate changes pay in US dollars a month: the pay sort, filter and cards.
    models = (Company, Location, ResearchArea, Category, Posting, PayBand, Requirement)
    for model in (*models, ExchangeRate):
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(
                _announce, sender=model, dispatch_uid=f"content-changed-{name}-{model._meta.label}"
            )
    for relation in (Posting.locations, Posting.research_areas, Posting.categories):
        m2m_changed.connect(
            _announce,
            sender=relation.through,
            dispatch_uid=f"content-changed-m2m-{relation.through._meta.label}",
        )
