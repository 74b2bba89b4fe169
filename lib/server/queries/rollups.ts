// The roll-up reader: KPI sums (lib/kpi's measures) of units' subtrees for any set of periods, grouped by unit, procedure
// or field, from the roll-up tables (SPEC §3), never by loading dossiers into Node. The sums equal lib/kpi's sumDossiers on
// the same rows (tests/integration/kpi-sql.test.ts). The SQL lists and the row type are made from the measures' one
// declaration (lib/kpi/types.ts). Units and the catalogue are looked up in ./units and ./catalog.
import 'server-only';
import type { RawBuilder } from 'kysely';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { UnitRef } from '@/lib/views';
import { addDays, addLocalMonths, endOfLocalDay, startOfLocalDay } from '@/lib/calendar';
import {
  EMPTY_SUMS,
  FEEDBACK_MEASURES,
  PENDING_MEASURES,
  PERIOD_MEASURES,
  SUM_KEYS,
  asOfTime,
  measureColumn,
  type KpiSums,
  type PendingMeasure,
  type Period,
  type PeriodMeasure,
  type SumKey,
} from '@/lib/kpi';
import type { UnitView } from '@/lib/units';
import { memo } from '@/lib/server/request-cache';
import { subtreeMembers } from './unit-history';
import { db, sql } from '@/lib/server/sql';

type FeedbackMeasure = (typeof FEEDBACK_MEASURES)[number];

/** What the figures are narrowed to: one field's procedures, or one procedure. */
export interface KpiFilter {
  fieldId: number | null;
  procedureId: number | null;
}

export const NO_FILTER: KpiFilter = { fieldId: null, procedureId: null };

/** The roll-ups to read: by unit only when nothing is filtered or grouped (ten times fewer rows), else by procedure. */
function rollups(byProcedure: boolean) {
  return {
    daily: sql.raw(byProcedure ? 'dossier_daily' : 'dossier_unit_daily'),
    monthly: sql.raw(byProcedure ? 'dossier_monthly' : 'dossier_unit_monthly'),
  };
}

/** The SQL condition on a roll-up or dossier alias `r` that applies a filter. */
function filterSql(filter: KpiFilter, alias: string): RawBuilder<unknown> {
  const column = sql.raw(`${alias}.procedure_id`);
  if (filter.procedureId !== null) return sql`AND ${column} = ${filter.procedureId}`;
  if (filter.fieldId !== null) return sql`AND ${column} IN (SELECT id FROM procedures WHERE field_id = ${filter.fieldId})`;
  return sql``;
}

/**
 * The subtrees the sums are grouped by: each target unit with every unit version counted under it in the view
 * (./unit-history). Worked out in Node from the (small) unit table and passed as two arrays, so that the queries of a
 * sum do not each join units by path prefix. `merged`: the subtrees taken together, each version once.
 */
async function membersSql(
  units: readonly UnitRef[],
  view: UnitView,
  merged: boolean,
  province: string | null,
): Promise<RawBuilder<unknown>> {
  const { targets, members } = await subtreeMembers(units, view, merged, province);
  return sql`members AS (SELECT * FROM unnest(${targets}::int[], ${members}::int[]) AS m(target_id, unit_id))`;
}

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * The days of a period split into whole months (read from the monthly roll-up) and the edge days around them
 * (read from the daily one). Ranges are inclusive; an empty range has from > to.
 */
function splitPeriod(period: Period) {
  const monthsFrom = period.from.endsWith('-01') ? period.from : addLocalMonths(firstOfMonth(period.from), 1);
  const afterTo = addDays(period.to, 1);
  const monthsTo = afterTo.endsWith('-01') ? afterTo : firstOfMonth(period.to); // exclusive
  if (monthsFrom >= monthsTo) {
    return { months: null, head: { from: period.from, to: period.to }, tail: { from: '9999-12-31', to: '0001-01-01' } };
  }
  return {
    months: { from: monthsFrom, toExclusive: monthsTo },
    head: { from: period.from, to: addDays(monthsFrom, -1) },
    tail: { from: monthsTo, to: period.to },
  };
}

