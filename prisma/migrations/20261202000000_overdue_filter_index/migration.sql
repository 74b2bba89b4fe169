-- The overdue list filters late finished dossiers by field/procedure and by apology: carry both in the partial index
-- of late dossiers so that a filtered list is read from the index alone (as the unfinished dossiers' index already does).
DROP INDEX "dossiers_late_idx";
CREATE INDEX "dossiers_late_idx" ON "dossiers" ("unit_id", "ended_at") INCLUDE ("deadline_at", "procedure_id", "apology_at") WHERE "outcome" = 3;
