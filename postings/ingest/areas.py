"""Research areas a role names as topics of its own work, from the board's vocabulary.

A name or synonym is matched as a whole word or phrase; one written in capitals ("NLP", "RL")
only in capitals, the rest in any case. A word used as a verb ("we search for people who") is
not the area, and neither is one the role says it is not about ("you won't be building
recommenders").
"""

import re
from functools import cache

from postings.vocabulary import RESEARCH_AREAS

VERB_BEFORE = re.compile(r"\b(?:we|you|they|i|will|can)\s+$", re.IGNORECASE)
# What people search for: "Search for jobs", "we search far and wide for people who ...".
VERB_AFTER = re.compile(
    r"^\s+(?:far|through|jobs|for (?:jobs|people|candidates|talent|interns|someone|roles))\b",
    re.IGNORECASE,
)


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    """One pattern per area, its names longest first, capitals kept where the name has them."""
    compiled = []
    for area in RESEARCH_AREAS:
        names = sorted(area.names, key=len, reverse=True)
        alternatives = "|".join(
            f"(?-i:{re.escape(name)})" if name.isupper() else re.escape(name) for name in names
        )
        compiled.append((area.slug, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)))
    return compiled


def areas_in(text: str) -> list[tuple[str, str]]:
    """(slug, name as written) for each area the text names, in vocabulary order."""
    found = []
    for slug, pattern in _patterns():
        for match in pattern.finditer(text):
            if not _used_otherwise(text, match):
                found.append((slug, match.group()))
                break
    return found


# "Present recommendations to leadership", "make data-driven recommendations": advice, not a
# recommender system.
ADVICE_BEFORE = re.compile(
    r"\b(?:make|making|makes|provide|providing|offer|offering|deliver|delivering|present|"
    r"presenting|actionable|data-driven|strategic|business|findings and)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
ADVICE_AFTER = re.compile(
    r"^\s+(?:to|for (?:stakeholders|leadership|management|the business))\b", re.I
)
LOOK_BACK = 80  # characters of the clause before a name that can turn it into a verb or a "not"
NEGATION = re.compile(r"\b(?:not|no|never|won['’]t|don['’]t|doesn['’]t|isn['’]t|aren['’]t)\b", re.I)


def _used_otherwise(text: str, match: re.Match) -> bool:
    """ "We search far and wide", "Search for jobs": the word as a verb, not the area; "you
    won't be building recommenders": named as what the role is not; "recommendations to
    leadership": advice."""
    before = text[max(0, match.start() - LOOK_BACK) : match.start()]
    after = text[match.end() :]
    clause = re.split(r"[,;:.!?]", before)[-1]
    advice = match.group().casefold() == "recommendations" and bool(
        ADVICE_BEFORE.search(before) or ADVICE_AFTER.match(after)
    )
    return bool(
        VERB_BEFORE.search(before) or VERB_AFTER.match(after) or NEGATION.search(clause) or advice
    )


def in_vocabulary_order(slugs) -> list[str]:
    return [area.slug for area in RESEARCH_AREAS if area.slug in slugs]
