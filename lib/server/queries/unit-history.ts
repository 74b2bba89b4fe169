// The unit versions and their successions (SPEC §6), loaded once per request, and what a unit's figures are made of in
// each view: `historical`, the versions below it in the tree of their time (its path prefix); `current`, every version
// whose representative today (lib/units: through the succession chain, or the nearest living ancestor) lies below it —
// so a commune created in 2025 sums its predecessors' roll-ups for 2024. Restating reads the same roll-up rows, keyed by
// unit version; no dossier is read or rewritten.
import 'server-only';
import { localDayOf } from '@/lib/calendar';
import { representatives, type UnitView } from '@/lib/units';
import type { UnitRef } from '@/lib/views';
import { versioned } from '@/lib/server/live-cache';
import { memo, requestNow } from '@/lib/server/request-cache';
import { db, sql } from '@/lib/server/sql';

/**
 * Every unit version with its path, and each one's representative today (null: nothing stands for it). `province`: only
 * that province's units, in a national database (issue 20), where unit ids are each province's own.
 */
export function unitHistory(province: string | null = null): Promise<UnitHistory> {
  const day = localDayOf(requestNow());
  // Once per day and data version for the process (a write to the units bumps the version), once per request at most.
  if (province === null) return memo('unitHistory', () => versioned(`unitHistory|${day}`, () => loadUnitHistory(day)));
  // Nationally, every province's at once: a national league reads them all.
  return memo('unitHistories', () => versioned(`unitHistories|${day}`, () => loadNationalHistories(day))).then(
    (all) => all.get(province) ?? history([], [], day),
  );
}

type Version = { id: number; code: string; path: string; parentId: number | null; validFrom: string; validTo: string | null };
type Succession = { fromId: number; toId: number; primary: boolean; effectiveOn: string; share: number | null };
export type UnitHistory = ReturnType<typeof history>;

const versionsQuery = () =>
  db()
    .selectFrom('units')
    .select(['id', 'code', 'path', 'parent_id as parentId', 'province'])
    .select([sql<string>`valid_from::text`.as('validFrom'), sql<string | null>`valid_to::text`.as('validTo')]);
const successionsQuery = () =>
  db()
    .selectFrom('unit_successions')
    .select(['from_unit_id as fromId', 'to_unit_id as toId', 'is_primary as primary', 'province'])
    .select([sql<string>`effective_on::text`.as('effectiveOn'), sql<number | null>`share::float8`.as('share')]);

async function loadUnitHistory(day: string): Promise<UnitHistory> {
  const [versions, successions] = await Promise.all([versionsQuery().execute(), successionsQuery().execute()]);
  return history(versions, successions, day);
}

/** A national database's unit histories, one per province. */
async function loadNationalHistories(day: string): Promise<Map<string, UnitHistory>> {
  const [versions, successions] = await Promise.all([versionsQuery().execute(), successionsQuery().execute()]);
  const byProvince = new Map<string, { versions: Version[]; successions: Succession[] }>();
  const of = (province: string) => {
    let p = byProvince.get(province);
    if (!p) byProvince.set(province, (p = { versions: [], successions: [] }));
    return p;
  };
  for (const v of versions) of(v.province).versions.push(v);
  for (const s of successions) of(s.province).successions.push(s);
  return new Map([...byProvince].map(([province, p]) => [province, history(p.versions, p.successions, day)]));
}

function history(versions: Version[], successions: Succession[], day: string) {
  const rep = representatives(versions, successions, day);
  const pathOf = new Map(versions.map((v) => [v.id, v.path]));
  /** The path a version's figures are counted under in each view. */
  const countedPath = (id: number, view: UnitView): string | null => {
    if (view === 'historical') return pathOf.get(id) ?? null;
    const r = rep.get(id);
    return r === null || r === undefined ? null : (pathOf.get(r) ?? null);
  };
  return { versions, successions, rep, countedPath };
}

/**
 * The unit versions counted under the unit at `unitPath` in the view, inside a caller's scope: those whose
 * representative today lies inside the scope path (a chair of a new commune sees its predecessors' dossiers).
 */
export async function versionsUnder(unitPath: string, view: UnitView, scopePath: string): Promise<number[]> {
  const { versions, countedPath } = await unitHistory();
  return versions
    .filter((v) => countedPath(v.id, view)?.startsWith(unitPath) && countedPath(v.id, 'current')?.startsWith(scopePath))
    .map((v) => v.id);
}

/**
 * The (target, member) pairs of a sum: each target with every unit version counted under it in the view. `merged`: the
 * targets taken together, each version once (sums grouped by procedure or field). `province`: in a national database.
 */
export async function subtreeMembers(
  targets: readonly UnitRef[],
  view: UnitView,
  merged: boolean,
  province: string | null = null,
): Promise<{ targets: number[]; members: number[] }> {
  const { versions, countedPath } = await unitHistory(province);
  // A path is the ids from the root ('/1/12/130/'): a version lies under a target when the target's id is one of the
  // ids of the path it is counted under. One walk up each path, not every version against every target (3,321
  // communes nationally).
  const wanted = new Set(targets.map((t) => t.id));
  const out = { targets: [] as number[], members: [] as number[] };
  for (const v of versions) {
    const path = countedPath(v.id, view);
    if (path === null) continue;
    for (const id of path.split('/')) {
      if (id === '' || !wanted.has(Number(id))) continue;
      out.targets.push(Number(id));
      out.members.push(v.id);
      if (merged) break; // the targets taken together: each version once
    }
  }
  return out;
}

