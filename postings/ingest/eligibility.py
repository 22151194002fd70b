"""Who may apply: degree levels, the country applicants must be in, and work authorisation.

- Degrees are the ones the posting is open to: "BS/MS/PhD" all three, "graduate students"
  master's and PhD, "undergraduate" bachelor's. A degree named only as preferred ("PhD
  preferred", under "Nice to have") does not widen the list.
- Applicants must be in a country when the text says so: "US based applicants only", "must be
  located in Canada", "Remote - US", "open to candidates in the UK only".
- Work authorisation: refusing sponsorship ("unable to sponsor", "will not now or in the future
  require sponsorship"), requiring citizenship ("must be a US citizen", a security clearance), or
  offering it ("we sponsor visas", "visa sponsorship is available"). "Must be authorized to work
  in the US" says none of these, and neither does an application form's question about it.
"""

import re

from postings.ingest.place_names import countries_named
from postings.models import DegreeLevel, WorkAuthorization

BACHELORS, MASTERS, PHD = (
    DegreeLevel.BACHELORS.value,
    DegreeLevel.MASTERS.value,
    DegreeLevel.PHD.value,
)
# Words in any case; abbreviations only as written ("MS" the degree, not "ms").
NOT_A_DEGREE_AFTER = r"(?!\s?(?:Office|Excel|Word|Teams|SQL|Azure|Windows|Access|Project))"
DEGREE_PATTERNS = [
    (
        (BACHELORS,),
        re.compile(
            r"\b(?:(?i:bachelor(?:['’]?s)?|undergrad(?:uate)?s?)|BSc|BEng|B\.Sc|B\.Eng|B\.Tech|"
            r"BTech|B\.?S\.?(?=[\s,/)]|$)|B\.?A\.?(?=[\s,/)]|$))"
        ),
    ),
    (
        (MASTERS,),
        re.compile(
            r"\b(?:(?i:master(?:['’]?s)?)|MSc|MEng|M\.Sc|M\.Eng|M\.Tech|MTech|MBA|"
            rf"M\.?S\.?(?=[\s,/)]|$){NOT_A_DEGREE_AFTER})"
        ),
    ),
    ((PHD,), re.compile(r"\b(?:Ph\.?\s?D\.?s?|(?i:doctoral|doctorate)|DPhil)\b")),
    (
        (MASTERS, PHD),
        re.compile(
            r"(?:(?<!under)\b|\bpost-?)(?:graduate|grad) (?:co-?op |research |degree )?"
            r"(?:students?|degree|programs?|school|studies)"
            r"(?! (?:mentors?|advisors?|supervisors?|researchers?))",
            re.IGNORECASE,
        ),
    ),
]
PREFERRED_WORDS = re.compile(
    r"\b(?:preferred|a plus|bonus|nice to have|ideally|desirable|advantage)\b", re.IGNORECASE
)
PREFERRED_ASIDE = re.compile(r"\([^)]*\b(?:preferred|a plus|bonus|ideally)\b[^)]*\)", re.I)


# "PhD researchers", "a PhD-level problem": other people's degrees, or a level of difficulty.
SOMEONE_ELSES_DEGREE = re.compile(
    r"^[\s-]*(?:level|researchers?|scientists?|mentors?|holders?|supervisors?|advisors?|"
    r"staff|employees|team)\b",
    re.IGNORECASE,
)


# "studying at master's level", "a degree at PhD level": the applicant's own level of study.
STUDY_LEVEL = re.compile(r"\b(?:at|on) (?:the |a )?$", re.IGNORECASE)


def _of_the_applicant(clause: str, match: re.Match) -> bool:
    after = clause[match.end() :]
    if re.match(r"\s+level\b", after) and STUDY_LEVEL.search(clause[: match.start()]):
        return True
    return not SOMEONE_ELSES_DEGREE.match(after)


def degrees_in(text: str) -> list[str]:
    """The degree levels one line opens the posting to, leaving out what it only prefers."""
    text = PREFERRED_ASIDE.sub(" ", text)
    found = set()
    for clause in re.split(r";|(?<=[.!?])\s+", text):
        if PREFERRED_WORDS.search(clause):
            continue
        for levels, pattern in DEGREE_PATTERNS:
            if any(_of_the_applicant(clause, m) for m in pattern.finditer(clause)):
                found.update(levels)
    return [level for level in (BACHELORS, MASTERS, PHD) if level in found]


# --- where applicants must be
COUNTRY = r"⟨(?P<country>[A-Z]{2})⟩"
PEOPLE = r"(?:applicants|candidates|applications|residents|students)"
LIVING = r"(?:based|located|living|residing|reside|live)"
IN_COUNTRY = rf"(?:in|within|from) (?:the )?{COUNTRY}"
APPLICANTS_IN = [
    rf"{COUNTRY}[- ]based {PEOPLE}?\s*only",
    rf"\bonly (?:open to |accepting )?{PEOPLE} (?:who are )?(?:{LIVING} )?{IN_COUNTRY}",
    rf"\b(?:{PEOPLE}|you) (?:must|need to|should) (?:be )?(?:currently )?{LIVING} {IN_COUNTRY}",
    rf"\bmust (?:be )?(?:currently )?{LIVING} {IN_COUNTRY}",
    rf"\bopen (?:only )?to {PEOPLE}(?: who are)? (?:currently )?(?:{LIVING} )?{IN_COUNTRY}",
    rf"\bremote\s*(?:[-–—:,(]|\bin\b|\bwithin\b)\s*(?:the )?{COUNTRY}(?!\s*(?:or|and|/|,)\s*⟨)",
    rf"{COUNTRY}\s*[-–—(]\s*remote\b",
    rf"\b{PEOPLE} {IN_COUNTRY} only",
]
_APPLICANTS_IN = [re.compile(pattern, re.IGNORECASE) for pattern in APPLICANTS_IN]


