"""PostgreSQL full-text search against the stored, trigger-maintained `search_vector` column."""

from contextlib import contextmanager

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connection, connections
from django.db.models import Expression

# Migration 0003 owns the column, its GIN index, the triggers and these SQL functions.
COLUMN = "search_vector"
CONFIG = "english"
DEFER_SETTING = "postings.defer_search_vector"


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


@contextmanager
def deferred_search_vectors():
    """Within a transaction, stops the triggers from updating vectors row by row.

    Bulk loaders (`postings.demo`) use it and write each posting's vector with its row, which is
    many times faster than re-computing it after each of its requirement and area inserts.
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
