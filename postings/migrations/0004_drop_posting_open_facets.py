"""Drops the covering index that SQL facet counting read (migration 0003).

The list page now counts facets and orders results from the in-memory listing index
(postings/listing_index.py), so nothing reads `posting_open_facets` any more, and every write
to a posting still paid for it. PostgreSQL only, as in 0003.
"""

from django.db import migrations

from postings.migrations._postgresql import on_postgresql

DROP_SQL = "DROP INDEX IF EXISTS posting_open_facets;"

CREATE_SQL = """
CREATE INDEX posting_open_facets ON postings_posting (status, closes_on) INCLUDE (
  posted_on, company_id, season, year, for_bachelors, for_masters, for_phd,
  offers_onsite, offers_hybrid, offers_remote, work_authorization, applicants_based_in);
"""


class Migration(migrations.Migration):
    dependencies = [("postings", "0003_search_and_indexes")]

    operations = [migrations.RunPython(on_postgresql(DROP_SQL), on_postgresql(CREATE_SQL))]