/** A measure's value as a raw query returns it: count(*) and sums of integers as bigint, sums of bigints as numeric. */
type MeasureValue = bigint | number | Prisma.Decimal | null;
/** A row of a grouped sum: the period's index, the group's id and the requested measures. */
type SumRow = { period: number; target_id: number } & Partial<Record<SumKey, MeasureValue>>;
const n = (v: MeasureValue | undefined) => Number(v ?? 0);

/** The roll-ups keep the pending counts as deltas (+1 when a dossier opens, −1 when it ends); their running sum up
 * to a day is the count pending at its end. */
const OPEN_DELTA: Record<PendingMeasure, string> = {
  pending: 'open_delta',
  pendingLate: 'open_late_delta',
  pendingLateApology: 'open_late_apology_delta',
};
/** `r.a, r.b, …` and `sum(a) AS "key", …` of some measures, made from the declaration in lib/kpi/types.ts. */
const columnsSql = (columns: readonly string[]) => sql.raw(columns.map((c) => `r.${c}`).join(', '));
const sumsSql = (keys: readonly SumKey[], column: (k: SumKey) => string) =>
  sql.raw(keys.map((k) => `sum(${column(k)}) AS "${k}"`).join(', '));

/** How the sums are grouped, besides by period: by target unit (its subtree), or over all of them by procedure or field. */
export type Grouping = 'unit' | 'procedure' | 'field';

export interface RollupQuery {
  /** The units whose subtrees are summed. */
  units: readonly UnitRef[];
  /** The periods, each summed on its own at its own T = min(end of the period, now). */
  periods: readonly Period[];
  by: Grouping;
  now: Date;
  filter?: KpiFilter;
  /** The measures to read (default: every one); the others stay 0. */
  measures?: readonly SumKey[];
  /** Units as they are today, restated through successions (default), or as they were (SPEC §6). */
  view?: UnitView;
  /**
   * In a national database (issue 20): the province whose units and roll-ups are read. It holds no dossiers and no
   * feedback, so pending (dossiers and feedback) is always read from the roll-ups' deltas, at the end of the period's
   * last day; only the unit-level roll-ups are there, so no filter or grouping by procedure.
   */
  province?: string;
}

/**
 * The roll-up reader: the KPI sums of units' subtrees for any set of periods, grouped by target unit, procedure or field
 * (SPEC §3), read from the roll-up tables and never by loading dossiers into Node. Result: one map per period (same
 * order), from the group's id (unit, procedure or field id) to its sums. By unit, every unit asked for has an entry; by
 * procedure or field, the groups with something to count (the units' subtrees taken together).
 */
