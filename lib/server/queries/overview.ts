// The overview page: the province's month at a glance and its departments/districts side by side, from the KPI
// engine's sums (SPEC §3: T = min(end of the month, now)).
import 'server-only';
import { cache } from 'react';
import { localDayOf, monthRange } from '@/lib/calendar';
import { EMPTY_SUMS, asOfTime, kpisFromSums, type KpiSums, type Ratio } from '@/lib/kpi';
import { getDb } from '@/lib/server/db';
import { sumKpis, type UnitRef } from './kpi';

export interface UnitCounts {
  /** Dossiers received in the period. */
  received: number;
  /** Dossiers whose end of processing E falls in the period. */
  resolved: number;
  /** Of those, early or on time (SPEC §2). */
  resolvedOnTime: number;
  /** Received by T and not ended by T. */
  pending: number;
  /** Of those, already late at T. */
  pendingLate: number;
  /** 766 ref 2.1: resolved early or on time + pending not late, over resolved + pending. */
  onTime: Ratio;
}

export interface OverviewRow extends UnitCounts {
  code: string;
  name: string;
  level: UnitRef['level'];
}

export interface Overview {
  province: { code: string; name: string } | null;
  month: string;
  period: { from: string; to: string };
  /** T = min(end of the month, now). */
  asOf: Date;
  totals: UnitCounts;
  rows: OverviewRow[];
}

function counts(s: KpiSums): UnitCounts {
  return {
    received: s.received,
    resolved: s.resolved,
    resolvedOnTime: s.resolvedEarly + s.resolvedOnTime,
    pending: s.pending,
    pendingLate: s.pendingLate,
    onTime: kpisFromSums(s).onTime,
  };
}

/** The overview of a month ('YYYY-MM') for the root of the unit tree. */
export const getOverview = cache(async (month: string, now: Date = new Date()): Promise<Overview> => {
  const period = monthRange(`${month}-01`);
  const asOf = asOfTime(period, now);
  const units = await getDb().$queryRaw<Array<UnitRef & { parentId: number | null }>>`
    SELECT id, code, name, level::text AS level, path, parent_id AS "parentId" FROM units
    WHERE parent_id IS NULL OR parent_id = (SELECT id FROM units WHERE parent_id IS NULL ORDER BY sort_order, id LIMIT 1)
    ORDER BY parent_id NULLS FIRST, sort_order, id`;
  const province = units[0];
  if (!province || province.parentId !== null) {
    return { province: null, month, period, asOf, totals: counts(EMPTY_SUMS), rows: [] };
  }
  const children = units.slice(1);
  const sums = await sumKpis([province, ...children], period, now);
  const levelOrder = { tinh: 0, so_nganh: 1, huyen: 2, xa: 3 } as const;
  return {
    province: { code: province.code, name: province.name },
    month,
    period,
    asOf,
    totals: counts(sums.get(province.id)!),
    rows: children
      .map((u) => ({ code: u.code, name: u.name, level: u.level, ...counts(sums.get(u.id)!) }))
      .sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.name.localeCompare(b.name, 'vi')),
  };
});

/** The current local month, 'YYYY-MM'. */
export function currentMonth(now: Date = new Date()): string {
  return localDayOf(now).slice(0, 7);
}
