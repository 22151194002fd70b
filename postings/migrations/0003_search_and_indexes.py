# The stored full-text search vector (PostgreSQL only), trigram indexes, and list-page indexes.
from django.db import migrations, models

from postings.migrations._postgresql import on_postgresql

# The words of a posting, weighted as postings/search.py weighs them: the title (A), the
# team, organisation, company and research areas (B), the requirement lines (C) and the
# summary (D). Kept in step by triggers on every table that feeds it.
SEARCH_SQL = r"""
ALTER TABLE postings_posting ADD COLUMN search_vector tsvector;

-- One definition of the weighting, shared by the triggers and by bulk loaders (seed_demo).
CREATE FUNCTION postings_weighted_document(a text, b text, c text, d text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english', coalesce(a, '')), 'A')
      || setweight(to_tsvector('english', coalesce(b, '')), 'B')
      || setweight(to_tsvector('english', coalesce(c, '')), 'C')
      || setweight(to_tsvector('english', coalesce(d, '')), 'D')
$$;

CREATE FUNCTION postings_search_document(p postings_posting) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT postings_weighted_document(
    p.title,
    concat_ws(' ', p.team, p.organization,
      (SELECT c.name FROM postings_company c WHERE c.id = p.company_id),
      (SELECT string_agg(a.name, ' ' ORDER BY a.name)
         FROM postings_posting_research_areas pa
         JOIN postings_researcharea a ON a.id = pa.researcharea_id
        WHERE pa.posting_id = p.id)),
    (SELECT string_agg(r.text, ' ' ORDER BY r.position, r.id)
       FROM postings_requirement r WHERE r.posting_id = p.id),
    p.summary)
$$;

-- Bulk loaders (seed_demo) switch the triggers off for their transaction and refresh once.
CREATE FUNCTION postings_search_vector_deferred() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('postings.defer_search_vector', true), '') = 'on'
$$;

CREATE FUNCTION postings_posting_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT postings_search_vector_deferred() THEN
    NEW.search_vector := postings_search_document(NEW);
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER postings_posting_search_vector
  BEFORE INSERT OR UPDATE OF title, team, organization, summary, company_id
  ON postings_posting
  FOR EACH ROW EXECUTE FUNCTION postings_posting_search_vector();

-- For tables with a posting_id column: one UPDATE per statement, however many rows changed.
CREATE FUNCTION postings_child_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF postings_search_vector_deferred() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    UPDATE postings_posting p SET search_vector = postings_search_document(p)
     WHERE p.id IN (SELECT posting_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE postings_posting p SET search_vector = postings_search_document(p)
     WHERE p.id IN (SELECT posting_id FROM old_rows);
  ELSE
    UPDATE postings_posting p SET search_vector = postings_search_document(p)
     WHERE p.id IN (SELECT posting_id FROM new_rows UNION SELECT posting_id FROM old_rows);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER postings_requirement_search_insert AFTER INSERT ON postings_requirement
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION postings_child_search_vector();
CREATE TRIGGER postings_requirement_search_update AFTER UPDATE ON postings_requirement
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION postings_child_search_vector();
CREATE TRIGGER postings_requirement_search_delete AFTER DELETE ON postings_requirement
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION postings_child_search_vector();

CREATE TRIGGER postings_area_link_search_insert AFTER INSERT ON postings_posting_research_areas
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION postings_child_search_vector();
CREATE TRIGGER postings_area_link_search_update AFTER UPDATE ON postings_posting_research_areas
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION postings_child_search_vector();
CREATE TRIGGER postings_area_link_search_delete AFTER DELETE ON postings_posting_research_areas
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION postings_child_search_vector();

CREATE FUNCTION postings_company_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT postings_search_vector_deferred() THEN
    UPDATE postings_posting p SET search_vector = postings_search_document(p)
     WHERE p.company_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER postings_company_search_vector AFTER UPDATE OF name ON postings_company
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION postings_company_search_vector();

CREATE FUNCTION postings_research_area_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT postings_search_vector_deferred() THEN
    UPDATE postings_posting p SET search_vector = postings_search_document(p)
     WHERE p.id IN (SELECT posting_id FROM postings_posting_research_areas
                     WHERE researcharea_id = NEW.id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER postings_research_area_search_vector AFTER UPDATE OF name
  ON postings_researcharea
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION postings_research_area_search_vector();

UPDATE postings_posting p SET search_vector = postings_search_document(p);

CREATE INDEX posting_search_vector ON postings_posting USING gin (search_vector);

-- The list's default order (models.NEWEST_FIRST), so a page of the newest postings is read off
-- an index. SQLite cannot declare NULLS LAST in an index, hence here and not in Meta.indexes.
CREATE INDEX posting_newest ON postings_posting
  (posted_on DESC NULLS LAST, created_at DESC, id DESC);

-- Covers every column a facet counts, so that counting the open postings by company, season,
-- degree, arrangement... reads this index alone. SQLite has no INCLUDE, hence not in Meta.
CREATE INDEX posting_open_facets ON postings_posting (status, closes_on) INCLUDE (
  posted_on, company_id, season, year, for_bachelors, for_masters, for_phd,
  offers_onsite, offers_hybrid, offers_remote, work_authorization, applicants_based_in);

-- Typo-tolerant company and research-area matching (search_index.typo_tolerant_filter). Not
-- on posting titles: that index tripled the cost of writing a posting (measured at 100,000).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX company_name_trgm ON postings_company USING gin (name gin_trgm_ops);
CREATE INDEX researcharea_name_trgm ON postings_researcharea USING gin (name gin_trgm_ops);
"""