export async function readRollups(q: RollupQuery): Promise<Array<Map<number, KpiSums>>> {
  const out = q.periods.map(() => new Map<number, KpiSums>());
  if (q.by === 'unit') for (const map of out) for (const u of q.units) map.set(u.id, { ...EMPTY_SUMS });
  if (q.units.length === 0 || q.periods.length === 0) return out;
  const filter = q.filter ?? NO_FILTER;
  const province = q.province ?? null;
  const byProcedure = q.by !== 'unit' || filter.fieldId !== null || filter.procedureId !== null;
  if (province !== null && byProcedure) throw new Error('A national read has the unit-level roll-ups only.');
  const wanted = new Set(q.measures ?? SUM_KEYS);
  const periodMeasures = PERIOD_MEASURES.filter((k) => wanted.has(k));
  const pendingMeasures = PENDING_MEASURES.filter((k) => wanted.has(k));
  const feedbackMeasures = FEEDBACK_MEASURES.filter((k) => wanted.has(k));
  const r: Reader = {
    ...rollups(byProcedure),
    members: await membersSql(q.units, q.view ?? 'current', q.by !== 'unit', province),
    filter,
    by: q.by,
    province: province === null ? sql`` : sql`AND r.province = ${province}`,
  };
  const times = q.periods.map((p) => asOfTime(p, q.now));
  // T at the end of the period's last day: pending from the roll-ups' deltas; T = now: from the unfinished dossiers.
  const closed = q.periods.map((p, i) => province !== null || times[i]!.getTime() === endOfLocalDay(p.to).getTime());
  const open = closed.flatMap((c, i) => (c ? [] : [i]));
  const reads: Array<Promise<SumRow[]>> = [];
  if (periodMeasures.length > 0) reads.push(periodSums(r, q.periods, periodMeasures));
  if (pendingMeasures.length > 0) {
    const closedPeriods = q.periods.flatMap((p, i) => (closed[i] ? [{ index: i, to: p.to }] : []));
    if (closedPeriods.length > 0) reads.push(pendingFromDeltas(r, closedPeriods, pendingMeasures));
    if (open.length > 0) reads.push(pendingAt(r, times[open[0]!]!, open, pendingMeasures));
  }
  for (const k of feedbackMeasures.length > 0 ? q.periods.keys() : []) {
    reads.push(
      province === null
        ? feedbackSums(r, k, q.periods[k]!, times[k]!, feedbackMeasures)
        : feedbackFromRollup(r, k, q.periods[k]!, feedbackMeasures),
    );
  }
  for (const rows of await Promise.all(reads)) {
    for (const row of rows) {
      const map = out[row.period]!;
      let sums = map.get(row.target_id);
      if (!sums) map.set(row.target_id, (sums = { ...EMPTY_SUMS }));
      for (const k of SUM_KEYS) if (k in row) sums[k] += n(row[k]);
    }
  }
  return out;
}

interface Reader {
  daily: RawBuilder<unknown>;
  monthly: RawBuilder<unknown>;
  members: RawBuilder<unknown>;
  filter: KpiFilter;
  by: Grouping;
  /** The condition on a roll-up alias `r` that keeps one province's rows (a national database), or nothing. */
  province: RawBuilder<unknown>;
}

/** The group of a row of alias `alias` inside the branches: the target unit, or the procedure (for procedure and field). */
const groupSql = (r: Reader, alias: string) => sql.raw(r.by === 'unit' ? 'm.target_id' : `${alias}.procedure_id`);

/** The outer select of a grouped sum over the branches `x` (period, target_id, …): fields are grouped through procedures. */
function grouped(r: Reader, sums: RawBuilder<unknown>, branches: RawBuilder<unknown>, ctes: RawBuilder<unknown>[] = []) {
  const withs = sql.join([r.members, ...ctes]);
  return r.by === 'field'
    ? sql<SumRow>`WITH ${withs} SELECT x.period, p.field_id AS target_id, ${sums}
        FROM (${branches}) x JOIN procedures p ON p.id = x.target_id GROUP BY x.period, p.field_id`
    : sql<SumRow>`WITH ${withs} SELECT x.period, x.target_id, ${sums} FROM (${branches}) x GROUP BY x.period, x.target_id`;
}

/**
 * The period measures of every period: its whole months from the monthly roll-up, its edge days from the daily one.
 * Each range is a branch of its own with its dates written in, so that it is an index range per unit — (unit_id,
 * month) or (unit_id, day) — and not a join the planner cannot bound (measured: 20× the buffers at 10 M).
 */
async function periodSums(r: Reader, periods: readonly Period[], measures: readonly PeriodMeasure[]): Promise<SumRow[]> {
  const columns = columnsSql(measures.map(measureColumn));
  const branches: RawBuilder<unknown>[] = [];
  periods.forEach((period, i) => {
    const split = splitPeriod(period);
    if (split.months) branches.push(monthsBranch(r, i, columns, split.months.from, split.months.toExclusive));
    for (const edge of [split.head, split.tail]) if (edge.from <= edge.to) branches.push(daysBranch(r, i, columns, edge));
  });
  const query = grouped(r, sumsSql(measures, measureColumn), sql.join(branches, sql` UNION ALL `));
  return (await query.execute(db())).rows;
}

