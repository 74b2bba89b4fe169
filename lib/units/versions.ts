// Units over time (SPEC §6): a unit is a code with a validity, successions carry old units into new ones, and each unit
// version has a representative today — the unit that now stands for it. Pure: no database, no framework.
import type { LocalDay } from '@/lib/calendar';
import { formatLocalDay } from '@/lib/format';

/** A unit version: a code valid from `validFrom` to `validTo` (both included; null: still in force). */
export interface UnitVersion {
  id: number;
  code: string;
  parentId: number | null;
  validFrom: LocalDay;
  validTo: LocalDay | null;
}

/** A succession row (unit-mapping import): the old unit went, from `effectiveOn`, wholly or in part into the new one. */
export interface Succession {
  fromId: number;
  toId: number;
  effectiveOn: LocalDay;
  /** TyLe: the share of the old unit, when known (1 or null for a whole unit). */
  share: number | null;
  /** Chinh: the row names the primary successor of a split. */
  primary: boolean;
}

/** How the units of a period are shown: as they are today (restated through successions) or as they were then. */
export type UnitView = 'current' | 'historical';
export const UNIT_VIEWS: readonly UnitView[] = ['current', 'historical'];

export const isValidOn = (u: Pick<UnitVersion, 'validFrom' | 'validTo'>, day: LocalDay) =>
  u.validFrom <= day && (u.validTo === null || day <= u.validTo);

/** The version of a code valid on `day` among the versions of that code, or null. */
export function versionOn<T extends Pick<UnitVersion, 'validFrom' | 'validTo'>>(versions: readonly T[], day: LocalDay): T | null {
  return versions.find((v) => isValidOn(v, day)) ?? null;
}

/**
 * The primary successor of each old unit (SPEC §6): its only successor; of a split, the row with Chinh = 1, else the
 * largest TyLe, else the lowest new code.
 */
export function primarySuccessors(successions: readonly Succession[], codeOf: (id: number) => string): Map<number, Succession> {
  const out = new Map<number, Succession>();
  for (const s of successions) {
    const best = out.get(s.fromId);
    if (!best || better(s, best, codeOf)) out.set(s.fromId, s);
  }
  return out;
}

function better(a: Succession, b: Succession, codeOf: (id: number) => string): boolean {
  if (a.primary !== b.primary) return a.primary;
  const sa = a.share ?? -1;
  const sb = b.share ?? -1;
  if (sa !== sb) return sa > sb;
  return codeOf(a.toId).localeCompare(codeOf(b.toId), 'en', { numeric: true }) < 0;
}

/**
 * The representative on `today` of every unit version: itself until it ceases; then, through its primary successor,
 * the successor's representative; else (a unit that ceased with no succession, like a district's own office after
 * districts were abolished) its nearest ancestor's. Null when nothing stands for it (a whole tree that ceased).
 */
export function representatives(
  units: readonly UnitVersion[],
  successions: readonly Succession[],
  today: LocalDay,
): Map<number, number | null> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const primary = primarySuccessors(successions, (id) => byId.get(id)?.code ?? '');
  const out = new Map<number, number | null>();
  const resolve = (id: number, seen: Set<number>): number | null => {
    const known = out.get(id);
    if (known !== undefined) return known;
    const u = byId.get(id);
    if (!u || seen.has(id)) return null; // a cycle is refused on import; never loop on one
    seen.add(id);
    let rep: number | null;
    if (u.validTo === null || u.validTo >= today)
      rep = id; // in force, or not yet: it stands for itself
    else if (primary.has(id)) rep = resolve(primary.get(id)!.toId, seen);
    else rep = u.parentId === null ? null : resolve(u.parentId, seen);
    out.set(id, rep);
    return rep;
  };
  for (const u of units) resolve(u.id, new Set());
  return out;
}

/** A chain of successions that comes back to where it started (ids, first = last), or null. */
export function findCycle(edges: ReadonlyArray<{ fromId: number; toId: number }>): number[] | null {
  const next = new Map<number, number[]>();
  for (const e of edges) next.set(e.fromId, [...(next.get(e.fromId) ?? []), e.toId]);
  const state = new Map<number, 'open' | 'done'>();
  const stack: number[] = [];
  const visit = (id: number): number[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'open') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'open');
    stack.push(id);
    for (const to of next.get(id) ?? []) {
      const cycle = visit(to);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of next.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return null;
}

/** Why a succession row cannot be right, or null: the old unit must have ceased by its date, the new one be in force on it. */
export function successionProblem(from: UnitVersion, to: UnitVersion, effectiveOn: LocalDay): string | null {
  if (from.id === to.id) return 'đơn vị không thể kế thừa chính nó';
  if (!isValidOn(to, effectiveOn)) return `đơn vị mới ${to.code} không có hiệu lực vào ngày ${formatLocalDay(effectiveOn)}`;
  if (from.validTo === null || from.validTo >= effectiveOn) {
    return `đơn vị cũ ${from.code} vẫn còn hiệu lực vào ngày ${formatLocalDay(effectiveOn)} (hiệu lực đến phải trước ngày đó)`;
  }
  return null;
}
