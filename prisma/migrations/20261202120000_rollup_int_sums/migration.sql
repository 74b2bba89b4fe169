-- The roll-up triggers' one statement (see 20261122010000_kpi_engine), with the same contributions, summed in integers:
-- a batch's per-day sums are cast back to int (a count) or bigint (working days) before the monthly and unit-level
-- roll-ups sum them again. sum() of a bigint is a numeric, added digit by digit; summing the per-day rows as numerics
-- was a fifth of the roll-up's time when a batch's dossiers spread over many days (measured at 10 M: 20,000 dossiers
-- over two years 839 → 689 ms, 20,000 over two days 181 → 166 ms, median of eight, rolled back).
-- A per-day sum of one batch (or of every dossier, in tthc_rebuild_rollups) is far inside int.
-- The measures are named once: the four roll-up tables' column lists, sums and ON CONFLICT additions are made from
-- that list (the statement is the same as written out in full).
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
      INSERT INTO dossier_unit_daily AS t (unit_id, day, %2$s)
      SELECT unit_id, day, %4$s
      FROM agg GROUP BY unit_id, day ORDER BY unit_id, day
      ON CONFLICT (unit_id, day) DO UPDATE SET %5$s
      RETURNING 1
    )
    INSERT INTO dossier_unit_monthly AS t (unit_id, month, %2$s)
    SELECT unit_id, date_trunc('month', day)::date AS month, %4$s
    FROM agg GROUP BY unit_id, 2 ORDER BY unit_id, 2
    ON CONFLICT (unit_id, month) DO UPDATE SET %5$s
  $q$, source, array_to_string(measures, ', '), per_day, sums, adds);
END $f$;