/** The monthly roll-up rows of months [from, toExclusive) of the members, tagged with period `index`. */
function monthsBranch(r: Reader, index: number, columns: RawBuilder<unknown>, from: string, toExclusive: string) {
  return sql`
      SELECT ${sql.lit(index)}::int AS period, ${groupSql(r, 'r')} AS target_id, ${columns}
      FROM members m JOIN ${r.monthly} r ON r.unit_id = m.unit_id
      WHERE r.month >= ${from}::date AND r.month < ${toExclusive}::date ${filterSql(r.filter, 'r')} ${r.province}`;
}

/** The daily roll-up rows of days [from, to] of the members, tagged with period `index`. */
function daysBranch(r: Reader, index: number, columns: RawBuilder<unknown>, days: { from: string; to: string }) {
  return sql`
      SELECT ${sql.lit(index)}::int AS period, ${groupSql(r, 'r')} AS target_id, ${columns}
      FROM members m JOIN ${r.daily} r ON r.unit_id = m.unit_id
      WHERE r.day >= ${days.from}::date AND r.day <= ${days.to}::date ${filterSql(r.filter, 'r')} ${r.province}`;
}

/**
 * Pending at the end of each closed period's last day: the running sum of the open deltas up to it — the whole months
 * before it from the monthly roll-up, then (a period not ending on a month's last day) the days of its last month from
 * the daily one. The months are summed once, in buckets between the periods' bounds (width_bucket), and each period
 * adds up the buckets before its own bound.
 */
async function pendingFromDeltas(
  r: Reader,
  periods: ReadonlyArray<{ index: number; to: string }>,
  measures: readonly PendingMeasure[],
): Promise<SumRow[]> {
  // A period's bound: the first day after it when that starts a month (its months are all whole), else its last
  // month's first day (and its days in that month come from the daily roll-up).
  const boundOf = (to: string) => (addDays(to, 1).endsWith('-01') ? addDays(to, 1) : firstOfMonth(to));
  const bounds = [...new Set(periods.map((p) => boundOf(p.to)))].sort();
  const columns = columnsSql(measures.map((k) => OPEN_DELTA[k]));
  const sums = sumsSql(measures, (k) => OPEN_DELTA[k as PendingMeasure]);
  const buckets = grouped(
    r,
    sums,
    sql`
      SELECT width_bucket(r.month, ${bounds}::date[]) AS period, ${groupSql(r, 'r')} AS target_id, ${columns}
      FROM members m JOIN ${r.monthly} r ON r.unit_id = m.unit_id
      WHERE r.month < ${bounds.at(-1)!}::date ${filterSql(r.filter, 'r')} ${r.province}`,
  );
  const partial = periods.filter((p) => boundOf(p.to) === firstOfMonth(p.to));
  const days =
    partial.length === 0
      ? null
      : grouped(
          r,
          sums,
          sql.join(
            partial.map((p) => daysBranch(r, p.index, columns, { from: firstOfMonth(p.to), to: p.to })),
            sql` UNION ALL `,
          ),
        );
  const [bucketRows, dayRows] = await Promise.all([buckets.execute(db()), days ? days.execute(db()) : { rows: [] }]);
  // Bucket b (1-based) holds the months from bounds[b-1] to before bounds[b], bucket 0 those before bounds[0]; a period
  // whose bound is bounds[j] takes buckets 0..j.
  const rows: SumRow[] = [...dayRows.rows];
  for (const p of periods) {
    const j = bounds.indexOf(boundOf(p.to));
    for (const row of bucketRows.rows) if (row.period <= j) rows.push({ ...row, period: p.index });
  }
  return rows;
}

