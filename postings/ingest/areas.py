"""Research areas a role names as topics of its own work, from the board's vocabulary.

A name or synonym is matched as a whole word or phrase; one written in capitals ("NLP", "RL")
only in capitals, the rest in any case. A word used as a verb ("we search for people who") is
not the area, and neither is one the role says it is not about ("you won't be building
recommenders").
"""

import re
from functools import cache

from postings.vocabulary import RESEARCH_AREAS

VERB_BEFORE = re.compile(r"\b(?:we|you|they|i|to|will|can)\s+$", re.IGNORECASE)
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


LOOK_BACK = 80  # characters of the clause before a name that can turn it into a verb or a "not"
NEGATION = re.compile(r"\b(?:not|no|never|won['’]t|don['’]t|doesn['’]t|isn['’]t|aren['’]t)\b", re.I)


def _used_otherwise(text: str, match: re.Match) -> bool:
    """ "We search far and wide", "Search for jobs": the word as a verb, not the area; "you
    won't be building recommenders": named as what the role is not."""
    before = text[max(0, match.start() - LOOK_BACK) : match.start()]
    clause = re.split(r"[,;:.!?]", before)[-1]
    return bool(
        VERB_BEFORE.search(before)
        or VERB_AFTER.match(text[match.end() :])
        or NEGATION.search(clause)
    )


def in_vocabulary_order(slugs) -> list[str]:
    return [area.slug for area in RESEARCH_AREAS if area.slug in slugs]
