"""Every status change and multi-step write on postings: admin, views and commands call these."""

from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from postings.models import ClosedReason, PayBand, Posting, Requirement, Status

APPLY_URL_REQUIRED = "A published posting needs an apply URL, so students know where to apply."

# What a restore copies back from an earlier version; status moves only through the
# workflow functions, the company, timestamps and version belong to the live row, the date it
# was first published here is a fact of the board's history, and derived columns follow (the
# stored HTML is not kept in the history: saving renders it from the restored text).
NOT_RESTORED = {
    "id", "company", "status", "version", "created_at", "updated_at", "first_published_on",
    "starts_on", "date_posted", *Posting.markdown_columns.values(),
}  # fmt: skip


class PostingConflict(Exception):
    """The posting was saved by someone else since the caller loaded it."""


def _save(posting: Posting, *, user: AbstractBaseUser | None, expected_version: int | None):
    """Validates and saves `posting`, raising its version; refuses if the version moved on."""
    posting.full_clean()
    if user is not None:
        posting._history_user = user
    if posting._state.adding:
        posting.version = 1
        posting.save()
        return posting
    _record_baseline(posting.pk)
    expected = posting.version if expected_version is None else expected_version
    # A conditional UPDATE: of two concurrent saves of the same version only one matches.
    moved = Posting.objects.filter(pk=posting.pk, version=expected).update(version=F("version") + 1)
    if not moved:
        raise PostingConflict(posting.pk)
    posting.version = expected + 1
    posting.save()
    return posting


BASELINE_REASON = "As it was before its history was kept"


def _record_baseline(posting_id: int) -> None:
    """Records the rows loaded without history (fixtures) as they stand, before they change.

    Without a first record, the first edit would show no "before" and could not be undone.
    """
    missing = []
    if not Posting.history.filter(id=posting_id).exists():
        missing.append(Posting.objects.get(pk=posting_id))
    for model in (PayBand, Requirement):
        recorded = model.history.filter(posting_id=posting_id).values_list("id", flat=True)
        missing += model.objects.filter(posting_id=posting_id).exclude(pk__in=recorded)
    for instance in missing:
        instance._history_user = None
        instance._change_reason = BASELINE_REASON
        # Saving one unchanged column fires the history signal without touching updated_at.
        instance.save(update_fields=["version" if isinstance(instance, Posting) else "position"])


def posting_save(
    *, posting: Posting, user: AbstractBaseUser | None = None, expected_version: int | None = None
) -> Posting:
    """Saves a new or edited posting without changing its status."""
    return _save(posting, user=user, expected_version=expected_version)


def _require_apply_url(posting: Posting) -> None:
    if not posting.apply_url:
        raise ValidationError({"apply_url": APPLY_URL_REQUIRED})


def _require_what_students_filter_on(posting: Posting) -> None:
    """A degree level and a work arrangement: the database refuses a published posting
    without them, and this says which is missing, on its field."""
    if missing := posting.missing_for_publishing():
        raise ValidationError(missing)


def posting_publish(
    *, posting: Posting, user: AbstractBaseUser | None = None, today: date | None = None
) -> Posting:
    """Draft to published; records the day it was first published here.

    `posted_on` stays the original posting's own date (or empty): the day it came onto this
    board is `first_published_on`, and `date_posted` shows whichever is known.
    """
    if posting.status != Status.DRAFT:
        raise ValidationError(f"Only drafts can be published; this posting is {posting.status}.")
    _require_apply_url(posting)
    _require_what_students_filter_on(posting)
    posting.status = Status.PUBLISHED
    posting.first_published_on = posting.first_published_on or today or timezone.localdate()
    return _save(posting, user=user, expected_version=None)


def posting_close(*, posting: Posting, user: AbstractBaseUser | None = None) -> Posting:
    """Published to closed: students still see it, marked closed."""
    if posting.status != Status.PUBLISHED:
        raise ValidationError(
            f"Only published postings can be closed; this one is {posting.status}."
        )
    posting.status = Status.CLOSED
    return _save(posting, user=user, expected_version=None)