DROP_SEARCH_SQL = r"""
DROP INDEX IF EXISTS posting_open_facets;
DROP INDEX IF EXISTS posting_newest;
DROP INDEX IF EXISTS researcharea_name_trgm;
DROP INDEX IF EXISTS company_name_trgm;
DROP TRIGGER IF EXISTS postings_research_area_search_vector ON postings_researcharea;
DROP TRIGGER IF EXISTS postings_company_search_vector ON postings_company;
DROP TRIGGER IF EXISTS postings_area_link_search_insert ON postings_posting_research_areas;
DROP TRIGGER IF EXISTS postings_area_link_search_update ON postings_posting_research_areas;
DROP TRIGGER IF EXISTS postings_area_link_search_delete ON postings_posting_research_areas;
DROP TRIGGER IF EXISTS postings_requirement_search_insert ON postings_requirement;
DROP TRIGGER IF EXISTS postings_requirement_search_update ON postings_requirement;
DROP TRIGGER IF EXISTS postings_requirement_search_delete ON postings_requirement;
DROP TRIGGER IF EXISTS postings_posting_search_vector ON postings_posting;
DROP FUNCTION IF EXISTS postings_research_area_search_vector();
DROP FUNCTION IF EXISTS postings_company_search_vector();
DROP FUNCTION IF EXISTS postings_child_search_vector();
DROP FUNCTION IF EXISTS postings_posting_search_vector();
DROP FUNCTION IF EXISTS postings_search_vector_deferred();
DROP FUNCTION IF EXISTS postings_search_document(postings_posting);
DROP FUNCTION IF EXISTS postings_weighted_document(text, text, text, text);
ALTER TABLE postings_posting DROP COLUMN IF EXISTS search_vector;
"""


class Migration(migrations.Migration):
    dependencies = [("postings", "0002_recruiters_group")]

    operations = [
        migrations.AddIndex(
            model_name="payband",
            index=models.Index(
                models.F("posting"),
                models.F("currency"),
                models.OrderBy(models.F("monthly_maximum"), descending=True),
                name="payband_posting_pay",
            ),
        ),
        migrations.RunPython(on_postgresql(SEARCH_SQL), on_postgresql(DROP_SEARCH_SQL)),
    ]
