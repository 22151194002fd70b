"""How the internship is worked: on-site, hybrid, remote, only from what the text says.

"On-site", "onsite", "in person", "in the office five days a week" are on-site; "hybrid", or
working partly in an office and partly elsewhere ("we're not always working in an office, but we
gather for key moments"), is hybrid; "remote", "remotely", "Remote - US", "work from home" are
remote. A city alone, or "in our Seattle office" alone, names a place, not an arrangement, and
"in-person collaboration", "our on-site gym" or "remote sensing" are no arrangement either, nor
is a company's "remote-friendly" or "remote-first" culture: it says nothing of this role.

A sentence that sets out a week is read as a whole: some days in the office and the rest from
home ("in the office Tuesday through Thursday; Fridays are remote") is hybrid, not also remote;
the office Monday through Friday is on-site.
"""

import re

from postings.ingest import passages
from postings.models import WorkArrangement

ONSITE, HYBRID, REMOTE = (
    WorkArrangement.ONSITE.value,
    WorkArrangement.HYBRID.value,
    WorkArrangement.REMOTE.value,
)
IN_PERSON_THINGS = (
    r"collaboration|interviews?|events?|meetings?|gatherings?|connection|onboarding|orientation|"
    r"visits?|offsites?|team[- ]building|activities|programming|mentorship|presence|team|"
    r"weeks?|days?|sessions?|workshops?|summits?|retreats?|kick-?offs?"
)
# What may follow "on-site" when it says where the work is ("on-site in our lab", "an on-site
# role"); any other word makes it an amenity or an event ("on-site gym", "on-site interviews").
ON_SITE_FOLLOWERS = (
    r"in|at|with|from|for|and|or|only|role|roles|position|internship|job|work|working|basis|"
    r"schedule|five|5|every|each|full|fully|is|as|required|requirement|expectation|model|to|"
    r"presence|attendance|daily|most|mostly|at least|internships|positions|opportunity"
)
# "Remote" that is not how this role is worked: a technique, the company's culture, other people,
# a perk ("remote sensing", "remote-first company", "remote teammates", "a remote work stipend",
# "work remotely for up to four weeks a year").
NOT_THE_ROLES_REMOTE = (
    r"sensing|control|controlled|operation|monitoring|friendly|"
    r"first (?:company|culture|organi[sz]ation|employer|team)|"
    r"(?:teammates|colleagues|team members|teams|employees|workers|coworkers|co-workers)\b|"
    r"(?:work )?(?:stipend|allowance|budget|equipment|setup)\b|"
    r"(?:work )?(?:for )?up to \w+ (?:days|weeks)"
)
_NAMED = r"(?:[A-Z][\w-]+ ){0,3}"  # "our Bellevue office", "our Austin design center"
ARRANGEMENT_PATTERNS = {
    ONSITE: [
        rf"\bon[- ]?site\b(?=\s*$|\s*[^\w\s-]|\s+(?:{ON_SITE_FOLLOWERS})\b)",
        rf"\bin[- ]person\b(?![- ](?:{IN_PERSON_THINGS}))",
        rf"\b(?:in|from|at) (?:the|our) {_NAMED}office,? (?:five|5|every) days?\b",
        rf"\b(?:five|5) days (?:a|per) week (?:in|at|from) (?:the|our) {_NAMED}office\b",
        r"\bfully in[- ]office\b|\bwork from office\b",
        r"\bin[- ]office (?:role|position|internship)\b",
        r"(?:^|[·|•(]\s*)in[- ]office\s*(?:$|[·|•)])",  # a label among facts: "NYC · In office"
    ],
    HYBRID: [
        r"\bhybrid\b|\bhybride\b",
        r"(?:\bnot|n[’']t) (?:always (?:working |be )?in (?:an|the|our) office|"
        r"(?:working |be )?in (?:an|the|our) office (?:every day|all the time|full[- ]time))",
        r"\bpartly (?:from|in|at) (?:the |an |our )?office",
        r"\bsplit\w* (?:your time )?between (?:the )?office",
        r"\bcombination of (?:remote|on-?site|in[- ]office|in[- ]person) (?:and|with) "
        r"(?:remote|on-?site|in[- ]office|in[- ]person)",
        r"\bfrom the office\b[^.]{0,60}\band from (?:home|wherever|anywhere)",
    ],
    REMOTE: [
        rf"(?<!hybrid-)(?<!hybrid )\bremote(?:ly)?\b(?![- ](?:{NOT_THE_ROLES_REMOTE}))",
        r"\bwork(?:ing)? from (?:home|anywhere)\b|\bWFH\b|\bfully distributed\b",
    ],
}
NEGATED = re.compile(
    r"(?:\b(?:not|no|never|cannot be|can't be)|n[’']t)\s+(?:a\s+|fully\s+|be\s+)?$", re.I
)
_COMPILED = {
    arrangement: [re.compile(p, re.IGNORECASE) for p in patterns]
    for arrangement, patterns in ARRANGEMENT_PATTERNS.items()
}
# "Hires remotely: No", "Remote: N/A".
DENIED_VALUE = re.compile(r"^(?:no|none|n/?a|not (?:available|possible|offered))\.?$", re.I)

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_DAY = r"(?:Mon(?:day)?|Tue(?:s|sday)?|Wed(?:nesday)?|Thu(?:rs?|rsday)?|Fri(?:day)?)s?\b"
DAY_RANGE = re.compile(rf"\b({_DAY})\s*(?:through|thru|to|until|–|—|-)\s*({_DAY})")
DAY = re.compile(rf"\b{_DAY}")
_COUNT = r"(?:one|two|three|four|five|[1-5])"
DAYS_A_WEEK = re.compile(
    rf"\b{_COUNT}(?:\s*(?:or|to|-|–)\s*{_COUNT})? (?:office |in-office |on-?site )?days? "
    rf"(?:a|per|each|every) week\b|"
    rf"\b{_COUNT}(?:\s*(?:or|to|-|–)\s*{_COUNT})? days? (?:in|at) (?:the |our )?office\b|"
    r"\b(?:once|twice|three times) (?:a|per|each|every) week\b",
    re.IGNORECASE,
)
FIVE = re.compile(r"^(?:five|5)\b", re.IGNORECASE)
# Where people are on their office days.
WORKPLACE = re.compile(
    r"\b(?:offices?|headquarters|HQ|campus|studio|lab|center|centre|site|on-?site|"
    r"in[- ]person)\b",
    re.IGNORECASE,
)
# People being somewhere: "interns work at", "join the team in", "in the office", "together".
ATTENDANCE = re.compile(
    r"\b(?:work\w*|join\w*|expected|come|spend|attend\w*|meet\w*|gather\w*|together|"
    r"(?:in|at|from) (?:the|our|an) (?:\w+ ){0,3}(?:office|headquarters|HQ|campus|studio|lab)|"
    r"in[- ]office|on-?site|in[- ]person)\b",
    re.IGNORECASE,
)
A_FEW_WEEKS_A_YEAR = re.compile(
    r"\b(?:\w+|\d+) (?:days|weeks) (?:a|per|each|every) year\b", re.IGNORECASE
)
PERKS = re.compile(
    r"\b(?:lunch\w*|breakfast\w*|dinners?|snacks|catered|happy hours?|socials?|yoga|gym)\b",
    re.IGNORECASE,
)
# Where people are the rest of the week.
AWAY = re.compile(
    r"\bremote(?:ly)?\b|\bfrom home\b|\bat home\b|\bWFH\b|\bwherever\b|\bfrom anywhere\b",
    re.IGNORECASE,
)

