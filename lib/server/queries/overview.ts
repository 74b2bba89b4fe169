// Counts for the overview page: the province's month at a glance and its departments/districts side by side.
// Foundation rule for "on time": E ≤ due (the exact SPEC §2 rules arrive with the KPI engine).
import 'server-only';
import { cache } from 'react';
import { Prisma } from '@/lib/generated/prisma/client';
import { endOfLocalDay, localDayOf, monthRange, startOfLocalDay } from '@/lib/calendar';
import { getDb } from '@/lib/server/db';

export interface UnitCounts {
  /** Dossiers received in the period. */
  received: number;
  /** Dossiers whose end of processing E falls in the period. */
  resolved: number;
  /** Of those, ended no later than their due. */
  resolvedOnTime: number;
  /** Received by T and not ended by T. */
  pending: number;
  /** Unfinished now and past their due now. */
  overdueNow: number;
}

export interface OverviewRow extends UnitCounts {
  id: number;
  code: string;
  name: string;
  level: 'tinh' | 'so_nganh' | 'huyen' | 'xa';
}

export interface Overview {
  province: { id: number; code: string; name: string } | null;
  month: string;
  period: { from: string; to: string };
  /** T = min(end of the period, now). */
  asOf: Date;
  totals: UnitCounts;
  rows: OverviewRow[];
}

type CountsRow = { id: number | null; code: string | null; name: string | null; level: OverviewRow['level'] | null } & {
  [K in keyof UnitCounts]: bigint;
};

const toCounts = (r: CountsRow): UnitCounts => ({
  received: Number(r.received),
  resolved: Number(r.resolved),
  resolvedOnTime: Number(r.resolvedOnTime),
  pending: Number(r.pending),
  overdueNow: Number(r.overdueNow),
});

/** Share of resolved dossiers that ended no later than their due; null when nothing was resolved. */
export function onTimeShare(c: UnitCounts): number | null {
  return c.resolved === 0 ? null : c.resolvedOnTime / c.resolved;
}

/** The overview of a month ('YYYY-MM') for the root unit of the tree. */
export const getOverview = cache(async (month: string, now: Date = new Date()): Promise<Overview> => {
  const db = getDb();
  const { from, to } = monthRange(`${month}-01`);
  const start = startOfLocalDay(from);
  const end = new Date(endOfLocalDay(to).getTime() + 1); // exclusive
  const asOf = new Date(Math.min(end.getTime() - 1, now.getTime()));
  const [province] = await db.$queryRaw<Array<{ id: number; code: string; name: string }>>`
    SELECT id, code, name FROM units WHERE parent_id IS NULL ORDER BY sort_order, id LIMIT 1`;
  const empty: UnitCounts = { received: 0, resolved: 0, resolvedOnTime: 0, pending: 0, overdueNow: 0 };
  if (!province) return { province: null, month, period: { from, to }, asOf, totals: empty, rows: [] };

  // Per unit, each count answered by an index range (see the dossiers indexes); then rolled up the tree by path.
  const rows = await db.$queryRaw<CountsRow[]>(Prisma.sql`
    WITH open_at_t AS (
      -- Pending at T: T ∈ [R, E), answered by the GiST index on that interval.
      SELECT unit_id, count(*) AS n FROM dossiers
      WHERE tstzrange(received_at, ended_at, '[)') @> ${asOf}::timestamptz
      GROUP BY unit_id
    ), per_unit AS (
      SELECT u.id, u.path,
        (SELECT count(*) FROM dossiers d
          WHERE d.unit_id = u.id AND d.received_at >= ${start} AND d.received_at < ${end}) AS received,
        r.resolved, r.resolved_on_time,
        coalesce(open_at_t.n, 0) AS pending,
        (SELECT count(*) FROM dossiers d
          WHERE d.unit_id = u.id AND d.ended_at IS NULL AND d.deadline_at < ${now}) AS overdue_now
      FROM units u
      CROSS JOIN LATERAL (
        SELECT count(*) AS resolved, count(*) FILTER (WHERE d.ended_at <= d.deadline_at) AS resolved_on_time
        FROM dossiers d WHERE d.unit_id = u.id AND d.ended_at >= ${start} AND d.ended_at < ${end}
      ) r
      LEFT JOIN open_at_t ON open_at_t.unit_id = u.id
      WHERE u.path LIKE ${`/${province.id}/%`}
    )
    SELECT top.id, top.code, top.name, top.level::text AS level,
      sum(p.received)::bigint AS "received", sum(p.resolved)::bigint AS "resolved",
      sum(p.resolved_on_time)::bigint AS "resolvedOnTime", sum(p.pending)::bigint AS "pending",
      sum(p.overdue_now)::bigint AS "overdueNow"
    FROM units top JOIN per_unit p ON p.path LIKE top.path || '%'
    WHERE top.parent_id = ${province.id}
    GROUP BY top.id
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, sum(received)::bigint, sum(resolved)::bigint, sum(resolved_on_time)::bigint,
      sum(pending)::bigint, sum(overdue_now)::bigint
    FROM per_unit`);

  const totalsRow = rows.find((r) => r.id === null);
  const levelOrder = { tinh: 0, so_nganh: 1, huyen: 2, xa: 3 } as const;
  return {
    province,
    month,
    period: { from, to },
    asOf,
    totals: totalsRow ? toCounts(totalsRow) : empty,
    rows: rows
      .filter((r) => r.id !== null)
      .map((r) => ({ id: r.id!, code: r.code!, name: r.name!, level: r.level!, ...toCounts(r) }))
      .sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.name.localeCompare(b.name, 'vi')),
  };
});

/** The current local month, 'YYYY-MM'. */
export function currentMonth(now: Date = new Date()): string {
  return localDayOf(now).slice(0, 7);
}
