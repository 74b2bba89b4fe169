-- The dossiers' references to their unit, procedure and import, checked once per statement instead of once per row.
-- A foreign key runs one lookup and one row lock per inserted dossier; at 10 M dossiers that was about a third of an
-- import's database time (BENCHMARKS.md, 2026-12-02). The triggers below keep the same guarantees set-based: every
-- statement that writes dossiers locks the distinct units, procedures and imports it refers to (FOR KEY SHARE, as a
-- foreign key does, so a concurrent delete waits) and fails with foreign_key_violation when one is missing; deleting
-- a unit, procedure or import that dossiers still refer to fails the same way. Ids are never updated.
ALTER TABLE "dossiers"
  DROP CONSTRAINT "dossiers_unit_id_fkey",
  DROP CONSTRAINT "dossiers_procedure_id_fkey",
  DROP CONSTRAINT "dossiers_import_batch_id_fkey";

CREATE FUNCTION "tthc_dossiers_check_references"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing record;
BEGIN
  PERFORM 1 FROM units WHERE id IN (SELECT DISTINCT unit_id FROM new_rows) FOR KEY SHARE;
  PERFORM 1 FROM procedures WHERE id IN (SELECT DISTINCT procedure_id FROM new_rows) FOR KEY SHARE;
  PERFORM 1 FROM import_batches WHERE id IN (SELECT DISTINCT import_batch_id FROM new_rows) FOR KEY SHARE;
  SELECT * INTO missing FROM (
    (SELECT 'unit_id' AS col, n.unit_id AS id, 'units' AS tbl FROM new_rows n
     WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = n.unit_id) LIMIT 1)
    UNION ALL
    (SELECT 'procedure_id', n.procedure_id, 'procedures' FROM new_rows n
     WHERE NOT EXISTS (SELECT 1 FROM procedures p WHERE p.id = n.procedure_id) LIMIT 1)
    UNION ALL
    (SELECT 'import_batch_id', n.import_batch_id, 'import_batches' FROM new_rows n
     WHERE n.import_batch_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = n.import_batch_id) LIMIT 1)
  ) m LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "dossiers" violates foreign key constraint "dossiers_%_fkey"', missing.col
      USING ERRCODE = 'foreign_key_violation', TABLE = 'dossiers', COLUMN = missing.col,
            DETAIL = format('Key (%s)=(%s) is not present in table "%s".', missing.col, missing.id, missing.tbl);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "dossiers_references_insert" AFTER INSERT ON "dossiers" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_dossiers_check_references"();
CREATE TRIGGER "dossiers_references_update" AFTER UPDATE ON "dossiers" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_dossiers_check_references"();

-- A unit, procedure or import that dossiers refer to cannot be deleted (TG_ARGV[0]: the dossiers' column).
CREATE FUNCTION "tthc_restrict_dossier_references"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referenced bigint;
BEGIN
  EXECUTE format('SELECT o.id FROM old_rows o WHERE EXISTS (SELECT 1 FROM dossiers d WHERE d.%I = o.id) LIMIT 1', TG_ARGV[0])
    INTO referenced;
  IF referenced IS NOT NULL THEN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "dossiers_%_fkey" on table "dossiers"',
      TG_TABLE_NAME, TG_ARGV[0]
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
            DETAIL = format('Key (id)=(%s) is still referenced from table "dossiers".', referenced);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "units_dossiers_restrict" AFTER DELETE ON "units" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_restrict_dossier_references"('unit_id');
CREATE TRIGGER "procedures_dossiers_restrict" AFTER DELETE ON "procedures" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_restrict_dossier_references"('procedure_id');
CREATE TRIGGER "import_batches_dossiers_restrict" AFTER DELETE ON "import_batches" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_restrict_dossier_references"('import_batch_id');
