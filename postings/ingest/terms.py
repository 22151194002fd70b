"""When and for how long: season, year, start window and duration in weeks.

- A season counts only said of the internship: next to a year ("Summer 2026", "2026 Fall"),
  before "intern"/"internship"/"program"/"term", or anywhere in the title. Start months alone
  give no season. Two different seasons: none, and a note.
- The year is the internship's: beside a season, beside "intern(ship)", in the title, or in the
  start window; never the posting date's. Two different years: none, and a note.
- Duration: "12-week" 12, "10-12 weeks" 10 (the lower bound), months times 52/12 rounded ("6
  months" 26). Experience ("3 months of experience"), leave and notice periods are not durations.
- The start window is the shortest phrase after "start(s/ing)" or "begin(s/ning)" that says
  when: "May or June", "June 15, 2026", "September 2026".
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from postings.ingest.dates import dates_in, month_pattern
from postings.models import Season

SEASONS = {
    "spring": Season.SPRING,
    "summer": Season.SUMMER,
    "fall": Season.FALL,
    "autumn": Season.FALL,
    "winter": Season.WINTER,
}
SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
YEAR = r"(?P<year>20[2-4]\d)"
INTERNSHIP = (
    r"(?:intern|interns|internship|internships|co-?op|program|programme|work term|cohort|intake)"
)
SEASON_OF_INTERNSHIP = [
    re.compile(rf"\b{SEASON}(?:\s+(?:of\s+)?|\s*[-/'’]\s*){YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{YEAR}\s+{SEASON}\b", re.IGNORECASE),
    re.compile(
        rf"\b{SEASON}\s+(?:{YEAR}\s+)?(?:ML |AI |research |engineering )?{INTERNSHIP}\b", re.I
    ),
    re.compile(rf"\b(?:this|next)\s+{SEASON}\b(?:\s*\({YEAR}\))?", re.IGNORECASE),
]
# "graduating in Spring 2027", "returning to school in the fall": the student's terms, not the
# internship's ("a graduate student intern for summer 2026" is the internship's).
STUDENTS_TERM_BEFORE = re.compile(
    r"\b(?:graduat(?:ing|ion|ed|es|e(?!\s+(?:students?|interns?|level|school|programs?)))\b|"
    r"return\w*|back to (?:school|university|campus)|enrolled|complet\w*|"
    r"finish\w*|degree)\b[^.;]{0,30}$",
    re.IGNORECASE,
)
YEAR_OF_INTERNSHIP = [
    re.compile(
        rf"\b{YEAR}\s+(?:summer |fall |spring |winter |autumn )?(?:\w+ )?{INTERNSHIP}", re.I
    ),
    re.compile(rf"\b{INTERNSHIP}(?:,| -| –)?\s+(?:\w+\s+)?{YEAR}\b", re.IGNORECASE),
    # "offers research internships for doctoral students in 2026"
    re.compile(rf"\b{INTERNSHIP}\s+(?:[\w-]+\s+){{0,4}}in\s+{YEAR}\b", re.IGNORECASE),
]
TITLE_YEAR = re.compile(rf"\b{YEAR}\b")
# "2026/27", "2026-2027": an internship across two years.
YEAR_SPAN = re.compile(r"\b(?P<first>20[2-4]\d)\s*[/–-]\s*(?P<second>(?:20)?[2-4]\d)\b")

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "sixteen": 16,
    "twenty": 20, "twenty-four": 24,
}  # fmt: skip
COUNT = r"\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
DURATION = re.compile(
    rf"\b(?P<low>{COUNT})(?:\s*\(\d{{1,2}}\))?(?:\s*(?:-|–|—|to|or|and)\s*(?P<high>{COUNT}))?[\s-]*"
    rf"(?P<unit>weeks?|wks?|months?|mos?|wochen|monate?n?|semaines?|mois|weken|maanden)\b"
    rf"(?:[\s-]+long)?",
    re.IGNORECASE,
)
NOT_DURATION_AFTER = re.compile(
    # ("Summer Vacation Program" is the internship itself, as Australian firms name it.)
    r"^\s*(?:of|in)?\s*(?:\w+\s+){0,2}?(?:experience|notice|leave|pto|paid time off|"
    r"vacation(?!\s+(?:program|programme|scheme|intern))|"
    r"holiday|onboarding|training|parental)\b|^\s*(?:ago|before|after|prior|from now)\b",
    re.IGNORECASE,
)
NOT_DURATION_BEFORE = re.compile(
    r"(?:over|more than|within|every|per|up to|after|"
    r"(?:in|over|during) the (?:last|past))\s*$",
    re.IGNORECASE,
)
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)


@dataclass(frozen=True)
class Found:
    value: object
    evidence: str


def _internships_own(text: str, match: re.Match) -> bool:
    return not STUDENTS_TERM_BEFORE.search(text[max(0, match.start() - 60) : match.start()])


def season_in(text: str) -> list[Found]:
    found = []
    for pattern in SEASON_OF_INTERNSHIP:
        for match in pattern.finditer(text):
            if _internships_own(text, match):
                found.append(Found(SEASONS[match["season"].casefold()].value, match.group()))
    return found


def season_words_in_title(title: str) -> list[Found]:
    return [
        Found(SEASONS[m.group().casefold()].value, title)
        for m in re.finditer(r"\b(?:spring|summer|fall|autumn|winter)\b", title, re.IGNORECASE)
    ]


def years_in(text: str) -> list[Found]:
    found = []
    for pattern in (*SEASON_OF_INTERNSHIP, *YEAR_OF_INTERNSHIP):
        for match in pattern.finditer(text):
            if match.groupdict().get("year") and _internships_own(text, match):
                found.append(Found(int(match["year"]), match.group()))
    return found


def title_years(title: str) -> list[Found]:
    found = [Found(int(m["year"]), title) for m in TITLE_YEAR.finditer(title)]
    for span in YEAR_SPAN.finditer(title):
        found.append(Found(2000 + int(span["second"][-2:]), title))
    return found


def durations_in(text: str) -> list[Found]:
    found = []
    for match in DURATION.finditer(text):
        if NOT_DURATION_AFTER.match(text[match.end() :]):
            continue
        if NOT_DURATION_BEFORE.search(text[: match.start()]):
            continue
        low = _count(match["low"])
        unit = match["unit"].casefold()
        if unit.startswith(("mo", "ma")):
            weeks = int((low * WEEKS_PER_MONTH).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        else:
            weeks = low
        if 1 <= weeks <= 104:
            found.append(Found(weeks, match.group()))
    return found


def _count(written: str) -> int:
    return int(written) if written.isdigit() else NUMBER_WORDS[written.casefold()]


@cache
def _start_pattern() -> re.Pattern:
    month = month_pattern(capitalized=True)
    day = r"[0-3]?\d(?:st|nd|rd|th)?(?!\d)"
    part = r"(?:(?:early|mid|late|the end of|the beginning of|end of|beginning of)[- ]\s*)?"
    when = rf"{part}(?:{day}\s+(?:of\s+)?)?(?-i:{month})(?:\s+{day})?(?:,?\s+20\d\d)?"
    numeric = r"[0-3]?\d[./][01]?\d[./]20\d\d|20\d\d-[01]\d-[0-3]\d"  # "01.03.2026", ISO
    connector = r"\s*(?:,|or|and|to|through|-|–|—|/|,\s*or)\s*"
    window = rf"(?:between\s+(?={when}{connector}))?{when}(?:{connector}{when})*|{numeric}"
    weekday = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)"
    return re.compile(
        rf"(?:\b(?:start(?:s|ing)?|begin(?:s|ning)?|commenc\w*|kick(?:s|ing)? off)|à partir de|"
        rf"(?<=weeks )from|(?<=months )from|(?<=[|·•] )from|(?<=runs )from|(?<=run )from)\b"
        rf"(?:\s*[:,]|\s+(?:date|dates|in|on|from|ab|dès|vanaf|around|of|the week of|"
        rf"either|is|are|will be|would be))*\s+{weekday}?(?P<window>{window})",
        re.IGNORECASE,
    )


RUN_END = re.compile(r"\s*(?:to|through|until|-|–|—)\s+", re.IGNORECASE)


def start_windows_in(text: str) -> list[Found]:
    found = []
    for match in _start_pattern().finditer(text):
        window = match["window"].strip(" ,.")
        if re.search(r"\bruns? $", text[: match.start()], re.IGNORECASE):
            # "runs from 30 November 2026 to 19 February 2027": the start is the first date
            window = RUN_END.split(window, maxsplit=1)[0]
        found.append(Found(window, match.group()))
    return found


# A term is weeks or months long; a pair of dates further apart is something else.
TERM_DAYS = range(14, 400)


def start_of_term_line(text: str) -> Found | None:
    """A line of nothing but two full dates, the second weeks or months after the first ("Jun 1,
    2026 - Aug 7, 2026"), as a job page's header states the internship's term: its start."""
    found = dates_in(text)
    if len(found) != 2 or not all(each.value for each in found):
        return None
    first, second = found
    rest = text[: first.start] + text[first.end : second.start] + text[second.end :]
    if re.fullmatch(r"\s*(?:-|–|—|to|until|through)\s*", rest, re.IGNORECASE) is None:
        return None
    if (second.value - first.value).days not in TERM_DAYS:
        return None
    return Found(first.written, text)
