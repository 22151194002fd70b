"""A query's rows as the database driver gives them, skipping Django's per-value conversion.

For the large reads of ids and ranks behind the list page: Django's per-row handling of
400,000 links took half a second, and its conversion of 9,000 search ranks longer than the
query (23 ms).
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections

CHUNK_ROWS = 10_000


def driver_row_chunks(queryset, chunk_rows=CHUNK_ROWS):
    """A values_list query's rows as tuples straight from the driver, `chunk_rows` at a time."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # a query Django knows finds nothing (`.none()`) has no SQL
        return
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(chunk_rows):
            yield chunk


def driver_rows(queryset):
    """All the rows of a values_list query, as `driver_row_chunks` reads them."""
    return [row for chunk in driver_row_chunks(queryset) for row in chunk]
