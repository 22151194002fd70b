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

from postings.models import NEWEST_FIRST, Requirement, ResearchArea
from postings.search import postgres

MAX_QUERY_LENGTH = 200
NO_WORDS_MESSAGE = (
    "Nothing to search for in “%(value)s”: searches skip punctuation, symbols and very common "
    "words such as “the” and “or”."
)

# PostgreSQL's English stop words (its tsearch_data/english.stop, Snowball's list): full-text
# search drops them from queries, so the fallback drops them too and both find the same.
POSTGRESQL_ENGLISH_STOP_WORDS = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will
    just don should now
"""
STOP_WORDS = frozenset(POSTGRESQL_ENGLISH_STOP_WORDS.split())
ASCII_DIGITS = frozenset("0123456789")

# The fields words are matched in, by weight (PostgreSQL's A to D): the title counts most,
# then who the team is and what it works on, then the requirements, then the role summary.
TITLE_FIELDS = ("title",)
TEAM_FIELDS = ("team", "organization", "company__name")
SUMMARY_FIELDS = ("summary",)


def search_postings(postings, words):
    """Postings matching the search `words`, annotated with `search_rank` and best match first.

    `words` use web-search syntax: "quoted phrases", -excluded, and `or`. On PostgreSQL that
    is full-text search; elsewhere every word (or quoted phrase) must appear,
    case-insensitively, in one of the searched fields, which gives the same results for plain
    words apart from stemming. Words with nothing searchable in them (`has_searchable_words`)
    find nothing: callers treat them as no search at all.
    """
    alternatives = parse_words(words)
    if not alternatives:
        return postings.none()
    if connections[postings.db].vendor == "postgresql":
        return _full_text_search(postings, alternatives)
    return _substring_search(postings, alternatives)


def has_searchable_words(words):
    """Whether `words` hold anything to search for, on every database alike.

    Punctuation, symbols, marks, a stray `or` or `-`, and stop words ("the", "and") are not
    searched; a search made only of them is no search.
    """
    return bool(parse_words(words))


def searchable_words(text):
    """The words full-text search would look up in `text`: runs of letters and digits,
    lowercased, stop words left out."""
    return [word for word in _letter_runs(text.lower()) if word not in STOP_WORDS]


def _letter_runs(text):
    # Letters of any script and the digits 0-9, as PostgreSQL's parser reads words; marks,
    # other digits and symbols separate words here and are never sent to the database.
    return "".join(c if c.isalpha() or c in ASCII_DIGITS else " " for c in text).split()


def best_match_first(postings):
    """Orders searched postings by `search_rank`; unsearched ones stay newest first."""
    if "search_rank" not in postings.query.annotations:
        return postings.order_by(*NEWEST_FIRST)
    return postings.order_by(F("search_rank").desc(), *NEWEST_FIRST)


def _full_text_search(postings, alternatives):
    # The vector is stored on each posting and kept current by triggers (migration 0003),
    # weighted as described above, so this uses its GIN index instead of building vectors.
    return postgres.search_vector_filter(postings, web_search_text(alternatives)).order_by(
        F("search_rank").desc(), *NEWEST_FIRST
    )


def web_search_text(alternatives):
    """Parsed words written back as web-search syntax made only of letters and digits.

    PostgreSQL reads exactly the terms the fallback reads, and what counts as a word is
    decided here, not by the database's locale (which may count a symbol as a letter).
    """
    return " or ".join(" ".join(_term_text(term) for term in terms) for terms in alternatives)


def _term_text(term):
    # Stop words stay inside phrases: PostgreSQL drops them but keeps the distance they span.
    words = _letter_runs(term.text)
    text = f'"{" ".join(words)}"' if len(words) > 1 else words[0]
    return f"-{text}" if term.excluded else text


@dataclass(frozen=True)
class Term:
    text: str
    excluded: bool = False


TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_words(words):
    """Web-search syntax as alternatives of terms that must all hold.

    'a "b c" -d or e' -> [[a, "b c", not d], [e]], the way websearch_to_tsquery reads it.
    Terms without a searchable word ("-", "%", "the") are left out, as PostgreSQL does.
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
        if searchable_words(phrase):
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


def _substring_search(postings, alternatives):
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
