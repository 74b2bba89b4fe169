-- The overdue list returns each late dossier's id and handler, and searches by handler: carry both in the partial
-- indexes of late and of unfinished dossiers, so that listing and searching the late dossiers of a period read the
-- indexes alone instead of visiting every late dossier's row (a province-year handler search read ~350,000 rows from
-- the heap at 10 M, 6.7 s).
--
-- Names are compared folded: no accents (Vietnamese composed or decomposed, đ → d), lower case, whitespace collapsed,
-- as foldName() in lib/server/queries/overdue.ts does. The unaccent extension (PostgreSQL's contrib, a trusted
-- extension) folds a name in ~1 µs; the late dossiers' index keeps the folded name, so that a search compares stored
-- values instead of folding every late dossier's name of the period again (0.4 s → 0.05 s for a province-year).
-- tthc_fold_name is declared immutable although unaccent() is only stable: its rules file ships with PostgreSQL and
-- is not edited here; if it were, REINDEX INDEX dossiers_late_idx.
CREATE EXTENSION IF NOT EXISTS "unaccent" WITH SCHEMA public;
CREATE FUNCTION "tthc_fold_name"(name text) RETURNS text IMMUTABLE PARALLEL SAFE STRICT LANGUAGE sql AS $$
  SELECT lower(regexp_replace(public.unaccent('public.unaccent'::regdictionary, name), '[[:space:]]+', ' ', 'g')) $$;
DROP INDEX "dossiers_late_idx";
CREATE INDEX "dossiers_late_idx" ON "dossiers" ("unit_id", "ended_at", "tthc_fold_name"("handler"))
  INCLUDE ("deadline_at", "procedure_id", "apology_at", "handler", "id") WHERE "outcome" = 3;
DROP INDEX "dossiers_unfinished_idx";
CREATE INDEX "dossiers_unfinished_idx" ON "dossiers" ("unit_id", "late_after")
  INCLUDE ("received_at", "procedure_id", "apology_at", "deadline_at", "handler", "id") WHERE "ended_at" IS NULL;
