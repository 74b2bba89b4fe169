-- The national database's roll-up keys lead with the province (issue 20). Every national read takes one province's
-- units, whose ids the other provinces share (each numbers its own from 1): under a key led by the unit, a read of one
-- province walked every province's rows of those ids, and the feedback sums (a running sum from the first day) read
-- the whole table — 34 times the rows at 34 provinces, 2.5 s for the league of provinces (BENCHMARKS.md, `npm run
-- bench -- --federation`). The apply worker finds a replicated row by the same key; a province's own keys are unchanged.
CREATE FUNCTION "tthc_national_rollup_keys"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE t text; period text;
BEGIN
  FOREACH t IN ARRAY ARRAY['dossier_unit_daily', 'dossier_unit_monthly', 'feedback_unit_daily'] LOOP
    IF (SELECT a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.conname = t || '_pkey' AND c.conrelid = t::regclass) = 'province' THEN CONTINUE; END IF;
    period := CASE t WHEN 'dossier_unit_monthly' THEN 'month' ELSE 'day' END;
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I, ADD CONSTRAINT %I PRIMARY KEY ("province", "unit_id", %I)',
                   t, t || '_pkey', t || '_pkey', period);
  END LOOP;
END $$;

-- tthc_make_national (lib/db/migrate.ts calls it after the migrations) now also takes these keys; a database already
-- national takes them here.
ALTER FUNCTION "tthc_make_national"() RENAME TO "tthc_make_national_tables";
CREATE FUNCTION "tthc_make_national"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tthc_make_national_tables();
  PERFORM tthc_national_rollup_keys();
END $$;
DO $$
BEGIN
  IF (SELECT array_length(conkey, 1) FROM pg_constraint WHERE conname = 'units_pkey' AND conrelid = 'units'::regclass) = 2
  THEN PERFORM tthc_national_rollup_keys(); END IF;
END $$;
