-- The overdue list returns each late dossier's id and handler, and searches by handler: carry both in the partial
-- indexes of late and of unfinished dossiers, so that listing and searching the late dossiers of a period read the
-- indexes alone instead of visiting every late dossier's row (a province-year handler search read ~350,000 rows from
-- the heap at 10 M). The search folds names with the unaccent extension (PostgreSQL's contrib, a trusted extension).
CREATE EXTENSION IF NOT EXISTS "unaccent";
DROP INDEX "dossiers_late_idx";
CREATE INDEX "dossiers_late_idx" ON "dossiers" ("unit_id", "ended_at")
  INCLUDE ("deadline_at", "procedure_id", "apology_at", "handler", "id") WHERE "outcome" = 3;
DROP INDEX "dossiers_unfinished_idx";
CREATE INDEX "dossiers_unfinished_idx" ON "dossiers" ("unit_id", "late_after")
  INCLUDE ("received_at", "procedure_id", "apology_at", "deadline_at", "handler", "id") WHERE "ended_at" IS NULL;
