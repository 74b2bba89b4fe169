// The roll-up reader: KPI sums (lib/kpi's measures) of units' subtrees for any set of periods, grouped by unit, procedure
// or field, from the roll-up tables (SPEC §3), never by loading dossiers into Node. The sums equal lib/kpi's sumDossiers on
// the same rows (tests/integration/kpi-sql.test.ts). The SQL lists and the row type are made from the measures' one
// declaration (lib/kpi/types.ts). Units and the catalogue are looked up in ./units and ./catalog.
import 'server-only';
import type { RawBuilder } from 'kysely';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { UnitRef } from '@/lib/views';
import { addDays, addLocalMonths, daysBetween, endOfLocalDay, localDayOf, startOfLocalDay } from '@/lib/calendar';
import {
  copySums,
  FEEDBACK_MEASURES,
  PENDING_MEASURES,
  PERIOD_MEASURES,
  SUM_KEYS,
  asOfTime,
  measureColumn,
  type KpiSums,
  type PendingMeasure,
  type Period,
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
async function membersSql(units: readonly UnitRef[], view: UnitView, merged: boolean): Promise<RawBuilder<unknown>> {
  const { targets, members } = await subtreeMembers(units, view, merged);
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

/** A measure's value as a raw query returns it: a sum as float8 (a number), count(*) as bigint. */
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
/** Sent as float8 (JavaScript's number, exact for counts below 2^53): a sum of bigints is a numeric, which the driver
 * decodes through a decimal library — a sixth of a 3,400-commune league's time, measured. */
const sumsSql = <K extends SumKey>(keys: readonly K[], column: (k: K) => string) =>
  sql.raw(keys.map((k) => `sum(${column(k)})::float8 AS "${k}"`).join(', '));

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
}

/**
 * The roll-up reader: the KPI sums of units' subtrees for any set of periods, grouped by target unit, procedure or field
 * (SPEC §3), read from the roll-up tables and never by loading dossiers into Node. Result: one map per period (same
 * order), from the group's id (unit, procedure or field id) to its sums. By unit, every unit asked for has an entry; by
 * procedure or field, the groups with something to count (the units' subtrees taken together).
 */
export async function readRollups(q: RollupQuery): Promise<Array<Map<number, KpiSums>>> {
  const out = q.periods.map(() => new Map<number, KpiSums>());
  if (q.by === 'unit') for (const map of out) for (const u of q.units) map.set(u.id, copySums());
  if (q.units.length === 0 || q.periods.length === 0) return out;
  const filter = q.filter ?? NO_FILTER;
  const byProcedure = q.by !== 'unit' || filter.fieldId !== null || filter.procedureId !== null;
  const r: Reader = {
    ...rollups(byProcedure),
    members: await membersSql(q.units, q.view ?? 'current', q.by !== 'unit'),
    filter,
    by: q.by,
    provinces: null,
    today: localDayOf(q.now),
  };
  return await readSums(r, q.periods, q.now, q.measures ?? SUM_KEYS, false, out);
}

/** A unit of one province in a national database, whose ids are each province's own. */
export interface NationalTarget {
  province: string;
  unit: UnitRef;
}

/**
 * The roll-up reader in a national database (issue 20): the KPI sums of units' subtrees of any provinces, in one
 * statement of each kind for all of them, by unit only. Result: one array per period, the sums of each target in the
 * targets' order. It holds no dossiers and no feedback, so pending (dossiers and feedback) is read from the roll-ups'
 * deltas at the end of each period's last day, and feedback from its daily and monthly roll-ups (the national side's,
 * migration 20261210100000_national_feedback_monthly) — what a province counts on its own rows.
 */
export async function readNationalRollups(
  targets: readonly NationalTarget[],
  periods: readonly Period[],
  now: Date,
  view: UnitView = 'current',
): Promise<KpiSums[][]> {
  const out = periods.map(() => new Map<number, KpiSums>(targets.map((_, i) => [i, copySums()])));
  if (targets.length > 0 && periods.length > 0) {
    const r: Reader = {
      ...rollups(false),
      members: await nationalMembersSql(targets, view),
      filter: NO_FILTER,
      by: 'unit',
      provinces: [...new Set(targets.map((t) => t.province))],
      today: localDayOf(now),
    };
    await readSums(r, periods, now, SUM_KEYS, true, out);
  }
  return out.map((byTarget) => targets.map((_, i) => byTarget.get(i)!));
}

/**
 * `membersSql` of a national read: each target's index in `targets` with the unit versions counted under it, and their
 * province — each province's subtrees worked out on its own units (./unit-history).
 */
async function nationalMembersSql(targets: readonly NationalTarget[], view: UnitView): Promise<RawBuilder<unknown>> {
  const byProvince = new Map<string, Map<number, number[]>>(); // province → unit id → its indexes in targets
  targets.forEach((t, i) => {
    let ids = byProvince.get(t.province);
    if (!ids) byProvince.set(t.province, (ids = new Map()));
    ids.set(t.unit.id, [...(ids.get(t.unit.id) ?? []), i]);
  });
  const indexes: number[] = [];
  const members: number[] = [];
  const provinces: string[] = [];
  for (const [province, ids] of byProvince) {
    const units = targets.filter((t) => t.province === province).map((t) => t.unit);
    const pairs = await subtreeMembers(units, view, false, province);
    pairs.targets.forEach((id, k) => {
      for (const index of ids.get(id)!) {
        indexes.push(index);
        members.push(pairs.members[k]!);
        provinces.push(province);
      }
    });
  }
  return sql`members AS (SELECT * FROM unnest(${indexes}::int[], ${members}::int[], ${provinces}::text[])
    AS m(target_id, unit_id, province))`;
}

/** The feedback roll-ups' column of each feedback measure (a national database). */
const FEEDBACK_COLUMN: Record<FeedbackMeasure, string> = {
  feedbackResolved: 'resolved',
  feedbackResolvedOnTime: 'resolved_on_time',
  feedbackPending: 'open_delta',
  feedbackPendingNotDue: 'open_not_due_delta',
};

/**
 * The sums of `measures` for each period, into `out` (one map per period, by the members' target id). `national`: the
 * pending counts of every period from the deltas and feedback from its roll-ups (no dossiers, no feedback rows).
 */
async function readSums(
  r: Reader,
  periods: readonly Period[],
  now: Date,
  measures: readonly SumKey[],
  national: boolean,
  out: Array<Map<number, KpiSums>>,
): Promise<Array<Map<number, KpiSums>>> {
  const wanted = new Set(measures);
  const periodMeasures = PERIOD_MEASURES.filter((k) => wanted.has(k));
  const pendingMeasures = PENDING_MEASURES.filter((k) => wanted.has(k));
  const feedbackMeasures = FEEDBACK_MEASURES.filter((k) => wanted.has(k));
  const times = periods.map((p) => asOfTime(p, now));
  // T at the end of the period's last day: pending from the roll-ups' deltas; T = now: from the unfinished dossiers.
  const closed = periods.map((p, i) => national || times[i]!.getTime() === endOfLocalDay(p.to).getTime());
  const closedPeriods = periods.flatMap((p, i) => (closed[i] ? [{ index: i, to: p.to }] : []));
  const open = closed.flatMap((c, i) => (c ? [] : [i]));
  const reads: Array<Promise<SumRow[]>> = [];
  if (periodMeasures.length > 0) reads.push(periodSums(r, periods, periodMeasures, measureColumn));
  if (pendingMeasures.length > 0) {
    if (closedPeriods.length > 0) reads.push(pendingFromDeltas(r, closedPeriods, pendingMeasures, (k) => OPEN_DELTA[k]));
    if (open.length > 0) reads.push(pendingAt(r, times[open[0]!]!, open, pendingMeasures));
  }
  if (feedbackMeasures.length > 0 && national) {
    // The feedback roll-ups have the dossier roll-ups' shape: measures of the period, and deltas summed up to its end.
    const f = { ...r, daily: sql.raw('feedback_unit_daily'), monthly: sql.raw('feedback_unit_monthly') };
    const column = (k: FeedbackMeasure) => FEEDBACK_COLUMN[k];
    const resolved = feedbackMeasures.filter((k) => k === 'feedbackResolved' || k === 'feedbackResolvedOnTime');
    const pending = feedbackMeasures.filter((k) => k === 'feedbackPending' || k === 'feedbackPendingNotDue');
    if (resolved.length > 0) reads.push(periodSums(f, periods, resolved, column));
    if (pending.length > 0) reads.push(pendingFromDeltas(f, closedPeriods, pending, column));
  } else {
    for (const k of feedbackMeasures.length > 0 ? periods.keys() : []) {
      reads.push(feedbackSums(r, k, periods[k]!, times[k]!, feedbackMeasures));
    }
  }
  for (const rows of await Promise.all(reads)) {
    // The measures a statement returns, looked up once: every row of it has the same.
    const keys = rows.length === 0 ? [] : SUM_KEYS.filter((k) => k in rows[0]!);
    for (const row of rows) {
      const map = out[row.period]!;
      let sums = map.get(row.target_id);
      if (!sums) map.set(row.target_id, (sums = copySums()));
      for (const k of keys) sums[k] += n(row[k]);
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
  /** In a national database: the members' provinces (the roll-ups are keyed by province and unit); else null. */
  provinces: string[] | null;
  /** The local day of "now": the days after it hold few roll-up rows (see readAsMonth). */
  today: string;
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
 * The period measures of every period: its whole months from the monthly roll-up, its edge days from the daily one (or
 * an edge's month less its other days: edgeDays). Each range is a branch of its own with its dates written in, so that it is an index range per unit — (unit_id,
 * month) or (unit_id, day) — and not a join the planner cannot bound (measured: 20× the buffers at 10 M).
 */
async function periodSums<K extends SumKey>(
  r: Reader,
  periods: readonly Period[],
  measures: readonly K[],
  column: (k: K) => string,
): Promise<SumRow[]> {
  const columns = measures.map(column);
  const branches: RawBuilder<unknown>[] = [];
  periods.forEach((period, i) => {
    const split = splitPeriod(period);
    // The months read whole — the period's whole months and its edges' months read less their other days — are always
    // contiguous: one range of the monthly roll-up.
    const months: string[] = split.months ? [split.months.from, addLocalMonths(split.months.toExclusive, -1)] : [];
    for (const edge of [split.head, split.tail]) {
      if (edge.from > edge.to) continue;
      const read = edgeDays(r, edge);
      months.push(...read.months);
      for (const d of read.days) branches.push(daysBranch(r, i, columns, d, d.sign));
    }
    if (months.length > 0) {
      months.sort();
      branches.push(monthsBranch(r, i, columns, months[0]!, addLocalMonths(months.at(-1)!, 1)));
    }
  });
  const query = grouped(r, sumsSql(measures, column), sql.join(branches, sql` UNION ALL `));
  return (await query.execute(db())).rows;
}

/**
 * The days of a period's edge (`splitPeriod`), month by month: the month's days from the daily roll-up or, when that
 * is fewer rows (readAsMonth), the month from the monthly roll-up less its other days — the roll-ups are kept equal by
 * their triggers. A year ending today, the 6th, reads 6 days rather than 25 + 6: at 34 provinces the edge days are most
 * of a national league's rows.
 */
function edgeDays(r: Reader, edge: { from: string; to: string }) {
  const out = { months: [] as string[], days: [] as Array<{ from: string; to: string; sign: 1 | -1 }> };
  for (let from = edge.from; from <= edge.to;) {
    const month = firstOfMonth(from);
    const next = addLocalMonths(month, 1);
    const last = addDays(next, -1);
    const to = edge.to < last ? edge.to : last;
    if (readAsMonth(r, from, to, month, last)) {
      out.months.push(month);
      if (from > month) out.days.push({ from: month, to: addDays(from, -1), sign: -1 });
      if (to < last) out.days.push({ from: addDays(to, 1), to: last, sign: -1 });
    } else {
      out.days.push({ from, to, sign: 1 });
    }
    from = next;
  }
  return out;
}

/**
 * Whether the days [from, to] of the month [month, last] are fewer rows to read as the month less its other days: the
 * days are counted up to today, after which a day holds only the few rows of dossiers turning late on it (a period
 * ending today reads its month's row, not its days). By unit only: grouped by procedure, a procedure with rows on the
 * other days only would be listed with zeros.
 */
function readAsMonth(r: Reader, from: string, to: string, month: string, last: string): boolean {
  const past = (a: string, b: string) => {
    const end = b < r.today ? b : r.today;
    return end < a ? 0 : daysBetween(a, end) + 1;
  };
  return r.by === 'unit' && past(from, to) > past(month, addDays(from, -1)) + past(addDays(to, 1), last);
}

/** The monthly roll-up rows of months [from, toExclusive) of the members, tagged with period `index`. */
function monthsBranch(r: Reader, index: number, columns: readonly string[], from: string, toExclusive: string) {
  const where = sql`r.month >= ${from}::date AND r.month < ${toExclusive}::date`;
  return branch(r, sql`${sql.lit(index)}::int`, r.monthly, columns, where);
}

/** The daily roll-up rows of days [from, to] of the members, tagged with period `index`; `sign` −1: subtracted. */
function daysBranch(r: Reader, index: number, columns: readonly string[], days: { from: string; to: string }, sign: 1 | -1 = 1) {
  const where = sql`r.day >= ${days.from}::date AND r.day <= ${days.to}::date`;
  return branch(r, sql`${sql.lit(index)}::int`, r.daily, columns, where, sign);
}

/**
 * A branch of a grouped sum: `period, target_id` and the columns of the roll-up rows of `table` (alias `r`) that match
 * `where`, one row for each row and member. In a national database, the rows are summed by province and unit first and
 * then joined to the members: its reads take every province's units at once (thousands), and a join of every roll-up row
 * to them by two columns is one the planner misjudges (merge joins over the whole index: 3–5× the time, measured).
 */
function branch(
  r: Reader,
  period: RawBuilder<unknown>,
  table: RawBuilder<unknown>,
  columns: readonly string[],
  where: RawBuilder<unknown>,
  sign: 1 | -1 = 1,
) {
  const minus = sign === 1 ? '' : '-';
  if (r.provinces === null) {
    return sql`
      SELECT ${period} AS period, ${groupSql(r, 'r')} AS target_id, ${sql.raw(columns.map((c) => `${minus}r.${c} AS ${c}`).join(', '))}
      FROM members m JOIN ${table} r ON r.unit_id = m.unit_id
      WHERE ${where} ${filterSql(r.filter, 'r')}`;
  }
  const sums = sql.raw(columns.map((c) => `${minus}sum(r.${c})::float8 AS ${c}`).join(', '));
  return sql`
      SELECT r.period, m.target_id, ${columnsSql(columns)}
      FROM members m JOIN (
        SELECT r.province, r.unit_id, ${period} AS period, ${sums} FROM ${table} r
        WHERE ${where} AND r.province = ANY(${r.provinces}::text[]) GROUP BY 1, 2, 3
      ) r ON r.unit_id = m.unit_id AND r.province = m.province`;
}

/**
 * Pending at the end of each closed period's last day: the running sum of the open deltas up to it — the whole months
 * before it from the monthly roll-up, then (a period not ending on a month's last day) its last month's days up to it
 * added, or its last month and that month's days after it subtracted, from the daily one. The months are summed once, in buckets between the periods' bounds (width_bucket), and each period
 * adds up the buckets before its own bound.
 */
async function pendingFromDeltas<K extends SumKey>(
  r: Reader,
  periods: ReadonlyArray<{ index: number; to: string }>,
  measures: readonly K[],
  column: (k: K) => string,
): Promise<SumRow[]> {
  // A period's bound (its months before it come from the monthly roll-up) and the days of its last month read from the
  // daily one, the fewer: none when the first day after it starts a month; its month's first day and its days up to
  // `to` added; or, ending late in its month, the next month's first day and the month's days after `to` subtracted
  // (readAsMonth decides).
  const edgeOf = (to: string) => {
    const next = addDays(to, 1);
    if (next.endsWith('-01')) return { bound: next, days: null, sign: 1 as const };
    const month = firstOfMonth(to);
    const following = addLocalMonths(month, 1);
    const last = addDays(following, -1);
    if (readAsMonth(r, month, to, month, last)) {
      return { bound: following, days: { from: next, to: last }, sign: -1 as const };
    }
    return { bound: month, days: { from: month, to }, sign: 1 as const };
  };
  const edges = periods.map((p) => ({ index: p.index, ...edgeOf(p.to) }));
  const bounds = [...new Set(edges.map((e) => e.bound))].sort();
  const columns = measures.map(column);
  const sums = sumsSql(measures, column);
  // One statement, one snapshot: a month read whole and its days after `to` subtracted must see the same rows (a write
  // between two statements would be subtracted without having been added). The days' rows are tagged −1 − index.
  const branches = [
    branch(r, sql`width_bucket(r.month, ${bounds}::date[])`, r.monthly, columns, sql`r.month < ${bounds.at(-1)!}::date`),
    ...edges.flatMap((e) => (e.days ? [daysBranch(r, -1 - e.index, columns, e.days, e.sign)] : [])),
  ];
  const all = (await grouped(r, sums, sql.join(branches, sql` UNION ALL `)).execute(db())).rows;
  // Bucket b (1-based) holds the months from bounds[b-1] to before bounds[b], bucket 0 those before bounds[0]; a period
  // whose bound is bounds[j] takes buckets 0..j.
  // The rows are copied measure by measure, not spread (see copySums): thousands of units, a few buckets each.
  const tagged = (row: SumRow, period: number): SumRow => {
    const out: SumRow = { period, target_id: row.target_id };
    for (const k of measures) out[k] = row[k];
    return out;
  };
  const rows: SumRow[] = [];
  for (const row of all) if (row.period < 0) rows.push(tagged(row, -1 - row.period));
  for (const e of edges) {
    const j = bounds.indexOf(e.bound);
    for (const row of all) if (row.period >= 0 && row.period <= j) rows.push(tagged(row, e.index));
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
  return sums.map((byUnit) => new Map([...byUnit].map(([id, s]) => [id, copySums(s)])));
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
