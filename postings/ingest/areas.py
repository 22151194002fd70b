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
def _patterns() -> list[tuple[str, list[re.Pattern]]]:
    compiled = []
    for area in RESEARCH_AREAS:
        patterns = []
        for name in area.names:
            flags = 0 if name.isupper() else re.IGNORECASE
            patterns.append(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", flags))
        compiled.append((area.slug, patterns))
    return compiled


def areas_in(text: str) -> list[tuple[str, str]]:
    """(slug, name as written) for each area the text names, in vocabulary order."""
    found = []
    for slug, patterns in _patterns():
        for pattern in patterns:
            match = next(
                (m for m in pattern.finditer(text) if not _used_otherwise(text, m)),
                None,
            )
            if match:
                found.append((slug, match.group()))
                break
    return found


NEGATION = re.compile(r"\b(?:not|no|never|won['’]t|don['’]t|doesn['’]t|isn['’]t|aren['’]t)\b", re.I)


def _used_otherwise(text: str, match: re.Match) -> bool:
    """ "We search far and wide", "Search for jobs": the word as a verb, not the area; "you
    won't be building recommenders": named as what the role is not."""
    before = text[: match.start()]
    clause = re.split(r"[,;:.!?]", before)[-1]
    return bool(
        VERB_BEFORE.search(before)
        or VERB_AFTER.match(text[match.end() :])
        or NEGATION.search(clause)
    )


def in_vocabulary_order(slugs) -> list[str]:
    return [area.slug for area in RESEARCH_AREAS if area.slug in slugs]
