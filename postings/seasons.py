"""When an internship starts, from its season, year and start window.

A posting without a closing date takes applications until its internship starts, so the board
needs a start date for every posting, even one that names only "Summer 2026":

- a season starts on the first day of its first month: winter on 1 January (co-op "Winter
  2027" terms run January to April), spring on 1 March, summer on 1 May (many summer
  internships start in May), fall on 1 September;
- a start window that names months ("May or June", "starting January", "Sept") starts on the
  first day of the earliest month it names, in the posting's year, except that a winter
  posting's months from July on are of the year before (a "Winter 2027" start in "December"
  is December 2026).

The posting stores the result (`Posting.starts_on`), so the database and the listing index
answer "open for applications" from the same column.
"""

import re
from datetime import date

SEASON_START_MONTH = {"winter": 1, "spring": 3, "summer": 5, "fall": 9}

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_WORD = re.compile(r"\b(" + "|".join(MONTHS) + r")\b\.?", re.IGNORECASE)
# Months a winter posting names from this one on fall in the year before its own.
WINTER_PREVIOUS_YEAR_FROM = 7


def internship_start(*, season: str, year: int, start_window: str = "") -> date:
    """The day the internship starts (see the module's docstring for the rule)."""
    named = [
        _month_in_season_year(month, season=season, year=year)
        for month in _months_named(start_window)
    ]
    if named:
        return min(named)
    return date(year, SEASON_START_MONTH[season], 1)


def _months_named(text: str) -> list[int]:
    """The months `text` names; "may" in lower case is the verb ("you may start"), not May."""
    return [
        MONTHS[match.group(1).lower()]
        for match in MONTH_WORD.finditer(text or "")
        if match.group(1).lower() != "may" or match.group(1)[0] == "M"
    ]


def _month_in_season_year(month: int, *, season: str, year: int) -> date:
    if season == "winter" and month >= WINTER_PREVIOUS_YEAR_FROM:
        return date(year - 1, month, 1)
    return date(year, month, 1)
