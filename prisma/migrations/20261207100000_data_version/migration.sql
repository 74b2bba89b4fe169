-- The data version (issue 19): one number that every committed write to the data the KPI and ranking reads depend on
-- increases, so that the in-process cache of those reads (lib/server/live-cache.ts) keys its entries by it and never
-- serves an answer older than the data. Kept by the database itself — statement triggers on every such table — so no
-- write path can forget it: imports, seeds, the CLI, psql.
CREATE TABLE "data_version" (
  "id" SMALLINT NOT NULL DEFAULT 1,
  "version" BIGINT NOT NULL DEFAULT 1,
  -- Made anew with the database: a version counted by another database (recreated, restored) is never mistaken for it.
  "epoch" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
  "changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CONSTRAINT "data_version_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "data_version_single_row" CHECK ("id" = 1)
);
INSERT INTO "data_version" ("id") VALUES (1);

-- One row per writing transaction, inserted by its first tracked statement and deleted again at its commit: the row's
-- deferred trigger is how the bump runs at commit and not at the statement. Bumping at the statement would hold the
-- version row's lock until the commit, so two writers (an import writes two batches at once) would queue behind each
-- other, and could deadlock on the rows each already locked.
CREATE TABLE "data_change_marks" (
  "id" BIGSERIAL NOT NULL,
  CONSTRAINT "data_change_marks_pkey" PRIMARY KEY ("id")
);

-- At the commit of a transaction that changed tracked data: the version goes up, visible together with the data.
CREATE FUNCTION "tthc_bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "data_version" SET "version" = "version" + 1, "changed_at" = clock_timestamp() WHERE "id" = 1;
  DELETE FROM "data_change_marks" WHERE "id" = NEW."id";
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "data_change_marks_bump" AFTER INSERT ON "data_change_marks"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tthc_bump_data_version"();

-- After each statement on a tracked table: marks the transaction once (a transaction-local setting remembers it; a
-- rolled-back savepoint forgets the setting and the mark together).
CREATE FUNCTION "tthc_data_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('tthc.data_changed', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('tthc.data_changed', 'yes', true);
    INSERT INTO "data_change_marks" DEFAULT VALUES;
  END IF;
  RETURN NULL;
END $$;

-- The tables whose changes can alter a KPI or ranking answer (SPEC §3, §6): dossiers and their roll-ups, feedback,
-- units and their successions, the catalogue, the calendar, targets and score weights.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['dossiers', 'dossier_daily', 'dossier_monthly', 'dossier_unit_daily', 'dossier_unit_monthly',
                           'feedback', 'units', 'unit_successions', 'fields', 'procedures', 'calendar_days', 'work_days',
                           'targets', 'kpi_weights']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                      FOR EACH STATEMENT EXECUTE FUNCTION "tthc_data_changed"()', t || '_data_version', t);
  END LOOP;
END $$;
