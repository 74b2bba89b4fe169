-- The keys a Citus distribution by province needs, made on plain PostgreSQL (docs/scale-out.md §4).
--
-- Every table of the app gets `province text NOT NULL`, defaulting to the installation's province, except the national
-- catalogue and calendar (fields, procedures, calendar_days, work_days, kpi_weights: reference tables on Citus) and the
-- tables of one installation's own (_prisma_migrations, and the federation's installation and federated_provinces).
-- Every primary key, unique index and exclusion constraint of those tables, and every foreign key between two of them,
-- then includes the province — last, as the federation's roll-up keys do: (unit_id, day, province). Foreign keys to the
-- catalogue stay as they are (Citus allows a distributed table to reference a reference table). The roll-up triggers'
-- statement carries each dossier's province into its roll-up rows and names the new keys in ON CONFLICT.
--
-- Not in prisma/migrations: tests/integration/citus-keys.test.ts applies it to a seeded database and checks every key
-- and every read. Before it becomes a migration, the five app statements whose ON CONFLICT names an old key must name
-- the new one (docs/scale-out.md §4.3). Apply it as one transaction (`psql -1 -f`): on a 10 M-dossier database it
-- rebuilds the dossiers' two unique indexes (19–24 s).
--
-- The province is the federation's when its migration (20261208100000_federation) has run: the same column name, type
-- and value — tthc_province(), the installation's province code, also the columns' default — and the columns that
-- migration added are kept. Without it: the setting tthc.province when given (`SET tthc.province = '51'`), else the
-- code of the one root unit in force today, written as the default.

DO $$
DECLARE
  p text;
  default_sql text;
  t text;
