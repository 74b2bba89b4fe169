// Danh sách đơn vị / cán bộ chậm muộn: the units and officials with late dossiers in a period — the list the
// directives require to be published monthly. Units from the roll-ups; officials from the late dossiers themselves.
import 'server-only';
import type { NotNull, SqlBool } from 'kysely';
import type { LateHandler, LateUnit } from '@/lib/views';
import { lateRatio, type Period, type UnitLevel } from '@/lib/kpi';
import { db, sql, type DB } from '@/lib/server/sql';
import { requestNow } from '@/lib/server/request-cache';
import type { UnitView } from '@/lib/units';
import { sumKpis } from './rollups';
import { inForce, unitDay } from './units';
import { overdueSql } from './overdue';
import { type UnitRef } from '@/lib/views';

/** Units of the given levels under `root` with at least one late dossier, the most late first. */
export async function listLateUnits(
  root: UnitRef,
  levels: readonly UnitLevel[],
  period: Period,
  now = requestNow(),
  view: UnitView = 'current',
): Promise<LateUnit[]> {
  // Today's units in the current view, those in force at the period's end in the historical one (SPEC §6).
  const day = unitDay(view, period, now);
  const units = await db()
    .selectFrom('units')
    .select(['id', 'code', 'name', sql<DB['units']['level']>`level::text`.as('level'), 'path'])
    .where('path', 'like', `${root.path}%`)
    .where(sql<SqlBool>`level::text = ANY(${[...levels]}::text[])`)
    .where(inForce(day))
    .execute();
  const sums = await sumKpis(units, period, now, undefined, view);
  return units
    .map((u) => {
      const s = sums.get(u.id)!;
      return {
        unit: { code: u.code, name: u.name, level: u.level, path: u.path },
        resolvedLate: s.resolvedLate,
        pendingLate: s.pendingLate,
        lateRate: lateRatio(s),
        apologized: s.resolvedLateApology + s.pendingLateApology,
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
  view: UnitView = 'current',
): Promise<LateHandler[]> {
  const { late } = await overdueSql({ scopePath, unitCode, period, now, view });
  // The late rows carry their unit and handler: no second visit to each dossier.
  const rows = await db()
    .selectFrom(late.as('l'))
    .innerJoin('units as u', 'u.id', 'l.unit_id')
    .select([
      'l.handler',
      'u.code as unit_code',
      'u.name as unit_name',
      sql<bigint>`count(*) FILTER (WHERE l.pri = 1)`.as('resolved_late'),
      sql<bigint>`count(*) FILTER (WHERE l.pri = 0)`.as('pending_late'),
      sql<bigint>`count(l.apology_at)`.as('apologized'),
    ])
    .where('l.handler', 'is not', null)
    .$narrowType<{ handler: NotNull }>()
    .groupBy(['l.handler', 'u.code', 'u.name'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('l.handler')
    .orderBy('u.code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    handler: r.handler,
    unit: { code: r.unit_code, name: r.unit_name },
    resolvedLate: Number(r.resolved_late),
    pendingLate: Number(r.pending_late),
    apologized: Number(r.apologized),
  }));
}
