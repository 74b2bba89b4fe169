// The overview page: the province's period (a month, a quarter, a year, any range) at a glance and its
// departments/districts side by side, from the KPI engine's sums (SPEC §3: T = min(end of the period, now)).
import 'server-only';
import type { Overview, UnitCounts } from '@/lib/views';
import { cache } from 'react';
import { localDayOf } from '@/lib/calendar';
import { EMPTY_SUMS, asOfTime, countsFromSums, kpisFromSums, type KpiSums, type Period } from '@/lib/kpi';
import { requestNow } from '@/lib/server/request-cache';
import type { UnitView } from '@/lib/units';
import { sumKpis } from './rollups';
import { findRootUnit, findUnit, listChildren, unitDay } from './units';

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

/**
 * The overview of a period for a unit (by default the root of the unit tree) and its direct children: today's units
 * in the current view, those in force at the period's end in the historical one (SPEC §6).
 */
export function getOverview(
  period: Period,
  now: Date = requestNow(),
  unitCode: string | null = null,
  view: UnitView = 'current',
): Promise<Overview> {
  return overviewOf(period.from, period.to, now, unitCode, view);
}

// Cached per request by its plain arguments (React's cache compares objects by identity).
const overviewOf = cache(
  async (from: string, to: string, now: Date, unitCode: string | null, view: UnitView): Promise<Overview> => {
    const period = { from, to };
    const asOf = asOfTime(period, now);
    const day = unitDay(view, period, now);
    const unit = unitCode === null ? await findRootUnit(day) : await findUnit(unitCode, day);
    if (!unit) return { unit: null, period, asOf, totals: counts(EMPTY_SUMS), rows: [] };
    const children = await listChildren(unit, day);
    const sums = await sumKpis([unit, ...children], period, now, undefined, view);
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
  },
);

/** The current local month, 'YYYY-MM'. */
export function currentMonth(now: Date = requestNow()): string {
  return localDayOf(now).slice(0, 7);
}