/** A unit version's successions both ways, for its page (SPEC §6: "đã sáp nhập vào …", and back). */
export async function unitLineage(unitId: number) {
  const [self, successors, predecessors] = await Promise.all([
    db()
      .selectFrom('units')
      .select([sql<string>`valid_from::text`.as('validFrom'), sql<string | null>`valid_to::text`.as('validTo')])
      .where('id', '=', unitId)
      .executeTakeFirst(),
    db()
      .selectFrom('unit_successions as s')
      .innerJoin('units as u', 'u.id', 's.to_unit_id')
      .select(['u.id', 'u.code', 'u.name', 's.is_primary as primary'])
      .select([sql<string>`s.effective_on::text`.as('effectiveOn'), sql<number | null>`s.share::float8`.as('share')])
      .where('s.from_unit_id', '=', unitId)
      .orderBy('u.code')
      .execute(),
    db()
      .selectFrom('unit_successions as s')
      .innerJoin('units as u', 'u.id', 's.from_unit_id')
      .select(['u.id', 'u.code', 'u.name', 's.is_primary as primary'])
      .select([sql<string>`s.effective_on::text`.as('effectiveOn'), sql<number | null>`s.share::float8`.as('share')])
      .where('s.to_unit_id', '=', unitId)
      .orderBy('u.code')
      .execute(),
  ]);
  const { rep, countedPath } = await unitHistory();
  // The path that decides who may open a unit's page: where it is counted today (lib/server/access.ts does the same).
  const withPath = <T extends { id: number }>(u: T) => ({ ...u, path: countedPath(u.id, 'current') ?? '' });
  return {
    validFrom: self?.validFrom ?? null,
    validTo: self?.validTo ?? null,
    /** The unit that stands for this one today, when another (its dossiers are counted there in the current view). */
    representative: await representativeOf(unitId, rep.get(unitId) ?? null, countedPath),
    successors: successors.map(withPath),
    /** Predecessors whose dossiers this unit counts today: those it represents (a split's primary part, or whole). */
    predecessors: predecessors.map((p) => ({ ...withPath(p), counted: rep.get(p.id) === unitId })),
  };
}

async function representativeOf(
  unitId: number,
  repId: number | null,
  countedPath: (id: number, view: UnitView) => string | null,
): Promise<{ code: string; name: string; path: string } | null> {
  if (repId === null || repId === unitId) return null;
  const u = await db().selectFrom('units').select(['code', 'name']).where('id', '=', repId).executeTakeFirst();
  return u ? { ...u, path: countedPath(repId, 'current') ?? '' } : null;
}

/** What is bound to a unit that has ceased (SPEC §6: users, tokens and targets keep pointing at it until re-bound). */
export interface CeasedBinding {
  kind: 'user' | 'token' | 'target';
  /** The user's or token's name, or the target's indicator and year. */
  label: string;
  unit: { code: string; name: string; validTo: string };
  /** The unit that stands for it today, to bind to instead (null: none). */
  representative: { code: string; name: string } | null;
}

/** Users, API tokens and targets bound to a unit that ceased before `today`, for the admin to re-bind. */
export async function listCeasedBindings(today: string): Promise<CeasedBinding[]> {
  const ceased = sql<boolean>`u.valid_to < ${today}::date`;
  const unitCols = ['u.id as unitId', 'u.code as unitCode', 'u.name as unitName'] as const;
  const validTo = sql<string>`u.valid_to::text`.as('validTo');
  const [users, tokens, targets, { rep }] = await Promise.all([
    db()
      .selectFrom('users as x')
      .innerJoin('units as u', 'u.id', 'x.unit_id')
      .select(['x.username as label', ...unitCols, validTo])
      .where(ceased)
      .where('x.active', '=', true)
      .execute(),
    db()
      .selectFrom('api_tokens as x')
      .innerJoin('units as u', 'u.id', 'x.unit_id')
      .select(['x.name as label', ...unitCols, validTo])
      .where(ceased)
      .where('x.revoked_at', 'is', null)
      .execute(),
    db()
      .selectFrom('targets as x')
      .innerJoin('units as u', 'u.id', 'x.unit_id')
      .select([sql<string>`x.kpi || ' ' || x.year`.as('label'), ...unitCols, validTo])
      .where(ceased)
      .where('x.year', '>=', Number(today.slice(0, 4)))
      .execute(),
    unitHistory(),
  ]);
  const reps = new Map(
    (
      await db()
        .selectFrom('units')
        .select(['id', 'code', 'name'])
        .where((eb) => eb('id', '=', eb.fn.any(eb.val([...new Set([...rep.values()].filter((v): v is number => v !== null))]))))
        .execute()
    ).map((u) => [u.id, { code: u.code, name: u.name }]),
  );
  const toBinding =
    (kind: CeasedBinding['kind']) =>
    (r: { label: string; unitId: number; unitCode: string; unitName: string; validTo: string }) => ({
      kind,
      label: r.label,
      unit: { code: r.unitCode, name: r.unitName, validTo: r.validTo },
      representative: reps.get(rep.get(r.unitId) ?? -1) ?? null,
    });
  return [...users.map(toBinding('user')), ...tokens.map(toBinding('token')), ...targets.map(toBinding('target'))];
}
