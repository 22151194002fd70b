"""Reads of the students app: a saved list as /me/, its CSV and its calendar show it."""

from dataclasses import dataclass
from datetime import date

from postings.models import PUBLIC_STATUSES
from students.eligibility import AboutMe, Verdict, verdict
from students.models import SavedList


@dataclass(frozen=True)
class SavedRow:
    entry: object
    posting: object  # None once the posting is removed from the board
    verdict: Verdict | None
    pay: str
    closes_on: date | None
    state: str  # "Open", "Closed" or "Removed from the board"

    @property
    def is_open(self):
        return self.state == "Open"


def _sort_key(row: SavedRow):
    """Open postings by closing date, soonest first (no date after dated ones), then closed,
    then removed ones."""
    rank = 0 if row.is_open else 1 if row.posting is not None else 2
    return (rank, row.closes_on is None, row.closes_on or date.max, row.entry.saved_at)


def saved_list_rows(saved_list: SavedList, *, about: AboutMe | None) -> list[SavedRow]:
    entries = saved_list.entries.select_related("posting__company").prefetch_related(
        "posting__pay_bands"
    )
    rows = []
    for entry in entries:
        posting = entry.posting
        if posting is not None and posting.status not in PUBLIC_STATUSES:
            posting = None  # back to draft: students may not see it
        rows.append(
            SavedRow(
                entry=entry,
                posting=posting,
                verdict=verdict(posting, about) if posting is not None and about else None,
                pay="; ".join(band.as_posted() for band in posting.pay_bands.all())
                if posting
                else "",
                closes_on=posting.closes_on if posting else None,
                state="Removed from the board"
                if posting is None
                else "Open"
                if posting.is_open_for_applications()
                else "Closed",
            )
        )
    return sorted(rows, key=_sort_key)
