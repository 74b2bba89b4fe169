// Units and the unit tree: look-ups by code, the root, a level's units under a unit, the levels and counts below it.
import 'server-only';
import type { UnitLevel } from '@/lib/kpi';
import { getDb } from '@/lib/server/db';
import type { UnitRef } from '@/lib/views';

export async function findUnit(code: string): Promise<UnitRef | null> {
  const rows = await getDb().$queryRaw<UnitRef[]>`
    SELECT id, code, name, level::text AS level, path FROM units WHERE code = ${code}`;
  return rows[0] ?? null;
}

/** Units of one level inside a unit's subtree (the rows of a league table). */
export async function listUnitsUnder(parent: UnitRef, level: UnitLevel): Promise<UnitRef[]> {
  return getDb().$queryRaw<UnitRef[]>`
    SELECT id, code, name, level::text AS level, path FROM units
    WHERE level = ${level}::unit_level AND path LIKE ${`${parent.path}%`} AND id <> ${parent.id}
    ORDER BY sort_order, name`;
}

/** The root of the unit tree (the province), or null when there are no units. */
export async function findRootUnit(): Promise<UnitRef | null> {
  const rows = await getDb().$queryRaw<UnitRef[]>`
    SELECT id, code, name, level::text AS level, path FROM units WHERE parent_id IS NULL ORDER BY sort_order, id LIMIT 1`;
  return rows[0] ?? null;
}

/** Every unit inside a path prefix (a caller's scope), in tree order, for filters. */
export async function listUnitsInScope(pathPrefix: string): Promise<UnitRef[]> {
  return getDb().$queryRaw<UnitRef[]>`
    SELECT id, code, name, level::text AS level, path FROM units WHERE path LIKE ${`${pathPrefix}%`} ORDER BY path`;
}

/** The levels that exist inside a unit's subtree (itself excluded), from the top down. */
export async function listLevelsUnder(parent: UnitRef): Promise<UnitLevel[]> {
  const rows = await getDb().$queryRaw<Array<{ level: UnitLevel }>>`
    SELECT DISTINCT level::text AS level, level AS l FROM units WHERE path LIKE ${`${parent.path}%`} AND id <> ${parent.id} ORDER BY l`;
  return rows.map((r) => r.level);
}

/** How many units of each level lie inside each of the given units' subtrees (to offer a drill-down). */
export async function countChildren(units: readonly UnitRef[], level: UnitLevel): Promise<Map<string, number>> {
  if (units.length === 0) return new Map();
  const rows = await getDb().$queryRaw<Array<{ code: string; n: number }>>`
    SELECT u.code, count(c.id)::int AS n FROM units u
    JOIN units c ON c.path LIKE u.path || '%' AND c.id <> u.id AND c.level = ${level}::unit_level
    WHERE u.code = ANY(${units.map((u) => u.code)}) GROUP BY u.code`;
  return new Map(rows.map((r) => [r.code, r.n]));
}
