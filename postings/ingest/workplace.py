"""How the internship is worked: on-site, hybrid, remote, only from what the text says.

"On-site", "onsite", "in person", "in the office five days a week" are on-site; "hybrid", or
working partly in an office and partly elsewhere ("we're not always working in an office, but we
gather for key moments"), is hybrid; "remote", "remotely", "Remote - US", "work from home" are
remote. A city alone, or "in our Seattle office" alone, names a place, not an arrangement, and
"in-person collaboration" or "remote sensing" are no arrangement either.
"""

import re

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
_NAMED = r"(?:[A-Z][\w-]+ ){0,3}"  # "our Bellevue office", "our Austin design center"
_FEWER_THAN_FIVE = r"(?:one|two|three|four|[1-4])"
ARRANGEMENT_PATTERNS = {
    ONSITE: [
        rf"\bon[- ]?site\b(?![- ](?:{IN_PERSON_THINGS}|interview))",
        rf"\bin[- ]person\b(?![- ](?:{IN_PERSON_THINGS}))",
        rf"\b(?:in|from|at) (?:the|our) {_NAMED}office,? (?:five|5|every) days?\b",
        r"\b(?:five|5) days (?:a|per) week\b|\bfully in[- ]office\b|\bwork from office\b",
        r"\bin[- ]office (?:role|position|internship)\b",
    ],
    HYBRID: [
        r"\bhybrid\b",
        r"\bnot always (?:working )?in (?:an|the) office\b",
        r"\bpartly (?:from|in|at) (?:the |an |our )?office",
        r"\bsplit\w* (?:your time )?between (?:the )?office",
        rf"\b{_FEWER_THAN_FIVE} days? (?:a|per|each) week (?:in|at|from) (?:the|our) "
        rf"{_NAMED}office",
        rf"\b(?:in|at|from) (?:the|our) {_NAMED}office,? (?:on )?{_FEWER_THAN_FIVE} days?",
        r"\bfrom the office\b[^.]{0,60}\band from (?:home|wherever|anywhere)",
    ],
    REMOTE: [
        r"(?<!hybrid-)(?<!hybrid )\bremote(?:ly)?\b(?![- ](?:sensing|control|controlled|operation|"
        r"monitoring))",
        r"\bwork(?:ing)? from (?:home|anywhere)\b|\bWFH\b|\bfully distributed\b",
    ],
}
NEGATED = re.compile(
    r"\b(?:not|no|isn't|is not|cannot be|can't be|never)\s+(?:a\s+|fully\s+)?$", re.I
)
_COMPILED = {
    arrangement: [re.compile(p, re.IGNORECASE) for p in patterns]
    for arrangement, patterns in ARRANGEMENT_PATTERNS.items()
}


def arrangements_in(text: str) -> list[tuple[str, str]]:
    """Each arrangement one line states, with the words that state it."""
    found = []
    for arrangement, patterns in _COMPILED.items():
        for pattern in patterns:
            match = next(
                (m for m in pattern.finditer(text) if not NEGATED.search(text[: m.start()])), None
            )
            if match:
                found.append((arrangement, match.group()))
                break
    return found
