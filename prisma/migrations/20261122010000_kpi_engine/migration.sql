-- KPI engine (SPEC §3): the working-day calendar as ordinals, the 766 score weights, and two roll-ups of the dossiers
-- (by unit × procedure × local day, and × month) kept exact on every insert, update and delete by statement triggers.

-- Working days as ordinals: ordinal = number of working days up to and including the day (SPEC §2). The N-th working
-- day after d is the working day whose ordinal is ordinal(d) + N; working days between two days are a subtraction.
CREATE TABLE "work_days" (
  "day"        DATE PRIMARY KEY,
  "is_working" BOOLEAN NOT NULL,
  "ordinal"    INTEGER NOT NULL
);
CREATE INDEX "work_days_ordinal_idx" ON "work_days" ("ordinal") WHERE "is_working";

CREATE FUNCTION "tthc_refresh_work_days"() RETURNS void LANGUAGE sql AS $$
  DELETE FROM work_days;
  INSERT INTO work_days (day, is_working, ordinal)
  SELECT day, w, (sum(w::int) OVER (ORDER BY day))::int
  FROM (
    SELECT g::date AS day,
           COALESCE(c.kind = 'lam_bu', extract(isodow FROM g) < 6) AS w
    FROM generate_series(DATE '1990-01-01', DATE '2060-12-31', interval '1 day') g
    LEFT JOIN calendar_days c ON c.day = g::date
  ) s;
$$;
CREATE FUNCTION "tthc_calendar_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tthc_refresh_work_days();
  RETURN NULL;
END $$;
CREATE TRIGGER "calendar_days_refresh_work_days" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "calendar_days"
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_calendar_changed"();
SELECT tthc_refresh_work_days();

-- Working days from day a to day b (b − a in working days; 0 or negative when b is not after a).
CREATE FUNCTION "tthc_work_days_between"(a date, b date) RETURNS integer STABLE PARALLEL SAFE LANGUAGE sql AS $$
  SELECT (SELECT ordinal FROM work_days WHERE day = b) - (SELECT ordinal FROM work_days WHERE day = a)
$$;

-- D computed from R and the processing time, when a dossier carries no NgayHenTra (SPEC §2; lib/calendar computeDue).
CREATE FUNCTION "tthc_due"(received timestamptz, amount numeric, unit time_unit) RETURNS timestamptz
  STABLE PARALLEL SAFE LANGUAGE sql AS $$
  SELECT CASE unit
    WHEN 'gio' THEN tthc_shift(received, amount * interval '1 hour')
    WHEN 'ngay' THEN tthc_end_of_day(tthc_local_day(received) + ceil(amount)::int)
    WHEN 'thang' THEN tthc_end_of_day((tthc_local_day(received) + make_interval(months => ceil(amount)::int))::date)
    ELSE tthc_end_of_day((
      SELECT w.day FROM work_days w
      WHERE w.is_working AND w.ordinal = (SELECT ordinal FROM work_days WHERE day = tthc_local_day(received)) + ceil(amount)::int
      ORDER BY w.day LIMIT 1))
  END
$$;

-- Points and targets of the 766 score estimate (SPEC §3): configuration, changed here rather than in code.
CREATE TABLE "kpi_weights" (
  "kpi"    TEXT PRIMARY KEY,
  "points" DECIMAL(6, 2) NOT NULL,
  "target" DECIMAL(6, 5) NOT NULL,
  CONSTRAINT "kpi_weights_points_positive" CHECK ("points" > 0),
  CONSTRAINT "kpi_weights_target_range" CHECK ("target" > 0 AND "target" <= 1)
);
INSERT INTO "kpi_weights" ("kpi", "points", "target") VALUES
  ('onTime', 20, 1), ('online', 12, 0.5), ('onlinePayment', 6, 1), ('eResult', 6, 1),
  ('digitized', 4, 0.8), ('reuse', 2, 0.8), ('satisfaction', 6, 0.9), ('feedbackOnTime', 6, 1);

