"""Where postings come from: a company's job board, each import run, and each posting's source."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from postings.models import Company, Posting


class BoardKind(models.TextChoices):
    GREENHOUSE = "greenhouse", "Greenhouse"
    LEVER = "lever", "Lever"
    ASHBY = "ashby", "Ashby"


class Origin(models.TextChoices):
    PASTED_TEXT = "text", "Pasted text"
    UPLOADED_FILE = "file", "Uploaded file"
    GREENHOUSE = BoardKind.GREENHOUSE.value, BoardKind.GREENHOUSE.label
    LEVER = BoardKind.LEVER.value, BoardKind.LEVER.label
    ASHBY = BoardKind.ASHBY.value, BoardKind.ASHBY.label


# A board token goes into the API's URL path as it is: nothing that could leave the segment.
TOKEN_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class JobBoard(models.Model):
    """A company's public board on an applicant tracking system, read by `import_postings`."""

    company = models.OneToOneField(Company, on_delete=models.CASCADE, related_name="job_board")
    kind = models.CharField(max_length=10, choices=BoardKind.choices)
    token = models.CharField(
        "board token",
        max_length=100,
        validators=[
            RegexValidator(TOKEN_PATTERN, "Letters, digits, dots, dashes and underscores only.")
        ],
        help_text=(
            "The company's name in its board's address: boards.greenhouse.io/<b>token</b>, "
            "jobs.lever.co/<b>token</b> or jobs.ashbyhq.com/<b>token</b>."
        ),
    )
    publish_at_once = models.BooleanField(
        "publish imports at once",
        default=False,
        help_text=(
            "New internships from the board go straight to students instead of waiting as "
            "drafts for a recruiter (each still needs what publishing needs, such as an apply URL)."
        ),
    )
    last_run = models.ForeignKey(
        "ImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Set while an import of this board runs, so that a second one started meanwhile waits its
    # turn; a run that died leaves it behind, and it lapses after imports.services.LEASE.
    running_since = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["company__name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "token"], name="jobboard_unique_board"),
            models.CheckConstraint(
                condition=Q(kind__in=BoardKind.values), name="jobboard_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(token__regex=TOKEN_PATTERN), name="jobboard_token_path_safe"
            ),
        ]

    def __str__(self):
        return f"{self.company} on {self.get_kind_display()} ({self.token})"


class ImportRun(models.Model):
    """One import of one board: when, what it changed, and the error that stopped it, if any."""

    board = models.ForeignKey(JobBoard, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    held_back = models.PositiveIntegerField(
        default=0, help_text="Changed on the board, left alone because edited here."
    )
    unchanged = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(
        default=0, help_text="Gone from the board: closed, or marked when not published."
    )
    failed = models.PositiveIntegerField(
        default=0, help_text="Internships on the board that could not be saved here."
    )
    report = models.TextField(blank=True, help_text="One line per posting the run touched.")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.board.company} at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def summary(self) -> str:
        """ "2 new, 1 updated" or "no changes"; the error when the board could not be read."""
        if self.error:
            return f"failed: {self.error}"
        counts = [
            (self.created, "new"),
            (self.updated, "updated"),
            (self.removed, "removed from the board"),
            (self.held_back, "left alone (edited here)"),
            (self.failed, "not saved"),
        ]
        said = [f"{count} {what}" for count, what in counts if count]
        return ", ".join(said) or "no changes"


class PostingSource(models.Model):
    """Where a posting came from, the text it was read from, and how it stands with its board."""

    # Kept when the posting is deleted: an imported posting a recruiter deleted is not imported
    # again on the next run.
    posting = models.OneToOneField(
        Posting, on_delete=models.SET_NULL, null=True, blank=True, related_name="source"
    )
    origin = models.CharField(max_length=10, choices=Origin.choices)
    board = models.ForeignKey(
        JobBoard, on_delete=models.SET_NULL, null=True, blank=True, related_name="sources"
    )
    external_id = models.CharField("ID on the board", max_length=100, blank=True)
    original_text = models.TextField(
        blank=True, help_text="The text the posting was read from, sanitised."
    )
    original_is_html = models.BooleanField(default=False)
    # The board's job as last written here, and the posting's content as that import left it:
    # the first tells a change on the board, the second an edit made here since.
    upstream_digest = models.CharField(max_length=64, blank=True, editable=False)
    imported_digest = models.CharField(max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True)
    held_back_at = models.DateTimeField(
        "board changes held back since",
        null=True,
        blank=True,
        help_text="The board changed this posting after someone edited it here; not updated.",
    )
    removed_at = models.DateTimeField("removed from the board", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "external_id"],
                condition=Q(board__isnull=False),
                name="postingsource_unique_per_board",
            ),
            models.CheckConstraint(
                condition=Q(origin__in=Origin.values), name="postingsource_origin_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_origin_display()}: {self.posting or self.external_id or 'deleted'}"

    @property
    def is_from_board(self) -> bool:
        return self.origin in BoardKind.values
