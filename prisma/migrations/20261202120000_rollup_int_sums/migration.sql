-- The roll-up triggers' one statement (see 20261122010000_kpi_engine), with the same contributions, summed in integers:
-- a batch's per-day sums are cast back to int (a count) or bigint (working days) before the monthly and unit-level
-- roll-ups sum them again. sum() of a bigint is a numeric, added digit by digit; summing the per-day rows as numerics
-- was a fifth of the roll-up's time when a batch's dossiers spread over many days (measured at 10 M: 20,000 dossiers
-- over two years 839 → 689 ms, 20,000 over two days 181 → 166 ms, median of eight, rolled back).
-- A per-day sum of one batch (or of every dossier, in tthc_rebuild_rollups) is far inside int.
CREATE OR REPLACE FUNCTION "tthc_rollup_sql"(source text) RETURNS text IMMUTABLE LANGUAGE sql AS $f$
  SELECT format($q$
    WITH changed AS (%s),
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
      SELECT unit_id, procedure_id, day,
             sum(received)::int AS received,
             sum(received_online)::int AS received_online,
             sum(received_with_fee)::int AS received_with_fee,
             sum(received_paid_online)::int AS received_paid_online,
             sum(received_digitized)::int AS received_digitized,
             sum(received_reused)::int AS received_reused,
             sum(resolved)::int AS resolved,
             sum(resolved_early)::int AS resolved_early,
             sum(resolved_on_time)::int AS resolved_on_time,
             sum(resolved_late)::int AS resolved_late,
             sum(resolved_late_apology)::int AS resolved_late_apology,
             sum(e_result_base)::int AS e_result_base,
             sum(e_result_issued)::int AS e_result_issued,
             sum(rated)::int AS rated,
             sum(rated_satisfied)::int AS rated_satisfied,
             sum(work_days)::bigint AS work_days,
             sum(open_delta)::int AS open_delta,
             sum(open_late_delta)::int AS open_late_delta,
             sum(open_late_apology_delta)::int AS open_late_apology_delta
      FROM c GROUP BY unit_id, procedure_id, day
    ),
    daily AS (
      -- In key order, so that concurrent writers lock roll-up rows in the same order.
      INSERT INTO dossier_daily AS t (unit_id, procedure_id, day, received, received_online, received_with_fee, received_paid_online, received_digitized, received_reused, resolved, resolved_early, resolved_on_time, resolved_late, resolved_late_apology, e_result_base, e_result_issued, rated, rated_satisfied, work_days, open_delta, open_late_delta, open_late_apology_delta)
      SELECT unit_id, procedure_id, day, received, received_online, received_with_fee, received_paid_online, received_digitized, received_reused, resolved, resolved_early, resolved_on_time, resolved_late, resolved_late_apology, e_result_base, e_result_issued, rated, rated_satisfied, work_days, open_delta, open_late_delta, open_late_apology_delta
      FROM agg ORDER BY unit_id, day, procedure_id
      ON CONFLICT (unit_id, day, procedure_id) DO UPDATE SET
        received = t.received + excluded.received,
        received_online = t.received_online + excluded.received_online,
        received_with_fee = t.received_with_fee + excluded.received_with_fee,
        received_paid_online = t.received_paid_online + excluded.received_paid_online,
        received_digitized = t.received_digitized + excluded.received_digitized,
        received_reused = t.received_reused + excluded.received_reused,
        resolved = t.resolved + excluded.resolved,
        resolved_early = t.resolved_early + excluded.resolved_early,
        resolved_on_time = t.resolved_on_time + excluded.resolved_on_time,
        resolved_late = t.resolved_late + excluded.resolved_late,
        resolved_late_apology = t.resolved_late_apology + excluded.resolved_late_apology,
        e_result_base = t.e_result_base + excluded.e_result_base,
        e_result_issued = t.e_result_issued + excluded.e_result_issued,
        rated = t.rated + excluded.rated,
        rated_satisfied = t.rated_satisfied + excluded.rated_satisfied,
        work_days = t.work_days + excluded.work_days,
        open_delta = t.open_delta + excluded.open_delta,
        open_late_delta = t.open_late_delta + excluded.open_late_delta,
        open_late_apology_delta = t.open_late_apology_delta + excluded.open_late_apology_delta
      RETURNING 1
    ),
    monthly AS (
      INSERT INTO dossier_monthly AS t (unit_id, procedure_id, month, received, received_online, received_with_fee, received_paid_online, received_digitized, received_reused, resolved, resolved_early, resolved_on_time, resolved_late, resolved_late_apology, e_result_base, e_result_issued, rated, rated_satisfied, work_days, open_delta, open_late_delta, open_late_apology_delta)
      SELECT unit_id, procedure_id, date_trunc('month', day)::date AS month, sum(received), sum(received_online), sum(received_with_fee), sum(received_paid_online), sum(received_digitized), sum(received_reused), sum(resolved), sum(resolved_early), sum(resolved_on_time), sum(resolved_late), sum(resolved_late_apology), sum(e_result_base), sum(e_result_issued), sum(rated), sum(rated_satisfied), sum(work_days), sum(open_delta), sum(open_late_delta), sum(open_late_apology_delta)
      FROM agg GROUP BY unit_id, procedure_id, 3 ORDER BY unit_id, 3, procedure_id
      ON CONFLICT (unit_id, month, procedure_id) DO UPDATE SET
      received = t.received + excluded.received,
      received_online = t.received_online + excluded.received_online,
      received_with_fee = t.received_with_fee + excluded.received_with_fee,
      received_paid_online = t.received_paid_online + excluded.received_paid_online,
      received_digitized = t.received_digitized + excluded.received_digitized,
      received_reused = t.received_reused + excluded.received_reused,
      resolved = t.resolved + excluded.resolved,
      resolved_early = t.resolved_early + excluded.resolved_early,
      resolved_on_time = t.resolved_on_time + excluded.resolved_on_time,
      resolved_late = t.resolved_late + excluded.resolved_late,
      resolved_late_apology = t.resolved_late_apology + excluded.resolved_late_apology,
      e_result_base = t.e_result_base + excluded.e_result_base,
      e_result_issued = t.e_result_issued + excluded.e_result_issued,
      rated = t.rated + excluded.rated,
      rated_satisfied = t.rated_satisfied + excluded.rated_satisfied,
      work_days = t.work_days + excluded.work_days,
      open_delta = t.open_delta + excluded.open_delta,
      open_late_delta = t.open_late_delta + excluded.open_late_delta,
      open_late_apology_delta = t.open_late_apology_delta + excluded.open_late_apology_delta
      RETURNING 1
    ),
    unit_daily AS (
      INSERT INTO dossier_unit_daily AS t (unit_id, day, received, received_online, received_with_fee, received_paid_online, received_digitized, received_reused, resolved, resolved_early, resolved_on_time, resolved_late, resolved_late_apology, e_result_base, e_result_issued, rated, rated_satisfied, work_days, open_delta, open_late_delta, open_late_apology_delta)
      SELECT unit_id, day, sum(received), sum(received_online), sum(received_with_fee), sum(received_paid_online), sum(received_digitized), sum(received_reused), sum(resolved), sum(resolved_early), sum(resolved_on_time), sum(resolved_late), sum(resolved_late_apology), sum(e_result_base), sum(e_result_issued), sum(rated), sum(rated_satisfied), sum(work_days), sum(open_delta), sum(open_late_delta), sum(open_late_apology_delta)
      FROM agg GROUP BY unit_id, day ORDER BY unit_id, day
      ON CONFLICT (unit_id, day) DO UPDATE SET
      received = t.received + excluded.received,
      received_online = t.received_online + excluded.received_online,
      received_with_fee = t.received_with_fee + excluded.received_with_fee,
      received_paid_online = t.received_paid_online + excluded.received_paid_online,
      received_digitized = t.received_digitized + excluded.received_digitized,
      received_reused = t.received_reused + excluded.received_reused,
      resolved = t.resolved + excluded.resolved,
      resolved_early = t.resolved_early + excluded.resolved_early,
      resolved_on_time = t.resolved_on_time + excluded.resolved_on_time,
      resolved_late = t.resolved_late + excluded.resolved_late,
      resolved_late_apology = t.resolved_late_apology + excluded.resolved_late_apology,
      e_result_base = t.e_result_base + excluded.e_result_base,
      e_result_issued = t.e_result_issued + excluded.e_result_issued,
      rated = t.rated + excluded.rated,
      rated_satisfied = t.rated_satisfied + excluded.rated_satisfied,
      work_days = t.work_days + excluded.work_days,
      open_delta = t.open_delta + excluded.open_delta,
      open_late_delta = t.open_late_delta + excluded.open_late_delta,
      open_late_apology_delta = t.open_late_apology_delta + excluded.open_late_apology_delta
      RETURNING 1
    )
    INSERT INTO dossier_unit_monthly AS t (unit_id, month, received, received_online, received_with_fee, received_paid_online, received_digitized, received_reused, resolved, resolved_early, resolved_on_time, resolved_late, resolved_late_apology, e_result_base, e_result_issued, rated, rated_satisfied, work_days, open_delta, open_late_delta, open_late_apology_delta)
    SELECT unit_id, date_trunc('month', day)::date AS month, sum(received), sum(received_online), sum(received_with_fee), sum(received_paid_online), sum(received_digitized), sum(received_reused), sum(resolved), sum(resolved_early), sum(resolved_on_time), sum(resolved_late), sum(resolved_late_apology), sum(e_result_base), sum(e_result_issued), sum(rated), sum(rated_satisfied), sum(work_days), sum(open_delta), sum(open_late_delta), sum(open_late_apology_delta)
    FROM agg GROUP BY unit_id, 2 ORDER BY unit_id, 2
    ON CONFLICT (unit_id, month) DO UPDATE SET
      received = t.received + excluded.received,
      received_online = t.received_online + excluded.received_online,
      received_with_fee = t.received_with_fee + excluded.received_with_fee,
      received_paid_online = t.received_paid_online + excluded.received_paid_online,
      received_digitized = t.received_digitized + excluded.received_digitized,
      received_reused = t.received_reused + excluded.received_reused,
      resolved = t.resolved + excluded.resolved,
      resolved_early = t.resolved_early + excluded.resolved_early,
      resolved_on_time = t.resolved_on_time + excluded.resolved_on_time,
      resolved_late = t.resolved_late + excluded.resolved_late,
      resolved_late_apology = t.resolved_late_apology + excluded.resolved_late_apology,
      e_result_base = t.e_result_base + excluded.e_result_base,
      e_result_issued = t.e_result_issued + excluded.e_result_issued,
      rated = t.rated + excluded.rated,
      rated_satisfied = t.rated_satisfied + excluded.rated_satisfied,
      work_days = t.work_days + excluded.work_days,
      open_delta = t.open_delta + excluded.open_delta,
      open_late_delta = t.open_late_delta + excluded.open_late_delta,
      open_late_apology_delta = t.open_late_apology_delta + excluded.open_late_apology_delta
  $q$, source)
$f$;