BEGIN
  IF to_regprocedure('tthc_province()') IS NOT NULL THEN
    EXECUTE 'SELECT nullif(tthc_province(), '''')' INTO p;
    IF p IS NULL THEN RAISE EXCEPTION 'The installation has no province: SELECT tthc_set_province(<code>) first.'; END IF;
    default_sql := 'tthc_province()';
  ELSE
    p := nullif(current_setting('tthc.province', true), '');
    IF p IS NULL THEN
      SELECT min(code) INTO p FROM units
      WHERE parent_id IS NULL AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)
      HAVING count(*) = 1;
    END IF;
    IF p IS NULL THEN
      RAISE EXCEPTION 'No single province in force in units: SET tthc.province to the installation''s province code first.';
    END IF;
    default_sql := quote_literal(p);
  END IF;
  FOREACH t IN ARRAY ARRAY['units', 'unit_successions', 'targets', 'dossiers', 'feedback', 'dossier_daily',
                           'dossier_monthly', 'dossier_unit_daily', 'dossier_unit_monthly', 'feedback_unit_daily',
                           'import_batches', 'users', 'api_tokens', 'audit_log', 'publications', 'data_version',
                           'data_change_marks']
  LOOP
    -- A constant value for the existing rows: adding the column rewrites none.
    EXECUTE format('ALTER TABLE %I ADD COLUMN IF NOT EXISTS province text NOT NULL DEFAULT %L', t, p);
    EXECUTE format('ALTER TABLE %I ALTER COLUMN province SET DEFAULT %s', t, default_sql);
  END LOOP;
END $$;

-- The foreign keys between tables that get the province go first (they depend on the keys they reference) and come
-- back below with the province on both sides.
ALTER TABLE units DROP CONSTRAINT units_parent_id_fkey;
ALTER TABLE unit_successions
  DROP CONSTRAINT unit_successions_from_unit_id_fkey,
  DROP CONSTRAINT unit_successions_to_unit_id_fkey,
  DROP CONSTRAINT unit_successions_import_batch_id_fkey;
ALTER TABLE targets DROP CONSTRAINT targets_unit_id_fkey;
ALTER TABLE dossiers DROP CONSTRAINT dossiers_received_unit_id_fkey;
ALTER TABLE feedback DROP CONSTRAINT feedback_unit_id_fkey;
ALTER TABLE import_batches DROP CONSTRAINT import_batches_user_id_fkey, DROP CONSTRAINT import_batches_retry_of_fkey;
ALTER TABLE users DROP CONSTRAINT users_unit_id_fkey;
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_unit_id_fkey;

-- Primary keys, unique keys and the units' exclusion constraint, each with the province.
ALTER TABLE units
  DROP CONSTRAINT units_pkey, ADD CONSTRAINT units_pkey PRIMARY KEY (id, province),
  DROP CONSTRAINT units_code_valid_from_key, ADD CONSTRAINT units_code_valid_from_key UNIQUE (code, valid_from, province),
  DROP CONSTRAINT units_code_validity_disjoint, ADD CONSTRAINT units_code_validity_disjoint
    EXCLUDE USING gist (code WITH =, daterange(valid_from, valid_to, '[]') WITH &&, province WITH =) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE unit_successions
  DROP CONSTRAINT unit_successions_pkey, ADD CONSTRAINT unit_successions_pkey PRIMARY KEY (from_unit_id, to_unit_id, province);
ALTER TABLE targets DROP CONSTRAINT targets_pkey, ADD CONSTRAINT targets_pkey PRIMARY KEY (id, province);
ALTER TABLE dossiers
  DROP CONSTRAINT dossiers_pkey, ADD CONSTRAINT dossiers_pkey PRIMARY KEY (id, province),
  DROP CONSTRAINT dossiers_code_key, ADD CONSTRAINT dossiers_code_key UNIQUE (code, province);
ALTER TABLE feedback
  DROP CONSTRAINT feedback_pkey, ADD CONSTRAINT feedback_pkey PRIMARY KEY (id, province),
  DROP CONSTRAINT feedback_code_key, ADD CONSTRAINT feedback_code_key UNIQUE (code, province);
ALTER TABLE dossier_daily
  DROP CONSTRAINT dossier_daily_pkey, ADD CONSTRAINT dossier_daily_pkey PRIMARY KEY (unit_id, day, procedure_id, province);
ALTER TABLE dossier_monthly
  DROP CONSTRAINT dossier_monthly_pkey, ADD CONSTRAINT dossier_monthly_pkey PRIMARY KEY (unit_id, month, procedure_id, province);
ALTER TABLE dossier_unit_daily
  DROP CONSTRAINT dossier_unit_daily_pkey, ADD CONSTRAINT dossier_unit_daily_pkey PRIMARY KEY (unit_id, day, province);
ALTER TABLE dossier_unit_monthly
  DROP CONSTRAINT dossier_unit_monthly_pkey, ADD CONSTRAINT dossier_unit_monthly_pkey PRIMARY KEY (unit_id, month, province);
ALTER TABLE import_batches DROP CONSTRAINT import_batches_pkey, ADD CONSTRAINT import_batches_pkey PRIMARY KEY (id, province);
ALTER TABLE users
  DROP CONSTRAINT users_pkey, ADD CONSTRAINT users_pkey PRIMARY KEY (id, province),
  DROP CONSTRAINT users_username_key, ADD CONSTRAINT users_username_key UNIQUE (username, province);
ALTER TABLE api_tokens
  DROP CONSTRAINT api_tokens_pkey, ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (id, province),
  DROP CONSTRAINT api_tokens_name_key, ADD CONSTRAINT api_tokens_name_key UNIQUE (name, province),
  DROP CONSTRAINT api_tokens_token_hash_key, ADD CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash, province);
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey, ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id, province);
ALTER TABLE publications DROP CONSTRAINT publications_pkey, ADD CONSTRAINT publications_pkey PRIMARY KEY (id, province);
DROP INDEX publications_month_version_key;
CREATE UNIQUE INDEX publications_month_version_key ON publications (month, version, province);
ALTER TABLE data_version DROP CONSTRAINT data_version_pkey, ADD CONSTRAINT data_version_pkey PRIMARY KEY (id, province);
ALTER TABLE data_change_marks
  DROP CONSTRAINT data_change_marks_pkey, ADD CONSTRAINT data_change_marks_pkey PRIMARY KEY (id, province);

-- Where the federation made a unique (key, province) index the replica identity of units, successions and targets, the
-- primary key now is that key: it becomes the replica identity again, and the index, a duplicate, goes.
DO $$
DECLARE
  t text;
  idx text;
BEGIN
  FOR t, idx IN VALUES ('units', 'units_id_province_key'), ('targets', 'targets_id_province_key'),
                       ('unit_successions', 'unit_successions_from_unit_id_to_unit_id_province_key')
  LOOP
    IF to_regclass(idx) IS NOT NULL THEN
      EXECUTE format('ALTER TABLE %I REPLICA IDENTITY DEFAULT', t);
      EXECUTE format('DROP INDEX %I', idx);
    END IF;
  END LOOP;
END $$;

-- The foreign keys again, the province on both sides (Citus: between co-located tables, with the distribution column).
ALTER TABLE units ADD CONSTRAINT units_parent_id_fkey FOREIGN KEY (parent_id, province) REFERENCES units (id, province);
ALTER TABLE unit_successions
  ADD CONSTRAINT unit_successions_from_unit_id_fkey FOREIGN KEY (from_unit_id, province)
    REFERENCES units (id, province) ON DELETE CASCADE,
  ADD CONSTRAINT unit_successions_to_unit_id_fkey FOREIGN KEY (to_unit_id, province)
    REFERENCES units (id, province) ON DELETE CASCADE,
  ADD CONSTRAINT unit_successions_import_batch_id_fkey FOREIGN KEY (import_batch_id, province)
    REFERENCES import_batches (id, province);
ALTER TABLE targets ADD CONSTRAINT targets_unit_id_fkey FOREIGN KEY (unit_id, province) REFERENCES units (id, province);
ALTER TABLE dossiers ADD CONSTRAINT dossiers_received_unit_id_fkey FOREIGN KEY (received_unit_id, province)
  REFERENCES units (id, province);
ALTER TABLE feedback ADD CONSTRAINT feedback_unit_id_fkey FOREIGN KEY (unit_id, province) REFERENCES units (id, province);
ALTER TABLE import_batches
  ADD CONSTRAINT import_batches_user_id_fkey FOREIGN KEY (user_id, province) REFERENCES users (id, province),
  ADD CONSTRAINT import_batches_retry_of_fkey FOREIGN KEY (retry_of, province) REFERENCES import_batches (id, province);
ALTER TABLE users ADD CONSTRAINT users_unit_id_fkey FOREIGN KEY (unit_id, province) REFERENCES units (id, province);
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_unit_id_fkey FOREIGN KEY (unit_id, province) REFERENCES units (id, province);

-- The roll-up triggers' statement (20261202120000_rollup_int_sums) with the province: each dossier's province goes into
-- its roll-up rows, and ON CONFLICT names the keys above.
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
      SELECT ch.sign, ch.unit_id, ch.procedure_id, ch.province, ch.channel, ch.fee, ch.online_payment, ch.digitized, ch.reused_data,
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
      SELECT unit_id, procedure_id, province, r_day AS day,
             sign AS received, sign * (channel = 2)::int AS received_online,
             sign * COALESCE(fee > 0, false)::int AS received_with_fee,
             sign * COALESCE(fee > 0 AND online_payment IN (1, 2), false)::int AS received_paid_online,
             sign * digitized::int AS received_digitized, sign * reused_data::int AS received_reused,
             0 AS resolved, 0 AS resolved_early, 0 AS resolved_on_time, 0 AS resolved_late, 0 AS resolved_late_apology,
             0 AS e_result_base, 0 AS e_result_issued, 0 AS rated, 0 AS rated_satisfied, 0 AS work_days,
             sign AS open_delta, 0 AS open_late_delta, 0 AS open_late_apology_delta
      FROM y
      UNION ALL
      SELECT unit_id, procedure_id, province, e_day, 0, 0, 0, 0, 0, 0,
             sign, sign * (outcome = 1)::int, sign * (outcome = 2)::int, sign * (outcome = 3)::int,
             sign * (outcome = 3 AND apology)::int,
             sign * e_result_base::int, sign * (e_result_base AND e_result)::int,
             sign * (rating IS NOT NULL)::int, sign * COALESCE(rating >= 2, false)::int, sign * work_days,
             -sign, -sign * late_while_open::int, -sign * (late_while_open AND apology)::int
      FROM y WHERE ended_at IS NOT NULL
      UNION ALL
      SELECT unit_id, procedure_id, province, l_day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sign, sign * apology::int
      FROM y WHERE late_while_open
    ),
    agg AS (
      SELECT unit_id, procedure_id, province, day, %3$s
      FROM c GROUP BY unit_id, procedure_id, province, day
    ),
    daily AS (
      -- In key order, so that concurrent writers lock roll-up rows in the same order.
      INSERT INTO dossier_daily AS t (unit_id, procedure_id, province, day, %2$s)
      SELECT unit_id, procedure_id, province, day, %2$s
      FROM agg ORDER BY unit_id, day, procedure_id, province
      ON CONFLICT (unit_id, day, procedure_id, province) DO UPDATE SET %5$s
      RETURNING 1
    ),
    monthly AS (
      INSERT INTO dossier_monthly AS t (unit_id, procedure_id, province, month, %2$s)
      SELECT unit_id, procedure_id, province, date_trunc('month', day)::date AS month, %4$s
      FROM agg GROUP BY unit_id, procedure_id, province, 4 ORDER BY unit_id, 4, procedure_id, province
      ON CONFLICT (unit_id, month, procedure_id, province) DO UPDATE SET %5$s
      RETURNING 1
    ),
    unit_daily AS (
      INSERT INTO dossier_unit_daily AS t (unit_id, province, day, %2$s)
      SELECT unit_id, province, day, %4$s
      FROM agg GROUP BY unit_id, province, day ORDER BY unit_id, day, province
      ON CONFLICT (unit_id, day, province) DO UPDATE SET %5$s
      RETURNING 1
    )
    INSERT INTO dossier_unit_monthly AS t (unit_id, province, month, %2$s)
    SELECT unit_id, province, date_trunc('month', day)::date AS month, %4$s
    FROM agg GROUP BY unit_id, province, 3 ORDER BY unit_id, 3, province
    ON CONFLICT (unit_id, month, province) DO UPDATE SET %5$s
  $q$, source, array_to_string(measures, ', '), per_day, sums, adds);
END $f$;
