"""Every write of the imports app: drafts from pasted text, and a company's board kept in step.

Postings are written only through `postings.services`, which keep their history and refuse a
save that lost a race; each imported posting is written in its own transaction.
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from imports.ats import Job, fetch_jobs, job_reading
from imports.client import BoardUnavailable
from imports.drafts import PostingDraft, draft_from_reading, free_slug
from imports.models import ImportRun, JobBoard, PostingSource
from imports.pasted import PastedPosting, sanitised_original
from postings import services
from postings.models import Posting, Status

logger = logging.getLogger(__name__)

REMOVED_FROM_BOARD = "Removed from the company's job board"
# A run that died leaves its board marked as running; another may start after this long.
LEASE = timedelta(minutes=30)
RUNS_KEPT = 100

# The posting's fields an import writes, and so the ones an edit here is told by. Not the
# slug (written once), the status (the workflow's) or the posting date (publishing stamps it).
IMPORTED_FIELDS = (
    "title", "organization", "team", "summary", "season", "year", "start_window",
    "duration_weeks", "for_bachelors", "for_masters", "for_phd", "offers_onsite", "offers_hybrid",
    "offers_remote", "applicants_based_in", "work_authorization", "note_to_applicants",
    "in_office_requirement", "pay_note", "apply_url", "closes_on",
)  # fmt: skip


# Pasted text.


def created_from_text_reason(pasted: PastedPosting) -> str:
    if pasted.filename:
        return f"Created from the uploaded file {pasted.filename}"
    return "Created from pasted text"


@transaction.atomic
def posting_create_from_text(
    *, posting: Posting, pasted: PastedPosting, user: AbstractBaseUser | None
) -> Posting:
    """Saves a new posting, read from `pasted` and checked by `user`, as a draft with its source."""
    posting.status = Status.DRAFT
    posting._change_reason = created_from_text_reason(pasted)
    services.posting_save(posting=posting, user=user)
    PostingSource.objects.create(
        posting=posting,
        origin=pasted.origin,
        original_text=pasted.text,
        original_is_html=pasted.is_html,
    )
    return posting


def source_resume_updates(*, source: PostingSource) -> None:
    """Lets the next import overwrite edits made here with the board's version."""
    source.imported_digest = content_digest(posting_content(source.posting))
    source.held_back_at = None
    source.save(update_fields=["imported_digest", "held_back_at"])


# A company's job board.


@dataclass
class Change:
    """What an import did, or would do, to one posting."""

    action: str  # one of ImportReport.COUNTED, "unchanged" or "not imported"
    title: str
    detail: str = ""

    def __str__(self):
        return f"{self.action}: {self.title}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class ImportReport:
    """One board's import: its changes, how many roles were not internships, or why it failed."""

    board: JobBoard
    dry_run: bool = False
    changes: list[Change] = field(default_factory=list)
    not_internships: int = 0
    error: str = ""
    skipped: str = ""  # why the run did not start (another run holds the board)

    COUNTED = {
        "new": "created",
        "updated": "updated",
        "removed": "removed",
        "left alone": "held_back",
        "unchanged": "unchanged",
        "not imported": "failed",
    }

    def add(self, action: str, title: str, detail: str = "") -> None:
        self.changes.append(Change(action, title, detail))

    def count(self, action: str) -> int:
        return sum(change.action == action for change in self.changes)

    @property
    def changed_anything(self) -> bool:
        return any(change.action in {"new", "updated", "removed"} for change in self.changes)

    def lines(self) -> list[str]:
        return [str(change) for change in self.changes if change.action != "unchanged"]

    def counts(self) -> dict[str, int]:
        """ImportRun's count fields."""
        return {column: self.count(action) for action, column in self.COUNTED.items()}


def board_import(
    *, board: JobBoard, base_url: str | None = None, dry_run: bool = False, **client_options
) -> ImportReport:
    """Reads `board` and brings its company's imported postings in step with it.

    A board that cannot be read changes nothing. A dry run says what it would do, and writes
    nothing at all (not even the run's record).
    """
    report = ImportReport(board=board, dry_run=dry_run)
    started = timezone.now()
    if not dry_run and not _take_lease(board, started):
        report.skipped = "another import of this board is still running"
        return report
    try:
        try:
            jobs = fetch_jobs(board, base_url=base_url, **client_options)
        except BoardUnavailable as error:
            report.error = str(error)
        else:
            _keep_in_step(board, jobs, report)
        if not dry_run:
            _record_run(board, report, started)
    finally:
        if not dry_run:
            JobBoard.objects.filter(pk=board.pk).update(running_since=None)
    return report


def _take_lease(board: JobBoard, now) -> bool:
    free = Q(running_since__isnull=True) | Q(running_since__lt=now - LEASE)
    return JobBoard.objects.filter(free, pk=board.pk).update(running_since=now) == 1


