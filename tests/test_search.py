"""Word search: which fields it reads, web-search syntax, ranking, on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from hypothesis import example, given
from hypothesis import strategies as st

from postings.models import Posting
from postings.search import (
    STOP_WORDS,
    Term,
    has_searchable_words,
    parse_words,
    search_postings,
    web_search_text,
)
from tests.factories import (
    CompanyFactory,
    PublishedPostingFactory,
    RequirementFactory,
    ResearchAreaFactory,
)

FALL = "2025 Fall Machine Learning Intern"
PHD = "PhD Machine Learning Internship 2026 (USA)"


def found(words):
    return [posting.title for posting in search_postings(Posting.objects.all(), words)]


def test_parse_words_reads_web_search_syntax():
    assert parse_words('graph "neural networks" -vision or nlp') == [
        [Term("graph"), Term("neural networks"), Term("vision", excluded=True)],
        [Term("nlp")],
    ]
    assert parse_words('-"computer vision"  ranking') == [
        [Term("computer vision", excluded=True), Term("ranking")]
    ]


def test_parse_words_ignores_punctuation_and_stray_ors():
    assert parse_words("or - ranking or") == [[Term("ranking")]]
    assert parse_words('"unclosed phrase') == [[Term("unclosed phrase")]]
    assert parse_words("   ") == []


def test_stop_words_are_not_searched_alone_or_among_words():
    assert parse_words("the") == []
    assert parse_words("The ranking AND or") == [[Term("ranking")]]
    # Inside a phrase they keep the distance they span.
    assert parse_words('"learning to rank"') == [[Term("learning to rank")]]
    assert web_search_text(parse_words('"learning to rank" -c++')) == '"learning to rank" -c'


@pytest.mark.parametrize("words", ['"', "-", "or", "%", "*", "{}", "💥", "\u202e", "the", "-the"])
def test_punctuation_symbols_marks_and_stop_words_alone_are_no_search(words):
    assert not has_searchable_words(words)


def postgresql_lexemes(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT numnode(websearch_to_tsquery('english', %s))", [text])
        return cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's parser")
@given(words=st.text(max_size=40))
@example(words="the ranking")
@example(words="naïve 日本語 ²")
@example(words="a-b or -c")
def test_postgresql_finds_a_word_to_search_in_every_search_the_board_calls_searchable(words):
    if has_searchable_words(words):
        assert postgresql_lexemes(web_search_text(parse_words(words))) > 0
    else:
        assert not parse_words(words)


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's list")
def test_the_stop_words_are_postgresqls():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM unnest(%s::text[]) AS word"
            " WHERE ts_lexize('english_stem', word) <> '{}'",
            [sorted(STOP_WORDS)],
        )
        assert cursor.fetchall() == []
    assert postgresql_lexemes("ranking") == 1


@pytest.mark.django_db
def test_recommender_finds_both_pinterest_postings(pinterest):
    assert sorted(found("recommender")) == sorted([FALL, PHD])


@pytest.mark.django_db
def test_every_word_must_match_somewhere(pinterest):
    assert found("monetization recommender") == [FALL]
    assert found("monetization kubernetes") == []


@pytest.mark.django_db
def test_search_is_case_insensitive(pinterest):
    assert found("LOWER FUNNEL") == [FALL]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "make"),
    [
        ("title", lambda: PublishedPostingFactory(title="Quasar intern")),
        ("team", lambda: PublishedPostingFactory(team="Quasar team")),
        ("organisation", lambda: PublishedPostingFactory(organization="Quasar group")),
        (
            "company name",
            lambda: PublishedPostingFactory(company=CompanyFactory(name="Quasar Labs")),
        ),
        (
            "research area",
            lambda: PublishedPostingFactory(research_areas=[ResearchAreaFactory(name="Quasar")]),
        ),
        ("requirement", lambda: RequirementFactory(text="Experience with Quasar").posting),
        ("summary", lambda: PublishedPostingFactory(summary="You will build Quasar.")),
    ],
)
def test_words_match_each_searched_field(field, make):
    posting = make()
    PublishedPostingFactory(title="Unrelated")

    assert found("quasar") == [posting.title], field


@pytest.mark.django_db
def test_a_posting_matching_in_several_places_is_listed_once():
    posting = PublishedPostingFactory(
        title="Ranking intern", research_areas=[ResearchAreaFactory(name="Ranking")]
    )
    RequirementFactory(posting=posting, text="Ranking models")
    RequirementFactory(posting=posting, text="More ranking")

    assert found("ranking") == ["Ranking intern"]


@pytest.mark.django_db
def test_a_word_in_the_title_ranks_above_one_in_the_requirements():
    RequirementFactory(posting=PublishedPostingFactory(title="Intern A"), text="Compilers")
    PublishedPostingFactory(title="Compilers intern")

    assert found("compilers") == ["Compilers intern", "Intern A"]


@pytest.mark.django_db
def test_quoted_phrase_minus_and_or():
    PublishedPostingFactory(title="Graph neural networks")
    PublishedPostingFactory(title="Neural graph networks")
    PublishedPostingFactory(title="Speech recognition")

    assert found('"graph neural"') == ["Graph neural networks"]
    assert found("networks -speech -graph") == []
    assert sorted(found("speech or graph")) == [
        "Graph neural networks",
        "Neural graph networks",
        "Speech recognition",
    ]


@pytest.mark.django_db
def test_words_that_look_like_sql_or_html_are_only_words(pinterest):
    assert found("'; DROP TABLE postings_posting; --") == []
    assert found("<script>alert(1)</script>") == []
    assert Posting.objects.count() == 2


@pytest.mark.django_db
def test_full_text_search_matches_other_forms_of_a_word_on_postgresql(pinterest):
    if connection.vendor != "postgresql":
        pytest.skip("stemming is PostgreSQL's; the fallback matches the letters typed")

    assert sorted(found("recommendations")) == sorted([FALL, PHD])
