"""Writes of the students app: saved lists and their entries. Views and commands call these."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from postings.models import Posting
from students.models import UNUSED_LIST_DAYS, SavedInternship, SavedList, new_key

# A list's last use is written at most this often, not on every page it is read on.
LAST_USED_PRECISION = timedelta(hours=1)


def saved_list_for_key(key: str | None) -> SavedList | None:
    if not key:
        return None
    return SavedList.objects.filter(key=key).first()


def saved_list_touch(*, saved_list: SavedList) -> None:
    """Records that the list is in use, so it is not deleted as unused."""
    now = timezone.now()
    if now - saved_list.last_used_at >= LAST_USED_PRECISION:
        SavedList.objects.filter(pk=saved_list.pk).update(last_used_at=now)
        saved_list.last_used_at = now


def _list_with_key(key: str) -> SavedList:
    """The list with `key`, created if this is its first entry (two tabs may race to it)."""
    try:
        with transaction.atomic():
            saved_list, _ = SavedList.objects.get_or_create(key=key)
    except IntegrityError:
        saved_list = SavedList.objects.get(key=key)
    return saved_list


def saved_internship_save(*, key: str, posting: Posting) -> SavedInternship:
    """Saves `posting` on the list with `key`; saving it again keeps the one entry."""
    saved_list = _list_with_key(key)
    saved_list_touch(saved_list=saved_list)
    defaults = {"title": posting.title, "company_name": posting.company.name}
    try:
        with transaction.atomic():
            entry, _ = SavedInternship.objects.get_or_create(
                saved_list=saved_list, posting=posting, defaults=defaults
            )
    except IntegrityError:
        entry = SavedInternship.objects.get(saved_list=saved_list, posting=posting)
    return entry


def saved_internship_remove(*, saved_list: SavedList, entry_id: int) -> bool:
    """Removes one entry of `saved_list`; an id of another list's entry removes nothing."""
    deleted, _ = saved_list.entries.filter(pk=entry_id).delete()
    saved_list_touch(saved_list=saved_list)
    return bool(deleted)


def saved_internship_update(*, entry: SavedInternship, status: str, note: str) -> SavedInternship:
    """Sets the student's status (dated today when it changes) and private note."""
    if status != entry.status:
        entry.status = status
        entry.status_set_on = timezone.localdate()
    entry.note = note
    entry.full_clean()
    entry.save(update_fields=["status", "status_set_on", "note"])
    saved_list_touch(saved_list=entry.saved_list)
    return entry


def saved_list_new_key(*, saved_list: SavedList) -> SavedList:
    """Gives the list a new key: the old private link stops working at once."""
    saved_list.key = new_key()
    saved_list.last_used_at = timezone.now()
    saved_list.save(update_fields=["key", "last_used_at"])
    return saved_list


@transaction.atomic
def saved_list_merge(*, into: SavedList, source: SavedList | None) -> SavedList:
    """Moves what `source` holds onto `into` (a device opening a private link keeps what it had
    saved); a posting on both keeps `into`'s entry. `source` is then deleted."""
    if source is None or source.pk == into.pk:
        return into
    held = set(into.entries.values_list("posting_id", flat=True))
    source.entries.exclude(posting_id__in=[pk for pk in held if pk is not None]).update(
        saved_list=into
    )
    source.delete()
    saved_list_touch(saved_list=into)
    return into


def saved_lists_delete_unused(*, now=None) -> int:
    """Deletes the lists nobody opened or changed for UNUSED_LIST_DAYS; returns how many."""
    now = now or timezone.now()
    deleted, by_model = SavedList.objects.unused_since(
        now - timedelta(days=UNUSED_LIST_DAYS)
    ).delete()
    return by_model.get(SavedList._meta.label, 0)