-- Roll-ups. Each dossier contributes: on the local day of R its received-day counts and +1 open; on the local day
-- of E its resolved-day counts and −1 open; while open and late, +1/−1 "open late" on the first day it is late at
-- the end of the day and on the day of E. Summing open deltas up to a day gives the dossiers pending at the end of it.
-- Derived data: no foreign keys (the dossiers have them), so that maintaining them stays one set-based statement.
CREATE TABLE "dossier_daily" (
  "unit_id"      INTEGER NOT NULL,
  "procedure_id" INTEGER NOT NULL,
  "day"          DATE NOT NULL,
  "received" INT NOT NULL DEFAULT 0,
  "received_online" INT NOT NULL DEFAULT 0,
  "received_with_fee" INT NOT NULL DEFAULT 0,
  "received_paid_online" INT NOT NULL DEFAULT 0,
  "received_digitized" INT NOT NULL DEFAULT 0,
  "received_reused" INT NOT NULL DEFAULT 0,
  "resolved" INT NOT NULL DEFAULT 0,
  "resolved_early" INT NOT NULL DEFAULT 0,
  "resolved_on_time" INT NOT NULL DEFAULT 0,
  "resolved_late" INT NOT NULL DEFAULT 0,
  "resolved_late_apology" INT NOT NULL DEFAULT 0,
  "e_result_base" INT NOT NULL DEFAULT 0,
  "e_result_issued" INT NOT NULL DEFAULT 0,
  "rated" INT NOT NULL DEFAULT 0,
  "rated_satisfied" INT NOT NULL DEFAULT 0,
  "work_days" BIGINT NOT NULL DEFAULT 0,
  "open_delta" INT NOT NULL DEFAULT 0,
  "open_late_delta" INT NOT NULL DEFAULT 0,
  "open_late_apology_delta" INT NOT NULL DEFAULT 0,
  PRIMARY KEY ("unit_id", "day", "procedure_id")
);
CREATE TABLE "dossier_monthly" (
  "unit_id"      INTEGER NOT NULL,
  "procedure_id" INTEGER NOT NULL,
  "month"          DATE NOT NULL,
  "received" INT NOT NULL DEFAULT 0,
  "received_online" INT NOT NULL DEFAULT 0,
  "received_with_fee" INT NOT NULL DEFAULT 0,
  "received_paid_online" INT NOT NULL DEFAULT 0,
  "received_digitized" INT NOT NULL DEFAULT 0,
  "received_reused" INT NOT NULL DEFAULT 0,
  "resolved" INT NOT NULL DEFAULT 0,
  "resolved_early" INT NOT NULL DEFAULT 0,
  "resolved_on_time" INT NOT NULL DEFAULT 0,
  "resolved_late" INT NOT NULL DEFAULT 0,
  "resolved_late_apology" INT NOT NULL DEFAULT 0,
  "e_result_base" INT NOT NULL DEFAULT 0,
  "e_result_issued" INT NOT NULL DEFAULT 0,
  "rated" INT NOT NULL DEFAULT 0,
  "rated_satisfied" INT NOT NULL DEFAULT 0,
  "work_days" BIGINT NOT NULL DEFAULT 0,
  "open_delta" INT NOT NULL DEFAULT 0,
  "open_late_delta" INT NOT NULL DEFAULT 0,
  "open_late_apology_delta" INT NOT NULL DEFAULT 0,
  PRIMARY KEY ("unit_id", "month", "procedure_id")
);

-- The same two roll-ups without the procedure: what unfiltered reads (most of them) use, ten times fewer rows.
CREATE TABLE "dossier_unit_daily" (
  "unit_id"      INTEGER NOT NULL,
  "day"          DATE NOT NULL,
  "received" INTEGER NOT NULL DEFAULT 0,
  "received_online" INTEGER NOT NULL DEFAULT 0,
  "received_with_fee" INTEGER NOT NULL DEFAULT 0,
  "received_paid_online" INTEGER NOT NULL DEFAULT 0,
  "received_digitized" INTEGER NOT NULL DEFAULT 0,
  "received_reused" INTEGER NOT NULL DEFAULT 0,
  "resolved" INTEGER NOT NULL DEFAULT 0,
  "resolved_early" INTEGER NOT NULL DEFAULT 0,
  "resolved_on_time" INTEGER NOT NULL DEFAULT 0,
  "resolved_late" INTEGER NOT NULL DEFAULT 0,
  "resolved_late_apology" INTEGER NOT NULL DEFAULT 0,
  "e_result_base" INTEGER NOT NULL DEFAULT 0,
  "e_result_issued" INTEGER NOT NULL DEFAULT 0,
  "rated" INTEGER NOT NULL DEFAULT 0,
  "rated_satisfied" INTEGER NOT NULL DEFAULT 0,
  "work_days" BIGINT NOT NULL DEFAULT 0,
  "open_delta" INTEGER NOT NULL DEFAULT 0,
  "open_late_delta" INTEGER NOT NULL DEFAULT 0,
  "open_late_apology_delta" INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY ("unit_id", "day")
);
CREATE TABLE "dossier_unit_monthly" (
  "unit_id"      INTEGER NOT NULL,
  "month"          DATE NOT NULL,
  "received" INTEGER NOT NULL DEFAULT 0,
  "received_online" INTEGER NOT NULL DEFAULT 0,
  "received_with_fee" INTEGER NOT NULL DEFAULT 0,
  "received_paid_online" INTEGER NOT NULL DEFAULT 0,
  "received_digitized" INTEGER NOT NULL DEFAULT 0,
  "received_reused" INTEGER NOT NULL DEFAULT 0,
  "resolved" INTEGER NOT NULL DEFAULT 0,
  "resolved_early" INTEGER NOT NULL DEFAULT 0,
  "resolved_on_time" INTEGER NOT NULL DEFAULT 0,
  "resolved_late" INTEGER NOT NULL DEFAULT 0,
  "resolved_late_apology" INTEGER NOT NULL DEFAULT 0,
  "e_result_base" INTEGER NOT NULL DEFAULT 0,
  "e_result_issued" INTEGER NOT NULL DEFAULT 0,
  "rated" INTEGER NOT NULL DEFAULT 0,
  "rated_satisfied" INTEGER NOT NULL DEFAULT 0,
  "work_days" BIGINT NOT NULL DEFAULT 0,
  "open_delta" INTEGER NOT NULL DEFAULT 0,
  "open_late_delta" INTEGER NOT NULL DEFAULT 0,
  "open_late_apology_delta" INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY ("unit_id", "month")
);

