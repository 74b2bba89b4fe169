// Units and the unit tree: look-ups by code, the root, a level's units under a unit, the levels and counts below it.
import 'server-only';
import type { Period, UnitLevel } from '@/lib/kpi';
import type { UnitView } from '@/lib/units';
import { localDayOf } from '@/lib/calendar';
import { requestNow } from '@/lib/server/request-cache';
import { db, sql } from '@/lib/server/sql';
import type { UnitRef } from '@/lib/views';

/** What a UnitRef is read from (the enum `level` comes back as its label). */
const UNIT_REF = ['id', 'code', 'name', 'level', 'path'] as const;

/** Whether a unit version is in force on `day` (SPEC §6: a code can name two units at two times). */
export const inForce = (day: string, alias = '') =>
  sql<boolean>`(${sql.raw(alias)}valid_from <= ${day}::date AND (${sql.raw(alias)}valid_to IS NULL OR ${sql.raw(alias)}valid_to >= ${day}::date))`;

/**
 * The day whose units a view shows for a period: today's units in the current view; in the historical one, those in
 * force at the period's end (or today, for a period still running).
 */
export function unitDay(view: UnitView, period: Period, now: Date = requestNow()): string {
  const today = localDayOf(now);
  return view === 'current' || period.to > today ? today : period.to;
}

/** The unit of a code: its version in force on `on` (default today), else its latest version. */
export async function findUnit(code: string, on: string = localDayOf(requestNow())): Promise<UnitRef | null> {
  const row = await db()
    .selectFrom('units')
    .select(UNIT_REF)
    .where('code', '=', code)
    .orderBy(inForce(on), 'desc')
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** Units of one level inside a unit's subtree, in force on `day` (the rows of a league table). */
export async function listUnitsUnder(
  parent: UnitRef,
  level: UnitLevel,
  day: string = localDayOf(requestNow()),
): Promise<UnitRef[]> {
  return db()
    .selectFrom('units')
    .select(UNIT_REF)
    .where(inForce(day))
    .where('level', '=', sql<UnitLevel>`${level}::unit_level`)
    .where('path', 'like', `${parent.path}%`)
    .where('id', '<>', parent.id)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

/** The root of the unit tree (the province in force on `on`, default today), or null when there are no units. */
export async function findRootUnit(on: string = localDayOf(requestNow())): Promise<UnitRef | null> {
  const row = await db()
    .selectFrom('units')
    .select(UNIT_REF)
    .where('parent_id', 'is', null)
    .orderBy(inForce(on), 'desc')
    .orderBy('sort_order')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * The top units in force on `day`, in their order: one province today; before a merger of provinces, each of them (old
 * Kon Tum and old Quảng Ngãi before 1/7/2025 in the demo; SPEC §6).
 */
export async function listRootUnits(on: string = localDayOf(requestNow())): Promise<UnitRef[]> {
  return db()
    .selectFrom('units')
    .select(UNIT_REF)
    .where('parent_id', 'is', null)
    .where(inForce(on))
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** The direct children of a unit in force on `day`, in their order. */
export async function listChildren(parent: UnitRef, day: string = localDayOf(requestNow())): Promise<UnitRef[]> {
  return db()
    .selectFrom('units')
    .select(UNIT_REF)
    .where('parent_id', '=', parent.id)
    .where(inForce(day))
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** Every unit in force on `day` inside a path prefix (a caller's scope), in tree order, for filters. */
export async function listUnitsInScope(pathPrefix: string, day: string = localDayOf(requestNow())): Promise<UnitRef[]> {
  return db()
    .selectFrom('units')
    .select(UNIT_REF)
    .where('path', 'like', `${pathPrefix}%`)
    .where(inForce(day))
    .orderBy('path')
    .execute();
}

/**
 * The levels that exist inside a unit's subtree (itself excluded) among the units in force on `day`, from the top
 * down (the enum's order): districts before 1/7/2025, none after.
 */
export async function listLevelsUnder(parent: UnitRef, day: string = localDayOf(requestNow())): Promise<UnitLevel[]> {
  const rows = await db()
    .selectFrom('units')
    .select('level')
    .distinct()
    .where(inForce(day))
    .where('path', 'like', `${parent.path}%`)
    .where('id', '<>', parent.id)
    .orderBy('level')
    .execute();
  return rows.map((r) => r.level);
}

/** How many units of each level, in force on `day`, lie inside each of the given units' subtrees (to offer a drill-down). */
export async function countChildren(
  units: readonly UnitRef[],
  level: UnitLevel,
  day: string = localDayOf(requestNow()),
): Promise<Map<string, number>> {
  if (units.length === 0) return new Map();
  const rows = await db()
    .selectFrom('units as u')
    .innerJoin('units as c', (join) =>
      join
        .on('c.path', 'like', sql<string>`u.path || '%'`)
        .onRef('c.id', '<>', 'u.id')
        .on('c.level', '=', sql<UnitLevel>`${level}::unit_level`)
        .on(inForce(day, 'c.')),
    )
    .select(['u.code', sql<number>`count(c.id)::int`.as('n')])
    .where((eb) => eb('u.id', '=', eb.fn.any(eb.val(units.map((u) => u.id)))))
    .groupBy('u.code')
    .execute();
  return new Map(rows.map((r) => [r.code, r.n]));
}
