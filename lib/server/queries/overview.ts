// The overview page: the province's period (a month, a quarter, a year, any range) at a glance and its
// departments/districts side by side, from the KPI engine's sums (SPEC §3: T = min(end of the period, now)).
import 'server-only';
import type { Overview, UnitCounts } from '@/lib/views';
import { cache } from 'react';
import { localDayOf } from '@/lib/calendar';
import { EMPTY_SUMS, asOfTime, countsFromSums, kpisFromSums, type KpiSums, type Period } from '@/lib/kpi';
import { db, sql, type DB } from '@/lib/server/sql';
import { requestNow } from '@/lib/server/request-cache';
import { sumKpis } from './rollups';

function counts(s: KpiSums): UnitCounts {
  const c = countsFromSums(s);
  return {
    received: c.received,
    resolved: c.resolved.total,
    resolvedOnTime: c.resolved.early + c.resolved.onTime,
    pending: c.pending.total,
    pendingLate: c.pending.late,
    onTime: kpisFromSums(s).onTime,
  };
}

/** The overview of a period for a unit (by default the root of the unit tree) and its direct children. */
export function getOverview(period: Period, now: Date = requestNow(), unitCode: string | null = null): Promise<Overview> {
  return overviewOf(period.from, period.to, now, unitCode);
}

// Cached per request by its plain arguments (React's cache compares objects by identity).
const overviewOf = cache(async (from: string, to: string, now: Date, unitCode: string | null): Promise<Overview> => {
  const period = { from, to };
  const asOf = asOfTime(period, now);
  // The unit's id as a scalar subquery, written where it is compared.
  const top =
    unitCode === null
      ? db().selectFrom('units').select('id').where('parent_id', 'is', null).orderBy('sort_order').orderBy('id').limit(1)
      : db().selectFrom('units').select('id').where('code', '=', unitCode);
  const units = await db()
    .selectFrom('units')
    .select([
      'id',
      'code',
      'name',
      sql<DB['units']['level']>`level::text`.as('level'),
      'path',
      'parent_id as parentId',
      sql<boolean>`id = ${top}`.as('top'),
    ])
    .where((eb) => eb.or([eb('id', '=', top), eb('parent_id', '=', top)]))
    .orderBy(sql`(id = ${top})`, 'desc')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const unit = units[0];
  if (!unit?.top) {
    return { unit: null, period, asOf, totals: counts(EMPTY_SUMS), rows: [] };
  }
  const children = units.slice(1);
  const sums = await sumKpis([unit, ...children], period, now);
  const levelOrder = { tinh: 0, so_nganh: 1, huyen: 2, xa: 3 } as const;
  return {
    unit: { code: unit.code, name: unit.name, level: unit.level },
    period,
    asOf,
    totals: counts(sums.get(unit.id)!),
    rows: children
      .map((u) => ({ code: u.code, name: u.name, path: u.path, level: u.level, ...counts(sums.get(u.id)!) }))
      .sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.name.localeCompare(b.name, 'vi')),
  };
});

/** The current local month, 'YYYY-MM'. */
export function currentMonth(now: Date = requestNow()): string {
  return localDayOf(now).slice(0, 7);
}