/** Pending at T = now for the periods `indexes` (all judged at the same T): the unfinished dossiers, few and indexed. */
async function pendingAt(r: Reader, t: Date, indexes: readonly number[], measures: readonly PendingMeasure[]): Promise<SumRow[]> {
  const counts: Record<PendingMeasure, RawBuilder<unknown>> = {
    pending: sql`count(*)`,
    pendingLate: sql`count(*) FILTER (WHERE late_after < ${t})`,
    pendingLateApology: sql`count(*) FILTER (WHERE late_after < ${t} AND apology_at IS NOT NULL)`,
  };
  const sums = sql.join(measures.map((k) => sql`${counts[k]} AS ${sql.ref(k)}`));
  const query = grouped(
    r,
    sums,
    sql`
      SELECT 0 AS period, ${groupSql(r, 'd')} AS target_id, d.late_after, d.apology_at
      FROM members m JOIN dossiers d ON d.unit_id = m.unit_id
      WHERE d.ended_at IS NULL AND d.received_at <= ${t} ${filterSql(r.filter, 'd')}
      UNION ALL
      SELECT 0 AS period, ${groupSql(r, 'd')} AS target_id, d.late_after, d.apology_at
      FROM members m JOIN dossiers d ON d.unit_id = m.unit_id
      WHERE d.ended_at > ${t} AND d.received_at <= ${t} ${filterSql(r.filter, 'd')}`,
  );
  const rows = (await query.execute(db())).rows;
  return indexes.flatMap((period) => rows.map((row) => ({ ...row, period })));
}

/** Feedback (PAKN) of one period: only feedback resolved from its start (or T, if earlier) on, or not resolved at all,
 * can count — two index ranges per unit. */
async function feedbackSums(
  r: Reader,
  index: number,
  period: Period,
  t: Date,
  measures: readonly FeedbackMeasure[],
): Promise<SumRow[]> {
  const start = startOfLocalDay(period.from);
  const end = startOfLocalDay(addDays(period.to, 1));
  const lowest = new Date(Math.min(start.getTime(), t.getTime()));
  const counts: Record<FeedbackMeasure, RawBuilder<unknown>> = {
    feedbackResolved: sql`count(*) FILTER (WHERE resolved_at >= ${start} AND resolved_at < ${end})`,
    feedbackResolvedOnTime: sql`count(*) FILTER (WHERE resolved_at >= ${start} AND resolved_at < ${end} AND resolved_at <= deadline_at)`,
    feedbackPending: sql`count(*) FILTER (WHERE received_at <= ${t} AND (resolved_at IS NULL OR resolved_at > ${t}))`,
    feedbackPendingNotDue: sql`count(*) FILTER (WHERE received_at <= ${t} AND (resolved_at IS NULL OR resolved_at > ${t}) AND ${t} <= deadline_at)`,
  };
  const sums = sql.join(measures.map((k) => sql`${counts[k]} AS ${sql.ref(k)}`));
  const query = grouped(
    r,
    sums,
    sql`
      SELECT ${index}::int AS period, ${groupSql(r, 'f')} AS target_id, f.received_at, f.resolved_at, f.deadline_at
      FROM members m JOIN feedback f ON f.unit_id = m.unit_id
      WHERE f.resolved_at >= ${lowest} ${filterSql(r.filter, 'f')}
      UNION ALL
      SELECT ${index}::int AS period, ${groupSql(r, 'f')} AS target_id, f.received_at, f.resolved_at, f.deadline_at
      FROM members m JOIN feedback f ON f.unit_id = m.unit_id
      WHERE f.resolved_at IS NULL ${filterSql(r.filter, 'f')}`,
  );
  return (await query.execute(db())).rows;
}

/**
 * Feedback of one period in a national database (by unit): resolved in the period, and pending at the end of its last
 * day, from the feedback roll-up (the federation migration) — what feedbackSums counts on the province's own rows.
 */
