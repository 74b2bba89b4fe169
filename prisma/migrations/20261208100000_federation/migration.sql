-- Federation (issue 20): a national instance subscribes, by PostgreSQL logical replication, to what each province
-- already computes — its units, their successions, its targets and the unit-level roll-ups; never dossiers or people.
-- Every installation has one province identity (today's province code: '51' for new Quảng Ngãi, whose database also
-- holds old Kon Tum's units), and every row of a federated table carries it, so that two provinces' rows never collide in
-- the national database (docs in README.md, "A national instance").

-- The installation's province: one row, set by the seed, by `npm run federation -- add` (from the root unit when unset)
-- or tthc_set_province. An existing database takes its root unit in force.
CREATE TABLE "installation" (
  "id" SMALLINT NOT NULL DEFAULT 1,
  "province" TEXT NOT NULL,
  CONSTRAINT "installation_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "installation_single_row" CHECK ("id" = 1),
  CONSTRAINT "installation_province_code" CHECK ("province" <> '')
);
INSERT INTO "installation" ("province")
SELECT "code" FROM "units" WHERE "parent_id" IS NULL AND "valid_to" IS NULL ORDER BY "sort_order", "id" LIMIT 1;

-- The province of this installation ('' while none is set). STABLE, so a column default of it is evaluated once when
-- the column is added (PostgreSQL keeps it as the existing rows' value: no table rewrite).
CREATE FUNCTION "tthc_province"() RETURNS text STABLE PARALLEL SAFE LANGUAGE sql AS $$
  SELECT COALESCE((SELECT "province" FROM "installation" WHERE "id" = 1), '')
$$;

-- The tables a province publishes and the national database receives (the one list: the publication, the national
-- keys and tthc_set_province are made from it).
CREATE FUNCTION "tthc_federated_tables"() RETURNS text[] IMMUTABLE LANGUAGE sql AS $$
  SELECT ARRAY['units', 'unit_successions', 'targets', 'dossier_unit_daily', 'dossier_unit_monthly', 'feedback_unit_daily']
$$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['units', 'unit_successions', 'targets', 'dossier_unit_daily', 'dossier_unit_monthly'] LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN "province" TEXT NOT NULL DEFAULT tthc_province()', t);
  END LOOP;
END $$;

-- Keys. A province's replica identity must hold the province: for a DELETE, the publisher sends only those columns.
-- Units, successions and targets keep their local keys (foreign keys point at them) and gain a unique (key, province)
-- index as replica identity; the roll-ups take the province into the key itself, last, so that every local read keeps
-- its index prefix (a few hundred thousand rows at 10 M dossiers: one index build).
CREATE UNIQUE INDEX "units_id_province_key" ON "units" ("id", "province");
ALTER TABLE "units" REPLICA IDENTITY USING INDEX "units_id_province_key";
CREATE UNIQUE INDEX "unit_successions_from_unit_id_to_unit_id_province_key"
  ON "unit_successions" ("from_unit_id", "to_unit_id", "province");
ALTER TABLE "unit_successions" REPLICA IDENTITY USING INDEX "unit_successions_from_unit_id_to_unit_id_province_key";
CREATE UNIQUE INDEX "targets_id_province_key" ON "targets" ("id", "province");
ALTER TABLE "targets" REPLICA IDENTITY USING INDEX "targets_id_province_key";
ALTER TABLE "dossier_unit_daily" DROP CONSTRAINT "dossier_unit_daily_pkey",
  ADD CONSTRAINT "dossier_unit_daily_pkey" PRIMARY KEY ("unit_id", "day", "province");
ALTER TABLE "dossier_unit_monthly" DROP CONSTRAINT "dossier_unit_monthly_pkey",
  ADD CONSTRAINT "dossier_unit_monthly_pkey" PRIMARY KEY ("unit_id", "month", "province");

-- Feedback (PAKN) by unit and local day, kept by statement triggers like the dossier roll-ups, so that a national
-- instance has the feedback indicator (766 ref 5.2) and with it the score without the feedback itself. Pending at the
-- end of a day is the running sum of the deltas: open from the day received to the day resolved; open and not yet due
-- until the day resolved or the first day whose end is past the deadline, whichever comes first (SPEC §3).
CREATE TABLE "feedback_unit_daily" (
  "unit_id" INTEGER NOT NULL,
  "day" DATE NOT NULL,
  "province" TEXT NOT NULL DEFAULT tthc_province(),
  "resolved" INTEGER NOT NULL DEFAULT 0,
  "resolved_on_time" INTEGER NOT NULL DEFAULT 0,
  "open_delta" INTEGER NOT NULL DEFAULT 0,
  "open_not_due_delta" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "feedback_unit_daily_pkey" PRIMARY KEY ("unit_id", "day", "province")
);

CREATE FUNCTION "tthc_feedback_rollup_sql"(source text) RETURNS text IMMUTABLE LANGUAGE sql AS $f$
  SELECT format($q$
    WITH changed AS (%s),
    x AS (
      SELECT sign, unit_id, resolved_at, deadline_at, tthc_local_day(received_at) AS r_day,
             tthc_local_day(resolved_at) AS s_day,
             -- the day it stops being pending and not due: resolved, or the first day ending after the deadline
             least(tthc_local_day(resolved_at), tthc_local_day(tthc_shift(deadline_at, interval '1 millisecond'))) AS n_day
      FROM changed
    ),
    c AS (
      SELECT unit_id, r_day AS day, 0 AS resolved, 0 AS resolved_on_time, sign AS open_delta,
             sign * (r_day < n_day)::int AS open_not_due_delta
      FROM x
      UNION ALL
      SELECT unit_id, s_day, sign, sign * (resolved_at <= deadline_at)::int, -sign, 0 FROM x WHERE resolved_at IS NOT NULL
      UNION ALL
      SELECT unit_id, n_day, 0, 0, 0, -sign FROM x WHERE r_day < n_day
    )
    INSERT INTO feedback_unit_daily AS t (unit_id, day, province, resolved, resolved_on_time, open_delta, open_not_due_delta)
    SELECT unit_id, day, (SELECT tthc_province()), sum(resolved), sum(resolved_on_time), sum(open_delta),
           sum(open_not_due_delta)
    FROM c GROUP BY unit_id, day ORDER BY unit_id, day
    ON CONFLICT (unit_id, day, province) DO UPDATE SET resolved = t.resolved + excluded.resolved,
      resolved_on_time = t.resolved_on_time + excluded.resolved_on_time, open_delta = t.open_delta + excluded.open_delta,
      open_not_due_delta = t.open_not_due_delta + excluded.open_not_due_delta
  $q$, source)
$f$;

CREATE FUNCTION "tthc_feedback_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE tthc_feedback_rollup_sql('SELECT 1 AS sign, * FROM new_rows');
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE tthc_feedback_rollup_sql('SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows');
  ELSE
    EXECUTE tthc_feedback_rollup_sql('SELECT -1 AS sign, * FROM old_rows');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "feedback_rollup_insert" AFTER INSERT ON "feedback" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_feedback_changed"();
CREATE TRIGGER "feedback_rollup_update" AFTER UPDATE ON "feedback" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_feedback_changed"();
CREATE TRIGGER "feedback_rollup_delete" AFTER DELETE ON "feedback" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_feedback_changed"();
CREATE TRIGGER "feedback_unit_daily_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "feedback_unit_daily"
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_data_changed"();
DO $$ BEGIN EXECUTE tthc_feedback_rollup_sql('SELECT 1 AS sign, * FROM feedback'); END $$;

-- Sets (or changes) the installation's province, and moves the rows already written to it.
CREATE FUNCTION "tthc_set_province"(code text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
  IF code IS NULL OR btrim(code) = '' THEN RAISE EXCEPTION 'The province code is empty.'; END IF;
  INSERT INTO "installation" ("id", "province") VALUES (1, code)
    ON CONFLICT ("id") DO UPDATE SET "province" = excluded."province";
  FOREACH t IN ARRAY tthc_federated_tables() LOOP
    EXECUTE format('UPDATE %I SET "province" = $1 WHERE "province" <> $1', t) USING code;
  END LOOP;
END $$;

-- The national database (TTHC_MODE=national; lib/db/migrate.ts calls this after the migrations, every time: it does
-- its work once). The same tables, keyed by province: every key of a federated table gains the province, the foreign
-- keys to or from them go (ids are each province's own; the provinces enforce them), and a replicated change bumps the
-- data version (the apply worker fires only row triggers enabled for replicas).
CREATE FUNCTION "tthc_make_national"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE c record; t text;
BEGIN
  IF (SELECT array_length(conkey, 1) FROM pg_constraint WHERE conname = 'units_pkey' AND conrelid = 'units'::regclass) = 2
  THEN RETURN; END IF;
  FOR c IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint
           WHERE contype = 'f' AND (conrelid::regclass::text = ANY (tthc_federated_tables())
                                    OR confrelid::regclass::text = ANY (tthc_federated_tables()))
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.tbl, c.conname);
  END LOOP;
  ALTER TABLE "units" DROP CONSTRAINT "units_pkey";
  ALTER TABLE "units" ADD CONSTRAINT "units_pkey" PRIMARY KEY USING INDEX "units_id_province_key";
  ALTER TABLE "units" DROP CONSTRAINT "units_code_valid_from_key";
  ALTER TABLE "units" ADD CONSTRAINT "units_code_valid_from_key" UNIQUE ("code", "valid_from", "province");
  ALTER TABLE "units" DROP CONSTRAINT "units_code_validity_disjoint";
  ALTER TABLE "unit_successions" DROP CONSTRAINT "unit_successions_pkey";
  ALTER TABLE "unit_successions" ADD CONSTRAINT "unit_successions_pkey"
    PRIMARY KEY USING INDEX "unit_successions_from_unit_id_to_unit_id_province_key";
  ALTER TABLE "targets" DROP CONSTRAINT "targets_pkey";
  ALTER TABLE "targets" ADD CONSTRAINT "targets_pkey" PRIMARY KEY USING INDEX "targets_id_province_key";
  FOREACH t IN ARRAY tthc_federated_tables() LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                      FOR EACH ROW EXECUTE FUNCTION "tthc_data_changed"()', t || '_data_version_replicated', t);
    EXECUTE format('ALTER TABLE %I ENABLE REPLICA TRIGGER %I', t, t || '_data_version_replicated');
  END LOOP;
  ALTER TABLE "data_change_marks" ENABLE ALWAYS TRIGGER "data_change_marks_bump";
  -- The apply worker runs with an empty search_path: these functions name their tables unqualified.
  ALTER FUNCTION "tthc_data_changed"() SET search_path FROM CURRENT;
  ALTER FUNCTION "tthc_bump_data_version"() SET search_path FROM CURRENT;
END $$;

-- Rebuilding the roll-ups (a holidays or procedures import) empties the published ones with DELETE, which is replicated,
-- not TRUNCATE, which is not: the national side would keep the old rows and refuse the new ones as duplicates.
CREATE OR REPLACE FUNCTION "tthc_rebuild_rollups"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE dossier_daily, dossier_monthly;
  DELETE FROM dossier_unit_daily;
  DELETE FROM dossier_unit_monthly;
  EXECUTE tthc_rollup_sql('SELECT 1 AS sign, * FROM dossiers');
END $$;

-- The national database's provinces (`npm run federation`): one subscription each.
CREATE TABLE "federated_provinces" (
  "name" TEXT NOT NULL,
  -- The province's identity (its rows' `province`).
  "province" TEXT NOT NULL,
  -- The subscription on this database, and its slot on the province.
  "subscription" TEXT NOT NULL,
  -- The province's connection without its password (the subscription keeps the full one, readable by superusers only).
  "conninfo" TEXT NOT NULL,
  "added_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  -- When the national side last saw the subscription streaming with every table ready: its figures are the
  -- province's as of then (what a stale province shows).
  "seen_at" TIMESTAMPTZ(6),
  CONSTRAINT "federated_provinces_pkey" PRIMARY KEY ("name"),
  CONSTRAINT "federated_provinces_province_key" UNIQUE ("province"),
  CONSTRAINT "federated_provinces_subscription_key" UNIQUE ("subscription")
);

-- The roll-up triggers' statement (see 20261202120000_rollup_int_sums), writing the province into the unit-level
-- roll-ups' keys: computed once per statement (an init plan), not per row.
CREATE OR REPLACE FUNCTION "tthc_rollup_sql"(source text) RETURNS text IMMUTABLE LANGUAGE plpgsql AS $f$
DECLARE
  -- The measures of every roll-up table, as the contributions (c below) name them.
  measures CONSTANT text[] := ARRAY['received', 'received_online', 'received_with_fee', 'received_paid_online',
    'received_digitized', 'received_reused', 'resolved', 'resolved_early', 'resolved_on_time', 'resolved_late',
    'resolved_late_apology', 'e_result_base', 'e_result_issued', 'rated', 'rated_satisfied', 'work_days', 'open_delta',
    'open_late_delta', 'open_late_apology_delta'];
  per_day text; -- a batch's sums per day, back in integers
  sums text;    -- the per-day rows summed again, by month or by unit
  adds text;    -- ON CONFLICT: the stored row plus the new sums
BEGIN
  SELECT string_agg(format('sum(%1$s)::%2$s AS %1$s', m, CASE m WHEN 'work_days' THEN 'bigint' ELSE 'int' END), ', '),
         string_agg(format('sum(%s)', m), ', '),
         string_agg(format('%1$s = t.%1$s + excluded.%1$s', m), ', ')
    INTO per_day, sums, adds FROM unnest(measures) m;
  RETURN format($q$
    WITH changed AS (%1$s),
    x0 AS (
      SELECT ch.sign, ch.unit_id, ch.procedure_id, ch.channel, ch.fee, ch.online_payment, ch.digitized, ch.reused_data,
             ch.e_result, ch.rating, ch.apology_at IS NOT NULL AS apology, ch.outcome, ch.ended_at,
             ch.processed_at IS NOT NULL OR ch.returned_at IS NOT NULL AS has_result,
             tthc_local_day(ch.received_at) AS r_day,
             tthc_local_day(ch.ended_at) AS e_day,
             -- the local day of E − S, for the processing time in working days
             tthc_local_day(tthc_shift(ch.ended_at, -tthc_supplement(ch.supplement_requested_at, ch.supplement_completed_at))) AS net_day,
             greatest(tthc_local_day(ch.received_at), tthc_local_day(tthc_shift(ch.late_after, interval '1 millisecond'))) AS l_day
      FROM changed ch
    ),
    x AS (
      SELECT x0.*, x0.has_result AND p.has_paper_result AS e_result_base,
             CASE WHEN x0.ended_at IS NOT NULL THEN greatest(0, wn.ordinal - wr.ordinal) END AS work_days
      FROM x0
      JOIN procedures p ON p.id = x0.procedure_id
      LEFT JOIN work_days wr ON wr.day = x0.r_day
      LEFT JOIN work_days wn ON wn.day = x0.net_day
    ),
    y AS (SELECT *, (ended_at IS NULL OR l_day < e_day) AS late_while_open FROM x),
    c AS (
      SELECT unit_id, procedure_id, r_day AS day,
             sign AS received, sign * (channel = 2)::int AS received_online,
             sign * COALESCE(fee > 0, false)::int AS received_with_fee,
             sign * COALESCE(fee > 0 AND online_payment IN (1, 2), false)::int AS received_paid_online,
             sign * digitized::int AS received_digitized, sign * reused_data::int AS received_reused,
             0 AS resolved, 0 AS resolved_early, 0 AS resolved_on_time, 0 AS resolved_late, 0 AS resolved_late_apology,
             0 AS e_result_base, 0 AS e_result_issued, 0 AS rated, 0 AS rated_satisfied, 0 AS work_days,
             sign AS open_delta, 0 AS open_late_delta, 0 AS open_late_apology_delta
      FROM y
      UNION ALL
      SELECT unit_id, procedure_id, e_day, 0, 0, 0, 0, 0, 0,
             sign, sign * (outcome = 1)::int, sign * (outcome = 2)::int, sign * (outcome = 3)::int,
             sign * (outcome = 3 AND apology)::int,
             sign * e_result_base::int, sign * (e_result_base AND e_result)::int,
             sign * (rating IS NOT NULL)::int, sign * COALESCE(rating >= 2, false)::int, sign * work_days,
             -sign, -sign * late_while_open::int, -sign * (late_while_open AND apology)::int
      FROM y WHERE ended_at IS NOT NULL
      UNION ALL
      SELECT unit_id, procedure_id, l_day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sign, sign * apology::int
      FROM y WHERE late_while_open
    ),
    agg AS (
      SELECT unit_id, procedure_id, day, %3$s
      FROM c GROUP BY unit_id, procedure_id, day
    ),
    daily AS (
      -- In key order, so that concurrent writers lock roll-up rows in the same order.
      INSERT INTO dossier_daily AS t (unit_id, procedure_id, day, %2$s)
      SELECT unit_id, procedure_id, day, %2$s
      FROM agg ORDER BY unit_id, day, procedure_id
      ON CONFLICT (unit_id, day, procedure_id) DO UPDATE SET %5$s
      RETURNING 1
    ),
    monthly AS (
      INSERT INTO dossier_monthly AS t (unit_id, procedure_id, month, %2$s)
      SELECT unit_id, procedure_id, date_trunc('month', day)::date AS month, %4$s
      FROM agg GROUP BY unit_id, procedure_id, 3 ORDER BY unit_id, 3, procedure_id
      ON CONFLICT (unit_id, month, procedure_id) DO UPDATE SET %5$s
      RETURNING 1
    ),
    unit_daily AS (
      INSERT INTO dossier_unit_daily AS t (unit_id, day, province, %2$s)
      SELECT unit_id, day, (SELECT tthc_province()), %4$s
      FROM agg GROUP BY unit_id, day ORDER BY unit_id, day
      ON CONFLICT (unit_id, day, province) DO UPDATE SET %5$s
      RETURNING 1
    )
    INSERT INTO dossier_unit_monthly AS t (unit_id, month, province, %2$s)
    SELECT unit_id, date_trunc('month', day)::date AS month, (SELECT tthc_province()), %4$s
    FROM agg GROUP BY unit_id, 2 ORDER BY unit_id, 2
    ON CONFLICT (unit_id, month, province) DO UPDATE SET %5$s
  $q$, source, array_to_string(measures, ', '), per_day, sums, adds);
END $f$;
