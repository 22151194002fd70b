"""Research areas a role names as topics of its own work, from the board's vocabulary.

A name or synonym is matched as a whole word or phrase; one written in capitals ("NLP", "RL")
only in capitals, the rest in any case. A word used as a verb ("we search for people who") is
not the area.
"""

import re
from functools import cache

from postings.vocabulary import RESEARCH_AREAS

VERB_BEFORE = re.compile(r"\b(?:we|you|they|i|to|will|can)\s+$", re.IGNORECASE)


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
                (m for m in pattern.finditer(text) if not VERB_BEFORE.search(text[: m.start()])),
                None,
            )
            if match:
                found.append((slug, match.group()))
                break
    return found


def in_vocabulary_order(slugs) -> list[str]:
    return [area.slug for area in RESEARCH_AREAS if area.slug in slugs]
