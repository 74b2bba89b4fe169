// The roll-up reader: KPI sums (lib/kpi's measures) of units' subtrees for periods, grouped by unit, procedure or month,
// from the roll-up tables (SPEC §3), never by loading dossiers into Node. The sums equal lib/kpi's sumDossiers on the
// same rows (tests/integration/kpi-sql.test.ts). Units and the catalogue are looked up in ./units and ./catalog.
import 'server-only';
import type { UnitRef } from '@/lib/views';
import { Prisma } from '@/lib/generated/prisma/client';
import { addDays, addLocalMonths, endOfLocalDay, startOfLocalDay } from '@/lib/calendar';
import {
  EMPTY_SUMS,
  FEEDBACK_MEASURES,
  PENDING_MEASURES,
  PERIOD_MEASURES,
  asOfTime,
  measureColumn,
  type KpiSums,
  type PendingMeasure,
  type Period,
} from '@/lib/kpi';
import { getDb } from '@/lib/server/db';
import { memo } from '@/lib/server/request-cache';

/** What the figures are narrowed to: one field's procedures, or one procedure. */
export interface KpiFilter {
  fieldId: number | null;
  procedureId: number | null;
}

export const NO_FILTER: KpiFilter = { fieldId: null, procedureId: null };

/** The roll-ups to read: by unit only when nothing is filtered (ten times fewer rows), else by procedure. */
function rollups(byProcedure: boolean) {
  return {
    daily: Prisma.raw(byProcedure ? 'dossier_daily' : 'dossier_unit_daily'),
    monthly: Prisma.raw(byProcedure ? 'dossier_monthly' : 'dossier_unit_monthly'),
  };
}

/** The SQL condition on a roll-up or dossier alias `r` that applies a filter. */
function filterSql(filter: KpiFilter, alias: string): Prisma.Sql {
  const column = Prisma.raw(`${alias}.procedure_id`);
  if (filter.procedureId !== null) return Prisma.sql`AND ${column} = ${filter.procedureId}`;
  if (filter.fieldId !== null) return Prisma.sql`AND ${column} IN (SELECT id FROM procedures WHERE field_id = ${filter.fieldId})`;
  return Prisma.empty;
}

/**
 * The subtrees the sums are grouped by: each target unit with every unit below it. Worked out in Node from the (small)
 * unit table and passed as two arrays, so that the three queries of a sum do not each join units by path prefix.
 */
