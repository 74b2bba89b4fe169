// Danh sách đơn vị / cán bộ chậm muộn: the units and officials with late dossiers in a period — the list the
// directives require to be published monthly. Units from the roll-ups; officials from the late dossiers themselves.
import 'server-only';
import type { LateHandler, LateUnit } from '@/lib/views';
import { Prisma } from '@/lib/generated/prisma/client';
import { lateRatio, type Period, type UnitLevel } from '@/lib/kpi';
import { getDb } from '@/lib/server/db';
import { requestNow } from '@/lib/server/request-cache';
import { sumKpis } from './rollups';
import { overdueSql } from './overdue';
import { type UnitRef } from '@/lib/views';

/** Units of the given levels under `root` with at least one late dossier, the most late first. */
export async function listLateUnits(
  root: UnitRef,
  levels: readonly UnitLevel[],
  period: Period,
  now = requestNow(),
): Promise<LateUnit[]> {
  const units = await getDb().$queryRaw<UnitRef[]>`
    SELECT id, code, name, level::text AS level, path FROM units
    WHERE path LIKE ${`${root.path}%`} AND level::text = ANY(${[...levels]}::text[])`;
  const sums = await sumKpis(units, period, now);
  return units
    .map((u) => {
      const s = sums.get(u.id)!;
      return {
        unit: { code: u.code, name: u.name, level: u.level, path: u.path },
        resolvedLate: s.resolvedLate,
        pendingLate: s.pendingLate,
        lateRate: lateRatio(s),
      };
    })
    .filter((r) => r.lateRate.numerator > 0)
    .sort(
      (a, b) =>
        b.lateRate.numerator - a.lateRate.numerator ||
        (b.lateRate.value ?? 0) - (a.lateRate.value ?? 0) ||
        a.unit.name.localeCompare(b.unit.name, 'vi'),
    );
}

/** Officials (CanBoXuLy) with late dossiers in a unit's subtree, inside the caller's scope, the most late first. */
export async function listLateHandlers(
  scopePath: string,
  unitCode: string,
  period: Period,
  now = requestNow(),
  limit = 200,
): Promise<LateHandler[]> {
  const { late } = await overdueSql({ scopePath, unitCode, period, now });
  // The late rows carry their unit and handler: no second visit to each dossier.
  const rows = await getDb().$queryRaw<
    Array<{ handler: string; unit_code: string; unit_name: string; resolved_late: bigint; pending_late: bigint }>
  >(Prisma.sql`
    SELECT l.handler, u.code AS unit_code, u.name AS unit_name,
           count(*) FILTER (WHERE l.pri = 1) AS resolved_late, count(*) FILTER (WHERE l.pri = 0) AS pending_late
    FROM (${late}) l JOIN units u ON u.id = l.unit_id
    WHERE l.handler IS NOT NULL
    GROUP BY l.handler, u.code, u.name
    ORDER BY count(*) DESC, l.handler, u.code
    LIMIT ${limit}`);
  return rows.map((r) => ({
    handler: r.handler,
    unit: { code: r.unit_code, name: r.unit_name },
    resolvedLate: Number(r.resolved_late),
    pendingLate: Number(r.pending_late),
  }));
}