REOPEN_REFUSALS = {
    ClosedReason.CLOSING_DATE_PASSED: (
        "The closing date has passed: set a later one before reopening."
    ),
    ClosedReason.INTERNSHIP_STARTED: (
        "The internship has started and no closing date is set: set a closing date ahead, "
        "or correct the season, year or start window, before reopening."
    ),
}


def posting_reopen(
    *, posting: Posting, user: AbstractBaseUser | None = None, today: date | None = None
) -> Posting:
    """Closed back to published, provided it has an apply URL and would take applications."""
    if posting.status != Status.CLOSED:
        raise ValidationError(
            f"Only closed postings can be reopened; this one is {posting.status}."
        )
    _require_apply_url(posting)
    _require_what_students_filter_on(posting)
    # The dates' reasons come before "closed by the company", which reopening takes away.
    reason = posting.closed_reason(today or timezone.localdate())
    if reason in REOPEN_REFUSALS:
        raise ValidationError({"closes_on": REOPEN_REFUSALS[reason]})
    posting.status = Status.PUBLISHED
    return _save(posting, user=user, expected_version=None)


def _free_slug(posting: Posting) -> str:
    taken = set(Posting.objects.for_company(posting.company_id).values_list("slug", flat=True))
    max_length = Posting._meta.get_field("slug").max_length
    for number in range(1, len(taken) + 2):
        suffix = "-copy" if number == 1 else f"-copy-{number}"
        candidate = posting.slug[: max_length - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable: one of len(taken) + 1 candidates is free")


@transaction.atomic
def posting_duplicate_as_draft(
    *, posting: Posting, user: AbstractBaseUser | None = None
) -> Posting:
    """A draft copy of `posting` with its pay bands, requirements and tags, under a new slug."""
    copy = Posting.objects.get(pk=posting.pk)
    copy.pk = None
    copy._state.adding = True
    copy.slug = _free_slug(posting)
    copy.status = Status.DRAFT
    copy.posted_on = None
    copy.first_published_on = None
    copy.closes_on = None
    _save(copy, user=user, expected_version=None)
    copy.locations.set(posting.locations.all())
    copy.research_areas.set(posting.research_areas.all())
    copy.categories.set(posting.categories.all())
    for band in posting.pay_bands.all():
        band.pk = None
        band.posting = copy
        _save_row(band, user=user)
    for requirement in posting.requirements.all():
        requirement.pk = None
        requirement.posting = copy
        _save_row(requirement, user=user)
    return copy


def posting_delete(*, posting: Posting, user: AbstractBaseUser | None = None) -> None:
    """Deletes a draft; published and closed postings are closed instead, never deleted."""
    if posting.status != Status.DRAFT:
        raise ValidationError("Only drafts can be deleted; close a published posting instead.")
    if user is not None:
        posting._history_user = user
    posting.delete()


def postings_close_expired(
    *, today: date | None = None, user: AbstractBaseUser | None = None
) -> int:
    """Closes every published posting that no longer takes applications; returns how many.

    Students already see these postings as closed (being open is worked out from the dates
    on every read); this brings the stored status in line, so the admin's status column,
    filters and actions agree with what students see.
    """
    today = today or timezone.localdate()
    expired = Posting.objects.no_longer_open(today).select_related("company")
    closed = 0
    for posting in expired:
        with transaction.atomic():
            posting_close(posting=posting, user=user)
        closed += 1
    return closed


def _save_row(row: PayBand | Requirement, *, user: AbstractBaseUser | None) -> None:
    row.full_clean()
    if user is not None:
        row._history_user = user
    row.save()


def _rows_before(history_manager, *, posting_id: int, moment) -> list:
    """The rows of a posting as they were just before `moment` (None: as they are now)."""
    records = history_manager.filter(posting_id=posting_id)
    if moment is not None:
        records = records.filter(history_date__lt=moment)
    latest = {}
    for record in records.order_by("history_date", "history_id"):
        latest[record.id] = record
    return [record for record in latest.values() if record.history_type != "-"]


def posting_version_rows(*, record) -> tuple[list, list]:
    """The pay bands and requirements a posting had when the save behind `record` finished.

    A save writes the posting's history row first and its pay bands and requirements just
    after, so the version ends where the posting's next version begins.
    """
    following = (
        Posting.history.filter(id=record.id, version__gt=record.version)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    pay_bands = _rows_before(PayBand.history, posting_id=record.id, moment=following)
    requirements = _rows_before(Requirement.history, posting_id=record.id, moment=following)
    pay_bands.sort(key=lambda band: (band.position, band.id))
    requirements.sort(key=lambda row: (row.position, row.id))
    return pay_bands, requirements


def _restore_rows(model, current: QuerySet, wanted: list, *, user) -> None:
    wanted_ids = {record.id for record in wanted}
    for row in current.exclude(pk__in=wanted_ids):
        if user is not None:
            row._history_user = user
        row.delete()
    existing_ids = set(current.values_list("pk", flat=True))
    fields = [f.attname for f in model._meta.concrete_fields if not f.generated]
    for record in wanted:
        row = model(**{name: getattr(record, name) for name in fields})
        # A row that still exists is updated in place; a deleted one comes back with its id.
        row._state.adding = record.id not in existing_ids
        _save_row(row, user=user)


@transaction.atomic
def posting_restore(*, posting: Posting, record, user: AbstractBaseUser | None = None) -> Posting:
    """Brings back the text, tags, pay bands and requirements of an earlier version.

    The status stays as it is (it only moves through the workflow), as do the company and
    the timestamps; the restore is itself a new version in the history.
    """
    if record.id != posting.pk:
        raise ValidationError("That version belongs to another posting.")
    live_apply_url = posting.apply_url
    for field in Posting._meta.concrete_fields:
        if field.name not in NOT_RESTORED:
            setattr(posting, field.attname, getattr(record, field.attname))
    if posting.status != Status.DRAFT and live_apply_url:
        _require_apply_url(posting)
    _save(posting, user=user, expected_version=None)
    posting.locations.set([row.location_id for row in record.locations.all()])
    posting.research_areas.set([row.researcharea_id for row in record.research_areas.all()])
    posting.categories.set([row.category_id for row in record.categories.all()])
    pay_bands, requirements = posting_version_rows(record=record)
    _restore_rows(PayBand, posting.pay_bands.all(), pay_bands, user=user)
    _restore_rows(Requirement, posting.requirements.all(), requirements, user=user)
    return posting


@transaction.atomic
def posting_set_rows(
    *,
    posting: Posting,
    pay_bands: list[dict],
    requirements: list[dict],
    user: AbstractBaseUser | None = None,
) -> bool:
    """Makes a posting's pay bands and requirements these rows, in this order.

    Each row is a dict of field values. Only rows that differ are written, so the history shows
    what changed and setting the same rows again writes nothing. Returns whether anything did.
    """
    changed = _set_rows(PayBand, posting, pay_bands, user=user)
    return _set_rows(Requirement, posting, requirements, user=user) or changed


def _set_rows(model, posting: Posting, wanted: list[dict], *, user) -> bool:
    current = list(model.objects.filter(posting=posting).order_by("position", "pk"))
    for row in current[len(wanted) :]:
        if user is not None:
            row._history_user = user
        row.delete()
    changed = len(current) > len(wanted)
    for position, values in enumerate(wanted):
        values = {**values, "position": position}
        row = current[position] if position < len(current) else model(posting=posting)
        if row.pk is not None and not _differs(row, values):
            continue
        for name, value in values.items():
            setattr(row, name, value)
        _save_row(row, user=user)
        changed = True
    return changed


def _differs(row, values: dict) -> bool:
    """Whether saving `values` would change `row` (a related row, e.g. an office, by its key)."""
    for name, value in values.items():
        stored = getattr(row, row._meta.get_field(name).attname)
        if getattr(value, "pk", value) != stored:
            return True
    return False