async function membersSql(units: readonly UnitRef[]): Promise<Prisma.Sql> {
  const all = await getDb().$queryRaw<Array<{ id: number; path: string }>>`SELECT id, path FROM units`;
  const targets: number[] = [];
  const members: number[] = [];
  for (const t of units) {
    for (const u of all) {
      if (u.path.startsWith(t.path)) {
        targets.push(t.id);
        members.push(u.id);
      }
    }
  }
  return Prisma.sql`members AS (SELECT * FROM unnest(${targets}::int[], ${members}::int[]) AS m(target_id, unit_id))`;
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

type SumRow = { target_id: number } & Record<string, bigint | number | null>;
/** The roll-ups' period columns (PERIOD_MEASURES), as read from a roll-up alias `r`. */
const PERIOD_COLUMNS = Prisma.raw(PERIOD_MEASURES.map((k) => `r.${measureColumn(k)}`).join(', '));
/** The period sums of roll-up rows (SPEC §3 numerators and denominators), named as KpiSums keys. */
const PERIOD_SUMS = Prisma.raw(PERIOD_MEASURES.map((k) => `sum(${measureColumn(k)}) AS "${k}"`).join(', '));
/** The roll-ups keep the pending counts as deltas (+1 when a dossier opens, −1 when it ends); their running sum up
 * to a day is the count pending at its end. */
const OPEN_DELTA: Record<PendingMeasure, string> = {
  pending: 'open_delta',
  pendingLate: 'open_late_delta',
  pendingLateApology: 'open_late_apology_delta',
};
const PENDING_COLUMNS = Prisma.raw(PENDING_MEASURES.map((k) => `r.${OPEN_DELTA[k]}`).join(', '));
const PENDING_SUMS = Prisma.raw(PENDING_MEASURES.map((k) => `sum(${OPEN_DELTA[k]}) AS "${k}"`).join(', '));
const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

/** KPI sums of each unit's subtree for a period, judged at T = min(end of the period, now). */
export async function sumKpis(
  units: readonly UnitRef[],
  period: Period,
  now: Date,
  filter: KpiFilter = NO_FILTER,
): Promise<Map<number, KpiSums>> {
  const out = new Map<number, KpiSums>(units.map((u) => [u.id, { ...EMPTY_SUMS }]));
  if (units.length === 0) return out;
  const key = `sumKpis:${units.map((u) => u.id).join(',')}:${period.from}:${period.to}:${asOfTime(period, now).getTime()}:${filter.fieldId}:${filter.procedureId}`;
  for (const [id, sums] of await memo(key, () => sumGrouped(units, period, now, filter, 'unit'))) out.set(id, { ...sums });
  return out;
}

/** KPI sums of one unit's subtree for a period, per procedure (only procedures with something to count). */
export async function sumKpisByProcedure(unit: UnitRef, period: Period, now: Date): Promise<Map<number, KpiSums>> {
  return sumGrouped([unit], period, now, NO_FILTER, 'procedure');
}

/** The sums grouped by target unit (`unit`) or, for one unit's subtree, by procedure (`procedure`). */
async function sumGrouped(
  units: readonly UnitRef[],
  period: Period,
  now: Date,
  filter: KpiFilter,
  by: 'unit' | 'procedure',
): Promise<Map<number, KpiSums>> {
  const out = new Map<number, KpiSums>();
  const db = getDb();
  const t = asOfTime(period, now);
  const split = splitPeriod(period);
  const { daily, monthly } = rollups(by === 'procedure' || filter.fieldId !== null || filter.procedureId !== null);
  const members = await membersSql(units);
  const groupKey = (alias: string) => Prisma.raw(by === 'unit' ? 'm.target_id' : `${alias}.procedure_id`);
  // Each branch is an index range per unit: (unit_id, month) or (unit_id, day).
  const branches: Prisma.Sql[] = [];
  if (split.months) {
    branches.push(Prisma.sql`
      SELECT ${groupKey('r')} AS target_id, ${PERIOD_COLUMNS} FROM members m JOIN ${monthly} r ON r.unit_id = m.unit_id
      WHERE r.month >= ${split.months.from}::date AND r.month < ${split.months.toExclusive}::date ${filterSql(filter, 'r')}`);
  }
  for (const edge of [split.head, split.tail]) {
    if (edge.from > edge.to) continue;
    branches.push(Prisma.sql`
      SELECT ${groupKey('r')} AS target_id, ${PERIOD_COLUMNS} FROM members m JOIN ${daily} r ON r.unit_id = m.unit_id
      WHERE r.day >= ${edge.from}::date AND r.day <= ${edge.to}::date ${filterSql(filter, 'r')}`);
  }
  const periodRows = db.$queryRaw<SumRow[]>(Prisma.sql`
    WITH ${members}
    SELECT target_id, ${PERIOD_SUMS}
    FROM (${Prisma.join(branches, ' UNION ALL ')}) x
    GROUP BY target_id`);

  // Pending at T. T at the end of a past day: the open deltas summed up to that day (whole months before its
  // month, then its days). T = now: the unfinished dossiers themselves, few and indexed.
  const pendingRows =
    t.getTime() === endOfLocalDay(period.to).getTime()
      ? db.$queryRaw<SumRow[]>(Prisma.sql`
      WITH ${members}
      SELECT target_id, ${PENDING_SUMS}
      FROM (
        SELECT ${groupKey('r')} AS target_id, ${PENDING_COLUMNS}
        FROM members m JOIN ${monthly} r ON r.unit_id = m.unit_id
        WHERE r.month < ${firstOfMonth(period.to)}::date ${filterSql(filter, 'r')}
        UNION ALL
        SELECT ${groupKey('r')} AS target_id, ${PENDING_COLUMNS}
        FROM members m JOIN ${daily} r ON r.unit_id = m.unit_id
        WHERE r.day >= ${firstOfMonth(period.to)}::date AND r.day <= ${period.to}::date ${filterSql(filter, 'r')}
      ) x
      GROUP BY target_id`)
      : db.$queryRaw<SumRow[]>(Prisma.sql`
      WITH ${members}
      SELECT target_id, count(*) AS pending, count(*) FILTER (WHERE late_after < ${t}) AS "pendingLate",
             count(*) FILTER (WHERE late_after < ${t} AND apology_at IS NOT NULL) AS "pendingLateApology"
      FROM (
        SELECT ${groupKey('d')} AS target_id, d.late_after, d.apology_at
        FROM members m JOIN dossiers d ON d.unit_id = m.unit_id
        WHERE d.ended_at IS NULL AND d.received_at <= ${t} ${filterSql(filter, 'd')}
        UNION ALL
        SELECT ${groupKey('d')} AS target_id, d.late_after, d.apology_at
        FROM members m JOIN dossiers d ON d.unit_id = m.unit_id
        WHERE d.ended_at > ${t} AND d.received_at <= ${t} ${filterSql(filter, 'd')}
      ) x
      GROUP BY target_id`);

  const start = startOfLocalDay(period.from);
  const end = startOfLocalDay(addDays(period.to, 1));
  // Only feedback resolved from the start of the period (or T, if earlier) on, or not resolved at all, can count:
  // two index ranges per unit.
  const lowest = new Date(Math.min(start.getTime(), t.getTime()));
  const feedbackColumns = Prisma.sql`
      count(*) FILTER (WHERE resolved_at >= ${start} AND resolved_at < ${end}) AS "feedbackResolved",
      count(*) FILTER (WHERE resolved_at >= ${start} AND resolved_at < ${end} AND resolved_at <= deadline_at)
        AS "feedbackResolvedOnTime",
      count(*) FILTER (WHERE received_at <= ${t} AND (resolved_at IS NULL OR resolved_at > ${t})) AS "feedbackPending",
      count(*) FILTER (WHERE received_at <= ${t} AND (resolved_at IS NULL OR resolved_at > ${t}) AND ${t} <= deadline_at)
        AS "feedbackPendingNotDue"`;
  const feedbackRows = db.$queryRaw<SumRow[]>(Prisma.sql`
    WITH ${members}
    SELECT target_id, ${feedbackColumns}
    FROM (
      SELECT ${groupKey('f')} AS target_id, f.received_at, f.resolved_at, f.deadline_at
      FROM members m JOIN feedback f ON f.unit_id = m.unit_id
      WHERE f.resolved_at >= ${lowest} ${filterSql(filter, 'f')}
      UNION ALL
      SELECT ${groupKey('f')} AS target_id, f.received_at, f.resolved_at, f.deadline_at
      FROM members m JOIN feedback f ON f.unit_id = m.unit_id
      WHERE f.resolved_at IS NULL ${filterSql(filter, 'f')}
    ) x
    GROUP BY target_id`);

  for (const rows of await Promise.all([periodRows, pendingRows, feedbackRows])) {
    for (const row of rows) {
      let sums = out.get(row.target_id);
      if (!sums) out.set(row.target_id, (sums = { ...EMPTY_SUMS }));
      for (const [key, value] of Object.entries(row)) {
        if (key !== 'target_id') sums[key as keyof KpiSums] += n(value);
      }
    }
  }
  return out;
}

/**
 * The dossier sums of one unit's subtree for each whole month from `first` to `last` (YYYY-MM, inclusive) — a trend in
 * two grouped queries instead of one report per month. Each month is judged at its own T (the end of the month, or now
 * for the month in progress, which is read like any period). Feedback sums are left at 0: the trend has no PAKN line.
 */
export async function sumKpisByMonth(unit: UnitRef, first: string, last: string, now: Date): Promise<Map<string, KpiSums>> {
  const out = new Map<string, KpiSums>();
  for (let m = first; m <= last; m = addLocalMonths(`${m}-01`, 1).slice(0, 7)) out.set(m, { ...EMPTY_SUMS });
  if (out.size === 0) return out;
  const db = getDb();
  const members = await membersSql([unit]);
  const lastDay = addDays(addLocalMonths(`${last}-01`, 1), -1);
  // The month still running (T = now) is summed like any period; the others at the end of their last day.
  const open = asOfTime({ from: `${last}-01`, to: lastDay }, now).getTime() < endOfLocalDay(lastDay).getTime() ? last : null;
  const closedLast = open ? addLocalMonths(`${last}-01`, -1).slice(0, 7) : last;
  const [periodRows, deltaRows, current] = await Promise.all([
    db.$queryRaw<Array<{ month: string } & Record<string, bigint | number | null>>>(Prisma.sql`
      WITH ${members}
      SELECT to_char(r.month, 'YYYY-MM') AS month, ${PERIOD_SUMS}
      FROM members m JOIN dossier_unit_monthly r ON r.unit_id = m.unit_id
      WHERE r.month >= ${`${first}-01`}::date AND r.month <= ${`${closedLast}-01`}::date
      GROUP BY r.month`),
    // Pending at the end of a month: the open deltas of every month up to it (a running sum).
    db.$queryRaw<Array<{ month: string } & Record<string, bigint | number | null>>>(Prisma.sql`
      WITH ${members}
      SELECT to_char(r.month, 'YYYY-MM') AS month, ${PENDING_SUMS}
      FROM members m JOIN dossier_unit_monthly r ON r.unit_id = m.unit_id
      WHERE r.month <= ${`${closedLast}-01`}::date
      GROUP BY r.month ORDER BY r.month`),
    open ? sumKpis([unit], { from: `${open}-01`, to: lastDay }, now) : Promise.resolve(null),
  ]);
  for (const row of periodRows) {
    const sums = out.get(row.month)!;
    for (const [key, value] of Object.entries(row)) if (key !== 'month') sums[key as keyof KpiSums] += n(value as bigint | null);
  }
  // Pending at the end of each closed month: the running sum of the deltas of every month up to it.
  const running = Object.fromEntries(PENDING_MEASURES.map((k) => [k, 0])) as Record<PendingMeasure, number>;
  let next = 0;
  for (const [month, sums] of out) {
    if (month === open) continue;
    for (; next < deltaRows.length && deltaRows[next]!.month <= month; next++) {
      for (const k of PENDING_MEASURES) running[k] += n(deltaRows[next]![k]);
    }
    Object.assign(sums, running);
  }
  if (open && current) {
    const sums = { ...current.get(unit.id)! };
    for (const k of FEEDBACK_MEASURES) sums[k] = 0;
    out.set(open, sums);
  }
  return out;
}
