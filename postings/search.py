"""Word search over postings: PostgreSQL full-text search, with a plain-word fallback elsewhere."""

import re
from dataclasses import dataclass

from django.db import connections
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Value,
    When,
)

from postings import search_index
from postings.models import NEWEST_FIRST, Requirement, ResearchArea

MAX_QUERY_LENGTH = 200

# The fields words are matched in, by weight (PostgreSQL's A to D): the title counts most,
# then who the team is and what it works on, then the requirements, then the role summary.
TITLE_FIELDS = ("title",)
TEAM_FIELDS = ("team", "organization", "company__name")
SUMMARY_FIELDS = ("summary",)


def search_postings(postings, words):
    """Postings matching the search `words`, annotated with `search_rank` and best match first.

    On PostgreSQL `words` use web-search syntax: "quoted phrases", -excluded, and `or`.
    Elsewhere every word (or quoted phrase) must appear, case-insensitively, in one of the
    searched fields, which gives the same results for plain words apart from stemming.
    """
    if connections[postings.db].vendor == "postgresql":
        return _full_text_search(postings, words)
    return _substring_search(postings, words)


def best_match_first(postings):
    """Orders searched postings by `search_rank`; unsearched ones stay newest first."""
    if "search_rank" not in postings.query.annotations:
        return postings.order_by(*NEWEST_FIRST)
    return postings.order_by(F("search_rank").desc(), *NEWEST_FIRST)


def _full_text_search(postings, words):
    # The vector is stored on each posting and kept current by triggers (migration 0003),
    # weighted as described above, so this uses its GIN index instead of building vectors.
    return search_index.search_vector_filter(postings, words).order_by(
        F("search_rank").desc(), *NEWEST_FIRST
    )


@dataclass(frozen=True)
class Term:
    text: str
    excluded: bool = False


TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_words(words):
    """Web-search syntax as alternatives of terms that must all hold.

    'a "b c" -d or e' -> [[a, "b c", not d], [e]], the way websearch_to_tsquery reads it.
    """
    alternatives = [[]]
    for excluded, phrase, word in TOKEN.findall(words):
        if word:
            if word.lower() == "or":
                if alternatives[-1]:
                    alternatives.append([])
                continue
            excluded, phrase = (word.startswith("-") and len(word) > 1), word
            phrase = phrase[1:] if excluded else phrase
        phrase = " ".join(phrase.split())
        # Full-text search skips punctuation-only tokens; so does the fallback.
        if any(character.isalnum() for character in phrase):
            alternatives[-1].append(Term(phrase, bool(excluded)))
    return [terms for terms in alternatives if terms]


def _appears(text):
    """A condition: `text` appears in one of the searched fields of a posting."""
    return (
        _appears_in_own_fields(text, TITLE_FIELDS + TEAM_FIELDS + SUMMARY_FIELDS)
        | Exists(ResearchArea.objects.filter(postings=OuterRef("pk"), name__icontains=text))
        | Exists(Requirement.objects.filter(posting=OuterRef("pk"), text__icontains=text))
    )


def _appears_in_own_fields(text, fields):
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": text})
    return condition


def _substring_search(postings, words):
    alternatives = parse_words(words)
    if not alternatives:
        return postings.none()
    matches = Q()
    for terms in alternatives:
        all_terms = Q()
        for term in terms:
            all_terms &= ~_appears(term.text) if term.excluded else _appears(term.text)
        matches |= all_terms
    wanted = [term.text for terms in alternatives for term in terms if not term.excluded]
    return (
        postings.filter(matches)
        .annotate(search_rank=_rough_rank(wanted))
        .order_by(F("search_rank").desc(), *NEWEST_FIRST)
    )


def _rough_rank(texts):
    """A stand-in for SearchRank: a word in the title counts most, then team or company."""
    rank = Value(0.0)
    for text in texts:
        rank += Case(
            When(_appears_in_own_fields(text, TITLE_FIELDS), then=Value(1.0)),
            When(_appears_in_own_fields(text, TEAM_FIELDS), then=Value(0.4)),
            default=Value(0.1),
            output_field=FloatField(),
        )
    return rank