AWAY_ON_DAYS = re.compile(rf"(?i:\bremote(?:ly)?|\bfrom home) on {_DAY}")


def arrangements_in(text: str) -> list[tuple[str, str]]:
    """Each arrangement one line states, with the words that state it."""
    found: dict[str, str] = {}
    for sentence in passages.sentences(text):
        for arrangement, words in _arrangements_of_sentence(sentence):
            found.setdefault(arrangement, words)
    return list(found.items())


def _arrangements_of_sentence(sentence: str) -> list[tuple[str, str]]:
    labelled = passages.label_and_value(sentence)
    if labelled and DENIED_VALUE.match(labelled[1].strip()):
        return []
    found = {}
    for arrangement, patterns in _COMPILED.items():
        for pattern in patterns:
            match = next(
                (
                    m
                    for m in pattern.finditer(sentence)
                    if not NEGATED.search(sentence[: m.start()])
                ),
                None,
            )
            if match:
                found[arrangement] = match.group()
                break
    if REMOTE in found and A_FEW_WEEKS_A_YEAR.search(sentence):
        del found[REMOTE]  # "remote work from anywhere for 2 weeks a year": a perk
    week = _week(sentence)
    if week is not None:
        arrangement, words = week
        if arrangement == HYBRID:
            found.pop(ONSITE, None)
            if not _remote_as_an_alternative(sentence):
                found.pop(REMOTE, None)
        found.setdefault(arrangement, words)
    return list(found.items())


def sets_out_a_week(text: str) -> bool:
    """Some sentence says on which days, or how many, people are in the office ("interns work
    in the operations center Monday through Thursday"); an office's opening hours do not."""
    return any(_week(sentence) for sentence in passages.sentences(text))


def _week(sentence: str) -> tuple[str, str] | None:
    """What a sentence that sets out the week says: days in the office and the rest elsewhere
    (or fewer than five office days) is hybrid; the office every weekday is on-site."""
    if PERKS.search(sentence):
        return None  # "Lunch is catered on Mondays and Thursdays in the office"
    days, words = _office_days(sentence)
    if days is not None and days < len(DAY_NAMES) and AWAY_ON_DAYS.search(sentence):
        return HYBRID, words  # "work from home on Fridays": the office the other days
    if days is None or not WORKPLACE.search(sentence):
        return None  # "8 hours a day, 5 days a week" is how long, not where
    if AWAY.search(sentence):
        return HYBRID, words
    if not ATTENDANCE.search(sentence):
        return None  # "Our office is open Monday through Friday": its hours, not yours
    return (HYBRID if days < len(DAY_NAMES) else ONSITE), words


def _office_days(sentence: str) -> tuple[int | None, str]:
    """How many weekdays a sentence names ("Tuesday through Thursday": 3; "two or three days a
    week": 2), with the words naming them."""
    count = DAYS_A_WEEK.search(sentence)
    if count:
        return (len(DAY_NAMES) if FIVE.match(count.group()) else 1), count.group()
    named = set()
    for match in DAY_RANGE.finditer(sentence):
        first, last = (_day_index(match.group(i)) for i in (1, 2))
        named.update(range(first, last + 1))
    ranges_removed = DAY_RANGE.sub(" ", sentence)
    named.update(_day_index(match.group()) for match in DAY.finditer(ranges_removed))
    if not named:
        return None, ""
    first = DAY_RANGE.search(sentence) or DAY.search(sentence)
    return len(named), first.group()


def _day_index(written: str) -> int:
    return next(
        i for i, day in enumerate(DAY_NAMES) if written.casefold()[:3] == day[:3].casefold()
    )


def _remote_as_an_alternative(sentence: str) -> bool:
    """ "Our Chicago office (three days a week) or remotely from anywhere": a choice, so both."""
    return bool(re.search(r"\bor\s+(?:\w+\s+)?(?:remote(?:ly)?|from home)\b", sentence, re.I))
