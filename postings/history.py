"""A posting's history read for the admin: differences between versions, its rows' changes."""

from django.utils.text import capfirst

from postings import services
from postings.models import PayBand, Posting, Requirement


def last_recorded_state(posting_id: int) -> Posting | None:
    """The posting as its newest history record has it (for a deleted one, as it was)."""
    record = Posting.history.filter(id=posting_id).order_by("-history_date").first()
    return record.instance if record is not None else None


def field_differences(record, posting) -> list[tuple[str, object, object]]:
    """(field, value in that version, value now) for each field a restore would change."""
    differences = []
    for field in Posting._meta.concrete_fields:
        if field.name in services.NOT_RESTORED:
            continue
        then, now = getattr(record, field.attname), getattr(posting, field.attname)
        if then != now:
            differences.append((capfirst(field.verbose_name), then, now))
    return differences


ROW_ACTIONS = {"+": "Added", "~": "Changed", "-": "Deleted"}


def row_changes(posting_id: int) -> list[dict]:
    """Every recorded change to a posting's pay bands and requirements, newest first."""
    changes = []
    for model, label in [(PayBand, "Pay band"), (Requirement, "Requirement")]:
        records = (
            model.history.filter(posting_id=posting_id)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        previous = {}
        for record in records:
            before = previous.get(record.id)
            if record.history_change_reason == services.BASELINE_REASON:
                # Not a change: the state before the first edit, kept to diff against.
                previous[record.id] = record
                continue
            fields = []
            if before is not None and record.history_type == "~":
                delta = record.diff_against(before, excluded_fields=["posting"])
                fields = [f"{c.field}: {c.old} → {c.new}" for c in delta.changes]
            previous[record.id] = record
            changes.append(
                {
                    "date": record.history_date,
                    "user": record.history_user,
                    "what": label,
                    "action": ROW_ACTIONS[record.history_type],
                    "row": _describe(record),
                    "changes": fields,
                }
            )
    changes.sort(key=lambda change: change["date"], reverse=True)
    return changes


def _describe(record) -> str:
    instance = record.instance
    return instance.as_posted() if isinstance(instance, PayBand) else str(instance)