-- "Pending at the end of a past day" sums the open deltas of every earlier month: answered from this index alone.
CREATE INDEX "dossier_monthly_open_idx" ON "dossier_monthly" ("unit_id", "month")
  INCLUDE ("procedure_id", "open_delta", "open_late_delta", "open_late_apology_delta");

-- The contributions of a set of dossier rows (a query with a leading "sign" column: +1 added, −1 removed), as SQL text,
-- so that the triggers and the full rebuild share one definition.
CREATE FUNCTION "tthc_rollup_sql"(source text) RETURNS text IMMUTABLE LANGUAGE sql AS $f$
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
             0 AS e_result_base, 0 AS e_result_issued, 0 AS rated, 0 AS rated_satisfied, 0::bigint AS work_days,
             sign AS open_delta, 0 AS open_late_delta, 0 AS open_late_apology_delta
      FROM y
      UNION ALL
      SELECT unit_id, procedure_id, e_day, 0, 0, 0, 0, 0, 0,
             sign, sign * (outcome = 1)::int, sign * (outcome = 2)::int, sign * (outcome = 3)::int,
             sign * (outcome = 3 AND apology)::int,
             sign * e_result_base::int, sign * (e_result_base AND e_result)::int,
             sign * (rating IS NOT NULL)::int, sign * COALESCE(rating >= 2, false)::int, sign * work_days::bigint,
             -sign, -sign * late_while_open::int, -sign * (late_while_open AND apology)::int
      FROM y WHERE ended_at IS NOT NULL
      UNION ALL
      SELECT unit_id, procedure_id, l_day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sign, sign * apology::int
      FROM y WHERE late_while_open
    ),
    agg AS (
      SELECT unit_id, procedure_id, day,
             sum(received) AS received,
             sum(received_online) AS received_online,
             sum(received_with_fee) AS received_with_fee,
             sum(received_paid_online) AS received_paid_online,
             sum(received_digitized) AS received_digitized,
             sum(received_reused) AS received_reused,
             sum(resolved) AS resolved,
             sum(resolved_early) AS resolved_early,
             sum(resolved_on_time) AS resolved_on_time,
             sum(resolved_late) AS resolved_late,
             sum(resolved_late_apology) AS resolved_late_apology,
             sum(e_result_base) AS e_result_base,
             sum(e_result_issued) AS e_result_issued,
             sum(rated) AS rated,
             sum(rated_satisfied) AS rated_satisfied,
             sum(work_days) AS work_days,
             sum(open_delta) AS open_delta,
             sum(open_late_delta) AS open_late_delta,
             sum(open_late_apology_delta) AS open_late_apology_delta
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

CREATE FUNCTION "tthc_dossiers_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE tthc_rollup_sql('SELECT 1 AS sign, * FROM new_rows');
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE tthc_rollup_sql('SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows');
  ELSE
    EXECUTE tthc_rollup_sql('SELECT -1 AS sign, * FROM old_rows');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "dossiers_rollup_insert" AFTER INSERT ON "dossiers" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_dossiers_changed"();
CREATE TRIGGER "dossiers_rollup_update" AFTER UPDATE ON "dossiers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_dossiers_changed"();
CREATE TRIGGER "dossiers_rollup_delete" AFTER DELETE ON "dossiers" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "tthc_dossiers_changed"();

-- Recomputes both roll-ups from the dossiers (after a calendar change, or a change of a procedure's paper-result flag).
CREATE FUNCTION "tthc_rebuild_rollups"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE dossier_daily, dossier_monthly, dossier_unit_daily, dossier_unit_monthly;
  EXECUTE tthc_rollup_sql('SELECT 1 AS sign, * FROM dossiers');
END $$;