def _keep_in_step(board: JobBoard, jobs: list[Job], report: ImportReport) -> None:
    internships = [job for job in jobs if job.is_internship]
    report.not_internships = len(jobs) - len(internships)
    sources = {
        source.external_id: source
        for source in board.sources.select_related("posting", "posting__company")
    }
    on_board = set()
    for job in internships:
        if job.external_id in on_board:
            continue
        on_board.add(job.external_id)
        source = sources.get(job.external_id)
        try:
            if source is None:
                _import_new(board, job, report)
            elif source.posting is not None:
                _import_known(source, job, report)
            # A source without its posting: a recruiter deleted the import; it stays deleted.
        except Exception as error:
            # One posting's surprise (a reader failing on its text, say) must not stop the rest.
            logger.exception("Importing job %s of %s failed", job.external_id, board)
            report.add("not imported", job.title, f"{type(error).__name__}; see the log")
    for external_id, source in sources.items():
        if external_id not in on_board and source.posting and source.removed_at is None:
            _remove(source, report)


def _import_new(board: JobBoard, job: Job, report: ImportReport) -> None:
    publish = board.publish_at_once
    if report.dry_run:
        report.add("new", job.title, "would be published" if publish else "would be a draft")
        return
    try:
        with transaction.atomic():
            posting = _create_posting(board, job)
            detail = _publish(posting) if publish else "draft"
    except NotImportable as error:
        report.add("not imported", job.title, str(error))
    except ValidationError as error:
        report.add("not imported", job.title, _messages(error))
    except IntegrityError:
        report.add("not imported", job.title, "imported meanwhile by another run")
    else:
        report.add("new", posting.title, detail)


class NotImportable(Exception):
    """The board's posting lacks what every posting here needs; the message says what."""


def _create_posting(board: JobBoard, job: Job) -> Posting:
    draft = draft_from_reading(job_reading(job))
    missing = [name for name in ("season", "year") if not draft.fields[name]]
    if missing:
        raise NotImportable(
            f"its text states no {' or '.join(missing)}; paste it with "
            "“New posting from text” and fill them in"
        )
    posting = Posting(
        company=board.company,
        slug=free_slug(board.company, draft.fields["title"]),
        status=Status.DRAFT,
        **draft.fields,
    )
    posting._change_reason = f"Imported from the company's {board.get_kind_display()} board"
    services.posting_save(posting=posting)
    _write_tags_and_rows(posting, draft)
    PostingSource.objects.create(
        posting=posting,
        origin=board.kind,
        board=board,
        external_id=job.external_id,
        **_as_imported(posting, job),
    )
    return posting


def _publish(posting: Posting) -> str:
    """Publishes a new import, or says why it stays a draft."""
    try:
        with transaction.atomic():
            services.posting_publish(posting=posting)
    except ValidationError as error:
        posting.status = Status.DRAFT
        return f"left as a draft: {_messages(error)}"
    return "published"


def _import_known(source: PostingSource, job: Job, report: ImportReport) -> None:
    posting = source.posting
    back = source.removed_at is not None
    changed = job.fingerprint != source.upstream_digest
    if not back and not changed:
        report.add("unchanged", posting.title)
        return
    edited_here = content_digest(posting_content(posting)) != source.imported_digest
    if changed and edited_here:
        if not report.dry_run and source.held_back_at is None:
            source.held_back_at = timezone.now()
            source.save(update_fields=["held_back_at"])
        report.add("left alone", posting.title, "edited here since the last import; not updated")
        changed = False
        if not back:
            return
    if report.dry_run:
        what = "back on the board" if back else "changed on the board"
        report.add("updated", posting.title, f"{what}; would be updated")
        return
    try:
        with transaction.atomic():
            detail = _update_posting(source, job, back=back, changed=changed)
    except services.PostingConflict:
        report.add("left alone", posting.title, "edited here meanwhile; not updated")
    except ValidationError as error:
        report.add("not imported", posting.title, _messages(error))
    else:
        report.add("updated" if detail else "unchanged", posting.title, detail)


def _update_posting(source: PostingSource, job: Job, *, back: bool, changed: bool) -> str:
    """Brings one posting in step with the board's job; says what changed ("" for nothing)."""
    posting = source.posting
    done = []
    if back:
        source.removed_at = None
        done.append("back on the board")
        if posting.status == Status.CLOSED and _closed_on_removal(posting):
            done[-1] += ", " + _reopen(posting)
    if changed:
        draft = draft_from_reading(job_reading(job))
        if content_digest(draft_content(draft)) != content_digest(posting_content(posting)):
            loaded_version = posting.version
            for name in IMPORTED_FIELDS:
                setattr(posting, name, draft.fields[name])
            posting._change_reason = (
                f"Updated from the company's {source.board.get_kind_display()} board"
            )
            services.posting_save(posting=posting, expected_version=loaded_version)
            _write_tags_and_rows(posting, draft)
            done.append("changed on the board")
    for name, value in _as_imported(posting, job).items():
        setattr(source, name, value)
    source.held_back_at = None
    source.save()
    return "; ".join(done)


