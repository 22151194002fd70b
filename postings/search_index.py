"""PostgreSQL full-text search against the stored, trigger-maintained `search_vector` column."""

from contextlib import contextmanager

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection, connections
from django.db.models import Exists, Expression, OuterRef, Q

from postings.models import Company, Posting, ResearchArea

# Migration 0003 owns the column, its GIN index, the triggers and these SQL functions.
COLUMN = "search_vector"
CONFIG = "english"
DEFER_SETTING = "postings.defer_search_vector"
# Below this word similarity a title or company name is not "the same words, mistyped".
TRIGRAM_THRESHOLD = 0.5


def is_available(using=None) -> bool:
    """True when the database keeps a search vector (PostgreSQL); SQLite needs the fallback."""
    return connections[using or "default"].vendor == "postgresql"


class StoredSearchVector(Expression):
    """The posting table's `search_vector` column, which the model does not declare.

    It compiles against whatever alias the posting table has in the query being compiled,
    so it also works when the queryset ends up as a subquery.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name(COLUMN)}", []


def web_search_query(words: str) -> SearchQuery:
    """Web-search syntax: quoted phrases, `-word`, `or`."""
    return SearchQuery(words, search_type="websearch", config=CONFIG)


def search_vector_filter(queryset, words: str):
    """Postings matching `words` (web-search syntax), annotated with `search_rank` (higher first).

    Uses the GIN index on the stored vector; PostgreSQL only (see `is_available`).
    """
    query = web_search_query(words)
    vector = StoredSearchVector()
    return queryset.filter(SearchVectorExact(vector, query)).annotate(
        search_rank=SearchRank(vector, query)
    )


def typo_tolerant_filter(queryset, words: str):
    """Postings whose company or a research area is named like `words`, give or take a typo.

    pg_trgm on the two small name tables; meant as a second try when `search_vector_filter`
    finds nothing ("recomender" finds recommender systems). Annotated with `search_rank`.
    """
    companies = Company.objects.annotate(similarity=TrigramWordSimilarity(words, "name")).filter(
        similarity__gte=TRIGRAM_THRESHOLD
    )
    areas = ResearchArea.objects.annotate(similarity=TrigramWordSimilarity(words, "name")).filter(
        similarity__gte=TRIGRAM_THRESHOLD
    )
    in_areas = Posting.research_areas.through.objects.filter(
        posting=OuterRef("pk"), researcharea__in=areas
    )
    return queryset.filter(Q(company__in=companies) | Exists(in_areas)).annotate(
        search_rank=TrigramWordSimilarity(words, "company__name")
    )


@contextmanager
def deferred_search_vectors():
    """Within a transaction, stops the triggers from updating vectors row by row.

    Bulk loaders use it and call `refresh_search_vectors` once at the end, which is many times
    faster than re-computing a posting's vector after each of its requirement and area inserts.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'on', true)", [DEFER_SETTING])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'off', true)", [DEFER_SETTING])


def refresh_search_vectors(postings) -> None:
    """Re-computes the stored vector of the postings in the queryset `postings`."""
    if connection.vendor != "postgresql":
        return
    ids_sql, params = postings.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE postings_posting AS p"
            " SET search_vector = postings_search_document(p)"
            f" WHERE p.id IN ({ids_sql})",
            params,
        )