def applicants_country_in(text: str) -> str:
    marked = _mark_countries(text)
    for pattern in _APPLICANTS_IN:
        if match := pattern.search(marked):
            return match["country"]
    return ""


def _mark_countries(text: str) -> str:
    for country, start, end in sorted(countries_named(text), key=lambda c: -c[1]):
        text = f"{text[:start]}⟨{country.code}⟩{text[end:]}"
    return text


# --- work authorisation
NEGATION = (
    r"(?:unable|not able|cannot|can't|can not|do not|don't|does not|doesn't|will not|won't|"
    r"are not|is not|not)"
)
NO_SPONSORSHIP = [
    rf"\b{NEGATION}\s+(?:be\s+)?(?:able\s+)?(?:to\s+)?(?:currently\s+)?(?:sponsor|(?:provide|offer|"
    rf"support|consider|accommodate)\w*\b[^.]{{0,60}}\bsponsor|"
    rf"support (?:\w+ )?(?:work permit|visa) applications)",
    r"\bsponsorship (?:is |will )?(?:not|un)\s*(?:be\s+)?(?:available|provided|offered|possible)",
    r"\bno (?:visa |immigration |work )?sponsorship",
    r"\bwithout (?:the need for |requiring |needing |any )?"
    r"(?:current or future |present or future |now or future )?"
    r"(?:visa |employer |immigration |company )?sponsorship",
    r"\b(?:not|never)\s+(?:now or in the future |currently or in the future )?(?:require|need)\w*"
    r"\s+(?:\w+\s+){0,4}?sponsorship",
    r"\bnot eligible for (?:visa |immigration )?sponsorship",
    r"\bsponsorship(?: available| offered)?\s*[:?-]\s*(?:no|none|not available)\b",
]
CITIZENSHIP = [
    r"\bmust be (?:a |an )?(?:U\.?S\.? |US |United States |American )?citizens?\b",
    r"\b(?:U\.?S\.?|US|United States) citizenship (?:is |will be )?(?:required|needed|mandatory)",
    r"\brequires? (?:U\.?S\.? |US |United States )?citizenship",
    r"\bonly (?:U\.?S\.? |US )?citizens\b",
    r"\b(?:must|required to|ability to|able to|eligible to|eligibility to) (?:obtain|hold|maintain|"
    r"have)\b[^.]{0,30}\b(?:security|secret|top secret|TS/SCI) clearance",
    r"\b(?:active |current )?(?:security|secret|top secret|TS/SCI) clearance (?:is )?required",
]
SPONSORSHIP_OFFERED = [
    r"\b(?:we|will|can|are able to|is able to|happy to|glad to|do)\s+(?:\w+\s+)?(?:sponsor\b|"
    r"provide (?:visa |immigration |work permit )?sponsorship|offer (?:visa |immigration )?"
    r"sponsorship|support (?:visa|work permit|immigration))",
    r"\b(?:visa|work permit|immigration|H-1B)(?: and work permit)? sponsorship (?:is |will be )?"
    r"(?:available|provided|offered|possible)",
    r"\bsponsorship (?:is )?available",
    r"\bsponsor(?:ing|s)? (?:[\w-]+ )?(?:visas?|work permits?|H-1Bs?)\b",
    r"^(?:visa|work permit|immigration)(?: and (?:work permit|visa|immigration))? sponsorship\b",
    r"\bsponsorship(?: available| offered)?\s*[:?-]\s*yes\b",
]
_NO = [re.compile(p, re.IGNORECASE) for p in NO_SPONSORSHIP]
_CITIZEN = [re.compile(p, re.IGNORECASE) for p in CITIZENSHIP]
_OFFERED = [re.compile(p, re.IGNORECASE) for p in SPONSORSHIP_OFFERED]


def work_authorization_in(sentence: str) -> str:
    """What one sentence says about sponsorship; a question says nothing."""
    if sentence.rstrip(" *").endswith("?"):
        return ""
    for value, patterns in (
        (WorkAuthorization.CITIZENSHIP_REQUIRED, _CITIZEN),
        (WorkAuthorization.NO_SPONSORSHIP, _NO),
        (WorkAuthorization.SPONSORSHIP_OFFERED, _OFFERED),
    ):
        if any(p.search(sentence) for p in patterns):
            return value.value
    return ""


AUTHORIZATION_PRECEDENCE = (
    WorkAuthorization.CITIZENSHIP_REQUIRED.value,
    WorkAuthorization.NO_SPONSORSHIP.value,
    WorkAuthorization.SPONSORSHIP_OFFERED.value,
)