def _reopen(posting: Posting) -> str:
    try:
        with transaction.atomic():
            services.posting_reopen(posting=posting)
    except ValidationError as error:
        posting.status = Status.CLOSED
        return f"not reopened: {_messages(error)}"
    return "reopened"


def _closed_on_removal(posting: Posting) -> bool:
    """Whether the posting is closed because the import closed it, and nobody touched it since."""
    latest = posting.history.order_by("-history_date", "-history_id").first()
    return latest is not None and latest.history_change_reason == REMOVED_FROM_BOARD


def _remove(source: PostingSource, report: ImportReport) -> None:
    posting = source.posting
    closes = posting.status == Status.PUBLISHED
    if report.dry_run:
        report.add("removed", posting.title, "would be closed" if closes else "would be marked")
        return
    try:
        with transaction.atomic():
            source.removed_at = timezone.now()
            source.save(update_fields=["removed_at"])
            if closes:
                posting._change_reason = REMOVED_FROM_BOARD
                services.posting_close(posting=posting)
    except services.PostingConflict:
        report.add("left alone", posting.title, "edited here meanwhile; closed on the next run")
        return
    except ValidationError as error:
        report.add("not imported", posting.title, _messages(error))
        return
    detail = "closed" if closes else f"marked; it stays {posting.get_status_display().lower()}"
    report.add("removed", posting.title, detail)


def _write_tags_and_rows(posting: Posting, draft: PostingDraft) -> None:
    posting.locations.set(draft.locations)
    posting.research_areas.set(draft.research_areas)
    posting.categories.set(draft.categories)
    services.posting_set_rows(
        posting=posting, pay_bands=draft.pay_bands, requirements=draft.requirements
    )


def _as_imported(posting: Posting, job: Job) -> dict:
    """A source's fields once `job` is written to `posting`."""
    return {
        "original_text": sanitised_original(job.description_html, is_html=True),
        "original_is_html": True,
        "upstream_digest": job.fingerprint,
        "imported_digest": content_digest(posting_content(posting)),
        "imported_at": timezone.now(),
    }


def _record_run(board: JobBoard, report: ImportReport, started) -> None:
    run = ImportRun.objects.create(
        board=board,
        started_at=started,
        finished_at=timezone.now(),
        report="\n".join(report.lines()),
        error=report.error,
        **report.counts(),
    )
    JobBoard.objects.filter(pk=board.pk).update(last_run=run)
    kept = board.runs.values_list("pk", flat=True)[:RUNS_KEPT]
    board.runs.exclude(pk__in=list(kept)).delete()


def _messages(error: ValidationError) -> str:
    """A validation error as one line: "year: Ensure this value is less than or equal to 2100."."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    said = []
    for name, messages in error.message_dict.items():
        prefix = "" if name == "__all__" else f"{name.replace('_', ' ')}: "
        said.append(prefix + " ".join(messages))
    return "; ".join(said)


# What the import manages of a posting, to tell an edit made here from the board's own change.


def posting_content(posting: Posting) -> dict:
    """The imported fields, tags and rows of a stored posting."""
    return {
        "fields": {name: getattr(posting, name) for name in IMPORTED_FIELDS},
        "locations": sorted(posting.locations.values_list("pk", flat=True)),
        "research_areas": sorted(posting.research_areas.values_list("pk", flat=True)),
        "categories": sorted(posting.categories.values_list("pk", flat=True)),
        "pay_bands": [
            [band.minimum, band.maximum, band.currency, band.period, band.location_id]
            for band in posting.pay_bands.order_by("position", "pk")
        ],
        "requirements": [
            [row.kind, row.text] for row in posting.requirements.order_by("position", "pk")
        ],
    }


def draft_content(draft: PostingDraft) -> dict:
    """The same for a posting a draft describes."""
    return {
        "fields": {name: draft.fields[name] for name in IMPORTED_FIELDS},
        "locations": sorted(location.pk for location in draft.locations),
        "research_areas": sorted(area.pk for area in draft.research_areas),
        "categories": sorted(category.pk for category in draft.categories),
        "pay_bands": [
            [
                band["minimum"],
                band["maximum"],
                band["currency"],
                band["period"],
                band["location"].pk if band["location"] else None,
            ]
            for band in draft.pay_bands
        ],
        "requirements": [[row["kind"], row["text"]] for row in draft.requirements],
    }


def content_digest(content: dict) -> str:
    return hashlib.sha256(json.dumps(_plain(content)).encode()).hexdigest()


def _plain(value):
    """`content` as JSON holds it: amounts to the cent, dates in ISO, text as a form saves it."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.01")))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