async function feedbackFromRollup(
  r: Reader,
  index: number,
  period: Period,
  measures: readonly FeedbackMeasure[],
): Promise<SumRow[]> {
  const sums: Record<FeedbackMeasure, RawBuilder<unknown>> = {
    feedbackResolved: sql`sum(r.resolved) FILTER (WHERE r.day >= ${period.from}::date)`,
    feedbackResolvedOnTime: sql`sum(r.resolved_on_time) FILTER (WHERE r.day >= ${period.from}::date)`,
    feedbackPending: sql`sum(r.open_delta)`,
    feedbackPendingNotDue: sql`sum(r.open_not_due_delta)`,
  };
  const query = sql<SumRow>`
    WITH ${r.members}
    SELECT ${index}::int AS period, m.target_id, ${sql.join(measures.map((k) => sql`${sums[k]} AS ${sql.ref(k)}`))}
    FROM members m JOIN feedback_unit_daily r ON r.unit_id = m.unit_id
    WHERE r.day <= ${period.to}::date ${r.province}
    GROUP BY m.target_id`;
  return (await query.execute(db())).rows;
}

/** KPI sums of each unit's subtree for a period, judged at T = min(end of the period, now). */
export async function sumKpis(
  units: readonly UnitRef[],
  period: Period,
  now: Date,
  filter: KpiFilter = NO_FILTER,
  view: UnitView = 'current',
): Promise<Map<number, KpiSums>> {
  return (await sumKpisEach(units, [period], now, filter, view))[0]!;
}

/** `sumKpis` for several periods at once: one read of each kind for all of them (a league table and its previous period). */
export async function sumKpisEach(
  units: readonly UnitRef[],
  periods: readonly Period[],
  now: Date,
  filter: KpiFilter = NO_FILTER,
  view: UnitView = 'current',
): Promise<Map<number, KpiSums>[]> {
  const key = `sumKpis:${view}:${units.map((u) => u.id).join(',')}:${periods
    .map((p) => `${p.from}:${p.to}:${asOfTime(p, now).getTime()}`)
    .join(';')}:${filter.fieldId}:${filter.procedureId}`;
  const sums = await memo(key, () => readRollups({ units, periods, by: 'unit', now, filter, view }));
  return sums.map((byUnit) => new Map([...byUnit].map(([id, s]) => [id, { ...s }])));
}

/** KPI sums of one unit's subtree for a period, per procedure (only procedures with something to count). */
export async function sumKpisByProcedure(
  unit: UnitRef,
  period: Period,
  now: Date,
  view: UnitView = 'current',
): Promise<Map<number, KpiSums>> {
  const [sums] = await readRollups({ units: [unit], periods: [period], by: 'procedure', now, view });
  return sums!;
}

/**
 * The dossier sums of one unit's subtree for each whole month from `first` to `last` (YYYY-MM, inclusive), each judged
 * at its own T (the end of the month, or now for the month in progress). Feedback sums are left at 0: the trend has no
 * PAKN line.
 */
export async function sumKpisByMonth(
  unit: UnitRef,
  first: string,
  last: string,
  now: Date,
  view: UnitView = 'current',
): Promise<Map<string, KpiSums>> {
  const months: string[] = [];
  for (let m = first; m <= last; m = addLocalMonths(`${m}-01`, 1).slice(0, 7)) months.push(m);
  const periods = months.map((m) => ({ from: `${m}-01`, to: addDays(addLocalMonths(`${m}-01`, 1), -1) }));
  const measures = SUM_KEYS.filter((k) => !(FEEDBACK_MEASURES as readonly string[]).includes(k));
  const sums = await readRollups({ units: [unit], periods, by: 'unit', now, measures, view });
  return new Map(months.map((m, i) => [m, sums[i]!.get(unit.id)!]));
}
