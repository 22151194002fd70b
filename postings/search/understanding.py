"""How the search box reads what a student types.

`read_query` is pure: given the typed words and the words the board knows (places and companies
of its public postings, plus the fixed arrangements, degrees, seasons and the research areas of
`postings.vocabulary`), it returns the facet values the words name, the words left over for
full-text search, and a sentence saying how the query was read. Apostrophes, accents, case and
punctuation do not matter: "Master’s" reads as "masters", "ai/ml" as "ai ml", "(nlp)" as "nlp".
Longer phrases win over shorter ones ("new york" before "york").

Not yet wired into the list page: see the README's "Search that understands" section.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from postings.models import DegreeLevel, Season, WorkArrangement
from postings.vocabulary import RESEARCH_AREAS

LONGEST_PHRASE = 4


def normalize(text):
    """Lower-case words without accents, apostrophes or punctuation, one space apart."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"['’‘`´]", "", text.casefold())
    return " ".join(re.findall(r"[^\W_]+", text))


def _fixed_words():
    words = {
        "remote": ("arrangement", WorkArrangement.REMOTE),
        "hybrid": ("arrangement", WorkArrangement.HYBRID),
        "onsite": ("arrangement", WorkArrangement.ONSITE),
        "on site": ("arrangement", WorkArrangement.ONSITE),
        "in office": ("arrangement", WorkArrangement.ONSITE),
        "phd": ("degree", DegreeLevel.PHD),
        "doctoral": ("degree", DegreeLevel.PHD),
        "masters": ("degree", DegreeLevel.MASTERS),
        "master": ("degree", DegreeLevel.MASTERS),
        "msc": ("degree", DegreeLevel.MASTERS),
        "bachelors": ("degree", DegreeLevel.BACHELORS),
        "bachelor": ("degree", DegreeLevel.BACHELORS),
        "undergrad": ("degree", DegreeLevel.BACHELORS),
        "undergraduate": ("degree", DegreeLevel.BACHELORS),
        "bsc": ("degree", DegreeLevel.BACHELORS),
        "autumn": ("season", Season.FALL),
    }
    for season in Season:
        words[season.value] = ("season", season.value)
    for area in RESEARCH_AREAS:
        for term in area.search_terms:
            words.setdefault(normalize(term), ("area", area.slug))
    return {phrase: (facet, str(value)) for phrase, (facet, value) in words.items()}


FIXED_WORDS = _fixed_words()


@dataclass(frozen=True)
class Vocabulary:
    """Words that name a facet value: normalized phrase -> (facet name, value)."""

    words: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)  # (facet, value) -> how the page names it

    @classmethod
    def of(cls, places=(), companies=()):
        """`places`: (name, location pk) pairs; `companies`: (name, slug) pairs."""
        words = dict(FIXED_WORDS)
        labels = {}
        for name, slug in companies:
            words.setdefault(normalize(name), ("company", str(slug)))
            labels[("company", str(slug))] = name
        for name, pk in places:
            words.setdefault(normalize(name), ("location", str(pk)))
            labels[("location", str(pk))] = name
        return cls(words={phrase: v for phrase, v in words.items() if phrase}, labels=labels)


@dataclass(frozen=True)
class Reading:
    facets: dict  # facet name -> list of values, in the order typed
    leftover: str
    explanation: str


def read_query(text, vocabulary):
    tokens = normalize(text or "").split()
    facets, understood, leftover = {}, [], []
    index = 0
    while index < len(tokens):
        for size in range(min(LONGEST_PHRASE, len(tokens) - index), 0, -1):
            phrase = " ".join(tokens[index : index + size])
            meaning = vocabulary.words.get(phrase) or _year(phrase)
            if meaning:
                facet, value = meaning
                if value not in facets.setdefault(facet, []):
                    facets[facet].append(value)
                    understood.append((facet, value, phrase))
                index += size
                break
        else:
            leftover.append(tokens[index])
            index += 1
    leftover_text = " ".join(leftover)
    return Reading(facets, leftover_text, _explain(understood, leftover_text, vocabulary))


def _year(phrase):
    if re.fullmatch(r"20\d\d", phrase):
        return ("year", phrase)
    return None


_NAMES = {
    **{("arrangement", k.value): k.label.lower() for k in WorkArrangement},
    **{("degree", k.value): k.label for k in DegreeLevel},
    **{("season", k.value): k.label.lower() for k in Season},
    **{("area", a.slug): a.name for a in RESEARCH_AREAS},
}


def _explain(understood, leftover, vocabulary):
    if not understood:
        return ""

    def name(facet):
        return " or ".join(
            vocabulary.labels.get((facet, v)) or _NAMES.get((facet, v), v)
            for f, v, _ in understood
            if f == facet
        )

    parts = ["Showing"]
    for facet in ("arrangement", "season", "year"):
        if name(facet):
            parts.append(name(facet))
    parts.append("internships")
    if name("degree"):
        parts.append(f"for {name('degree')} students")
    if name("area"):
        parts.append(f"in {name('area')}")
    if name("company"):
        parts.append(f"at {name('company')}")
    if name("location"):
        parts.append(f"in {name('location')}")
    if leftover:
        parts.append(f"matching ‘{leftover}’")
    return " ".join(parts)
