"""Absolute dates in a posting's text: "September 26, 2025", "26 Sept 2025", "2025-09-26",
"03/15/2026", "15.03.2026". A date needs its day, month and year written: "March 15" or "posted
3 days ago" gives no date, because filling in a year or today's date would be inventing it.
Month names come from babel's English calendar data.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import cache


@dataclass(frozen=True)
class FoundDate:
    value: date | None  # None when the text is ambiguous ("03/04/2026")
    written: str
    start: int
    end: int


@cache
def _months() -> dict[str, int]:
    from babel.dates import get_month_names

    months = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="en").items():
            months[name.casefold().rstrip(".")] = number
    months["sept"] = 9
    # The full names German, French and Dutch postings write ("31 janvier 2026", "März 2026").
    for locale in OTHER_LANGUAGES:
        for number, name in get_month_names("wide", locale=locale).items():
            months.setdefault(name.casefold(), number)
    return months


OTHER_LANGUAGES = ("de", "fr", "nl")


@cache
def _english_months() -> set[str]:
    from babel.dates import get_month_names

    return {
        name.casefold().rstrip(".")
        for width in ("wide", "abbreviated")
        for name in get_month_names(width, locale="en").values()
    } | {"sept"}


@cache
def month_pattern(*, capitalized: bool = False) -> str:
    names = sorted(_months(), key=len, reverse=True)
    if capitalized:  # as a month is written, so that "may" the verb is no month
        # (French and Dutch write their months in lower case: "à partir de mars 2026".)
        foreign = [name for name in names if name not in _english_months()]
        names = [name.capitalize() for name in names] + foreign
    return r"(?:" + "|".join(names) + r")\.?"


def month_number(name: str) -> int | None:
    return _months().get(name.casefold().rstrip("."))


DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>20\d\d)"


@cache
def _patterns() -> list[re.Pattern]:
    month = rf"(?P<month>{month_pattern()})"
    return [
        re.compile(rf"\b{month}\s+{DAY},?\s+{YEAR}\b", re.IGNORECASE),
        re.compile(rf"\b{DAY}(?:\s+of)?\s+{month},?\s+{YEAR}\b", re.IGNORECASE),
        re.compile(r"\b(?P<year>20\d\d)-(?P<mm>[01]?\d)-(?P<dd>[0-3]?\d)\b"),
        re.compile(r"\b(?P<year>20\d\d)/(?P<mm>[01]?\d)/(?P<dd>[0-3]?\d)\b"),
        re.compile(
            r"\b(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>20\d\d|\d\d)\b"
        ),
    ]


RELATIVE = re.compile(
    r"\b(?:\d+\+?\s+(?:minutes?|hours?|days?|weeks?|months?)\s+ago|today|yesterday|just now|"
    r"this (?:week|month)|last (?:week|month))\b",
    re.IGNORECASE,
)


def dates_in(text: str) -> list[FoundDate]:
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _patterns():
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append(FoundDate(_value(match), match.group(), match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def _value(match: re.Match) -> date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if year < 100:
        year += 2000
    if groups.get("month"):
        month, day = month_number(groups["month"]), int(groups["day"])
    elif groups.get("mm"):
        month, day = int(groups["mm"]), int(groups["dd"])
    else:
        first, second = int(groups["a"]), int(groups["b"])
        if groups["sep"] == "." or first > 12:
            day, month = first, second  # 15.03.2026, 15/03/2026
        elif second > 12:
            month, day = first, second  # 03/15/2026
        else:
            return None  # 03/04/2026: March 4th or 3 April
    try:
        return date(year, month, day)
    except (TypeError, ValueError):
        return None


def is_relative_date(text: str) -> bool:
    return bool(RELATIVE.search(text))
