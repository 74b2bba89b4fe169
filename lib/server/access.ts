// The one access-control gate. Every route handler, server action and page data read calls `gate` with what it wants
// to do and on which unit; it finds who is asking (session cookie or bearer token), checks the role and unit scope,
// audits refusals, and returns the scope to apply inside the SQL `where` (a unit path prefix) — or throws 401/403.
// The proxy/middleware is never the check.
import 'server-only';
import { AccessError } from '@/lib/server/errors';
import { headers } from 'next/headers';
import { cache } from 'react';
import { forbidden, notFound, redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { SESSION_COOKIE, TOKEN_PATTERN, hashToken } from '@/lib/auth/secrets';
import { audit } from '@/lib/server/audit';
import { auth } from '@/lib/server/auth';
import { clientAddress } from '@/lib/server/client';
import { REFUSAL_AUDITS, TOKEN_BOOKKEEPING, take } from '@/lib/server/rate-limit';
import { db, sql } from '@/lib/server/sql';
import { findUnit } from '@/lib/server/queries/units';
import { DATA_VERSION_COLUMN, knownDataVersion, versioned } from '@/lib/server/live-cache';
import { requestNow } from '@/lib/server/request-cache';
import { localDayOf } from '@/lib/calendar';
import { unitHistory } from '@/lib/server/queries/unit-history';
import { type UnitRef } from '@/lib/views';
import { NotFoundError } from '@/lib/server/errors';

export type Role = 'admin' | 'province' | 'chair' | 'auditor' | 'national';
export type TokenRole = Role | 'importer';
/** Everyone has the role `public` before signing in. */
export type AnyRole = TokenRole | 'public';

/**
 * - `aggregates`: KPI figures and rankings of any unit (published anyway);
 * - `dossiers`: dossier-level lists, handlers, unit compliance pages — only inside the actor's scope;
 * - `export`: the same, as a file (audited, rate-limited);
 * - `import`: writing dossiers and catalogues;
 * - `admin`: users, audit log, publishing months;
 * - `published`: the published monthly rankings and late-unit list (everyone, signed in or not; only published months);
 * - `national`: a national instance's pages (issue 20) — the leagues of provinces and of their units, each province's
 *   page; a user bound to a province (`users.province`) sees that province's only.
 *
 * The instance decides which actions exist: a national instance (TTHC_MODE=national) has no dossiers, so only
 * `national` and `admin`; a province instance has no `national`. Any other is a 404 there, for every role.
 */
export type Action = 'aggregates' | 'dossiers' | 'export' | 'import' | 'admin' | 'published' | 'national';

const INSTANCE_ACTIONS: Record<'province' | 'national', readonly Action[]> = {
  province: ['aggregates', 'dossiers', 'export', 'import', 'admin', 'published'],
  national: ['national', 'admin'],
};

export const ROLE_ACTIONS: Record<AnyRole, readonly Action[]> = {
  admin: ['aggregates', 'dossiers', 'export', 'import', 'admin', 'published', 'national'],
  province: ['aggregates', 'dossiers', 'export', 'published', 'national'],
  auditor: ['aggregates', 'dossiers', 'export', 'published'],
  chair: ['aggregates', 'dossiers', 'export', 'published'],
  national: ['national'],
  importer: ['import', 'published'],
  public: ['published'],
};

export const ROLE_LABELS: Record<AnyRole, string> = {
  admin: 'Quản trị',
  province: 'Văn phòng tỉnh',
  chair: 'Lãnh đạo đơn vị',
  auditor: 'Kiểm tra',
  national: 'Cán bộ cấp quốc gia',
  importer: 'Hệ thống một cửa (nạp hồ sơ)',
  public: 'Công chúng',
};

export interface Actor {
  kind: 'user' | 'token' | 'public';
  id: number;
  /** As written in the audit log: `user:<username>`, `token:<name>` or `public`. */
  label: string;
  name: string;
  role: AnyRole;
  /** The unit the actor is bound to (its subtree is all it may see at dossier level), or null for the whole province. */
  unit: UnitRef | null;
  /** On a national instance: the one province (its identity) the actor may see, or null for every province. */
  province: string | null;
}

export interface Scope {
  actor: Actor;
  /** Unit path prefix every dossier-level read must stay inside ('/' = everything). */
  path: string;
  /** The unit asked for, when one was. */
  unit: UnitRef | null;
  /** The published month asked for, when one was ('YYYY-MM'): the version shown, and the month's latest. */
  published: { month: string; version: number; latest: number } | null;
  /** `national`: the provinces the actor may see — one (its identity), or null for every province. */
  provinces: string | null;
}

/** What a request is about. */
export interface Target {
  unit?: string | null;
  /** `national`: the province (its identity) the request is about, when one. */
  province?: string | null;
  /** A month of the public view, 'YYYY-MM'. */
  month?: string | null;
  /** A version of that month (default: the latest shown). */
  version?: number | null;
}

/** Whoever has not signed in: the public view needs nobody. */
export const PUBLIC: Actor = {
  kind: 'public',
  id: 0,
  label: 'public',
  name: 'Công chúng',
  role: 'public',
  unit: null,
  province: null,
};

const UNAUTHENTICATED = () => new AccessError(401, 'unauthenticated', 'Cần đăng nhập (phiên làm việc hoặc mã truy cập API).');

/** The actor's unit, left-joined as `u` (all null when the actor is bound to none). */
const UNIT_COLUMNS = [
  'u.id as unit_id',
  'u.code as unit_code',
  'u.name as unit_name',
  'u.level as unit_level',
  'u.path as unit_path',
] as const;

/** What `unitOf` reads: a UnitRef's fields as UNIT_COLUMNS names them. */
type UnitColumns = { [K in keyof UnitRef as `unit_${K}`]: UnitRef[K] | null };

const unitOf = (r: UnitColumns): UnitRef | null =>
  r.unit_id === null ? null : { id: r.unit_id, code: r.unit_code!, name: r.unit_name!, level: r.unit_level!, path: r.unit_path! };

async function actorFromToken(token: string): Promise<Actor | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  // Read on every request, so a revoked token is refused at once.
  const row = await db()
    .selectFrom('api_tokens as t')
    .leftJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.id', 't.name', 't.role', ...UNIT_COLUMNS])
    // The data version rides along: a cached API answer then needs no other read before it (lib/server/live-cache.ts).
    .select(sql<string>`${sql.raw(DATA_VERSION_COLUMN)}`.as('data_version'))
    .where('t.token_hash', '=', hashToken(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  knownDataVersion(row.data_version);
  // "Last used" to the minute: one write a token a minute, not one a request (a client polling the API under load).
  if (take(`token-last-used:${row.id}`, TOKEN_BOOKKEEPING))
    await db()
      .updateTable('api_tokens')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
  return {
    kind: 'token',
    id: row.id,
    label: `token:${row.name}`,
    name: row.name,
    role: row.role,
    unit: unitOf(row),
    province: null,
  };
}

/**
 * Why a request that presented credentials is not let in, for the audit log: a cookie that is not a valid session
 * (forged, tampered, expired), a session ended on the server (signed out, password changed, user disabled), or a bearer
 * token that is malformed, unknown or revoked. A request that presented nothing is `no_credentials`.
 */
type Unauthenticated = 'no_credentials' | 'invalid_session' | 'session_ended' | 'invalid_token';

/** Audits a refused anonymous request — at most a few a minute per address and reason, so a flood cannot fill the log. */
async function auditUnauthenticated(h: Headers, reason: Unauthenticated): Promise<void> {
  const address = clientAddress(h);
  if (take(`audit-refusal:${address}:${reason}`, REFUSAL_AUDITS))
    await audit('anonymous', 'unauthenticated', null, { reason, address });
}

/** Who a request is from, or why nobody: the reason goes to the audit log when the request needed someone. */
type Identified = { actor: Actor; refused?: undefined } | { actor: null; refused: Unauthenticated };

async function actorFromSession(requestHeaders: Headers): Promise<Identified> {
  if (!SESSION_COOKIE.test(requestHeaders.get('cookie') ?? '')) return { actor: null, refused: 'no_credentials' };
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return { actor: null, refused: 'invalid_session' };
  const row = await db()
    .selectFrom('users as us')
    .leftJoin('units as u', 'u.id', 'us.unit_id')
    .select(['us.username', 'us.name', 'us.role', 'us.province', ...UNIT_COLUMNS])
    .where('us.id', '=', id)
    .where((eb) => eb.ref('us.active'))
    .where('us.session_version', '=', sql<number>`${session?.sessionVersion ?? null}::int`)
    .executeTakeFirst();
  // Signed out, password changed, deactivated or deleted since the cookie was issued.
  if (!row) return { actor: null, refused: 'session_ended' };
  const actor = { kind: 'user', id, label: `user:${row.username}`, name: row.name, role: row.role, unit: unitOf(row) } as const;
  return { actor: { ...actor, province: row.province } };
}

/**
 * Who is asking: the bearer token when there is an Authorization header, else the session; null when nobody.
 * `requestHeaders`: those of the request being handled (route handlers pass theirs; pages and actions use Next's).
 */
export async function currentActor(requestHeaders?: Headers): Promise<Actor | null> {
  return (await identify(requestHeaders)).actor;
}

const identify = (requestHeaders?: Headers) => (requestHeaders ? actorOf(requestHeaders) : actorOfRender());

/** Pages and actions: once per request, however many components ask (the layout's menu and the page's gate). */
const actorOfRender = cache(async () => actorOf(await headers()));

async function actorOf(h: Headers): Promise<Identified> {
  const authorization = h.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match ? await actorFromToken(match[1]!) : null;
    if (!actor) {
      await auditUnauthenticated(h, 'invalid_token');
      throw new AccessError(401, 'unauthenticated', 'Mã truy cập API không hợp lệ hoặc đã bị thu hồi.');
    }
    return { actor };
  }
  return actorFromSession(h);
}

/** The actor, or a 401 (audited with the reason: no credentials, a forged or expired cookie, an ended session). */
export async function requireActor(requestHeaders?: Headers): Promise<Actor> {
  const identified = await identify(requestHeaders);
  if (!identified.actor) {
    await auditUnauthenticated(requestHeaders ?? (await headers()), identified.refused);
    throw UNAUTHENTICATED();
  }
  return identified.actor;
}

const inside = (path: string, scope: string) => path.startsWith(scope);

/**
 * The gate. `target.unit` is the unit the request is about (for dossier-level actions it must lie inside the actor's
 * unit); a unit that does not exist is a 404 — after the role check, so nobody learns which codes exist without rights.
 * `target.month` is a month of the public view: one not published (or withdrawn), or a version of it not shown, is a
 * 404, so nothing unpublished shows (without a month, `published` only allows the list of published months).
 * `known`: the actor when the caller already identified it.
 */
export async function gate(action: Action, target: Target = {}, known?: Actor): Promise<Scope> {
  if (!INSTANCE_ACTIONS[env.TTHC_MODE].includes(action))
    throw new NotFoundError('not_on_this_instance', 'Không có trang này trên hệ thống này.');
  const actor = known ?? (action === 'published' ? ((await currentActor()) ?? PUBLIC) : await requireActor());
  const unitCode = target.unit ?? null;
  const deny = async (message: string): Promise<never> => {
    await audit(actor.label, 'access_denied', unitCode, { action, role: actor.role });
    throw new AccessError(403, 'forbidden', message);
  };
  if (!ROLE_ACTIONS[actor.role].includes(action)) {
    await deny(`Vai trò ${ROLE_LABELS[actor.role]} không có quyền này.`);
  }
  const path = action === 'aggregates' || action === 'published' || !actor.unit ? '/' : actor.unit.path;
  let provinces: string | null = null;
  if (action === 'national') {
    // The national roles (and an admin) see every province unless bound to one; anyone else only the one bound to.
    provinces = actor.province;
    if (provinces === null && actor.role !== 'national' && actor.role !== 'admin')
      await deny('Tài khoản chưa được gắn với tỉnh nào trên hệ thống quốc gia.');
    if (provinces !== null && target.province != null && target.province !== provinces)
      await audit(actor.label, 'access_denied', `province:${target.province}`, { action, role: actor.role }).then(() => {
        throw new AccessError(403, 'forbidden', 'Chỉ được xem số liệu của tỉnh mình.');
      });
  }
  let unit: UnitRef | null = null;
  if (unitCode) {
    // Once per code and day while the data stays the same (units are data: a write to them bumps the version).
    const day = localDayOf(requestNow());
    unit = await versioned(`gate-unit|${unitCode}|${day}`, () => findUnit(unitCode, day));
    // A unit that has ceased is inside the scope of the unit that stands for it today (SPEC §6: a new commune's
    // chair sees its predecessors).
    // Read only when the unit's own path is outside the scope: most requests never need the unit history.
    const counted = async (u: UnitRef) => (await unitHistory()).countedPath(u.id, 'current') ?? u.path;
    if (unit && !inside(unit.path, path) && !inside(await counted(unit), path))
      await deny(`Không có quyền xem số liệu chi tiết của đơn vị “${unit.name}”.`);
    if (!unit) throw new NotFoundError('unit_not_found', `Không có đơn vị mã "${unitCode}".`);
  }
  let published: Scope['published'] = null;
  if (action === 'published' && target.month !== undefined) {
    // A month is shown while it has a version not withdrawn; a withdrawn version is never shown, even by its number.
    const rows =
      target.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(target.month)
        ? await db()
            .selectFrom('publications')
            .select('version')
            .where('month', '=', sql<Date>`${`${target.month}-01`}::date`)
            .where('withdrawn_at', 'is', null)
            .orderBy('version', 'desc')
            .execute()
        : [];
    if (rows.length === 0) throw new NotFoundError('month_not_published', `Tháng ${target.month ?? ''} chưa được công bố.`);
    const version = target.version ?? rows[0]!.version;
    if (!rows.some((r) => r.version === version))
      throw new NotFoundError('version_not_published', `Tháng ${target.month} không có phiên bản ${version} được công bố.`);
    published = { month: target.month!, version, latest: rows[0]!.version };
  }
  // A token's use is audited per action and unit once a minute (the first request of the minute): what it read and
  // when, to the minute, without a write per request.
  if (actor.kind === 'token' && take(`token-use:${actor.id}:${action}:${unitCode ?? ''}`, TOKEN_BOOKKEEPING))
    await audit(actor.label, 'token_use', unitCode, { action });
  return { actor, path, unit, published, provinces };
}

/** The gate for pages: no session → the sign-in page (coming back afterwards); no right → the “không có quyền” page. */
export async function pageGate(action: Action, target: Target, returnTo: string): Promise<Scope> {
  try {
    return await gate(action, target);
  } catch (e) {
    if (e instanceof AccessError && e.status === 401) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
    if (e instanceof AccessError) forbidden();
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}

/** Whether the actor may open a unit's dossier-level page (to decide which links to show; that page gates again). */
export function mayOpenUnit(actor: Actor, unitPath: string): boolean {
  return ROLE_ACTIONS[actor.role].includes('dossiers') && inside(unitPath, actor.unit?.path ?? '/');
}

/**
 * The link to a unit's page for the units the scope's actor may open, else null; `search` (the period of the page the
 * link is on) goes into its query string, so the unit is shown for the same period.
 */
export function unitPageHref(scope: Scope, search: Record<string, string> = {}) {
  const query = new URLSearchParams(search).toString();
  return (unit: { code: string; path: string }) =>
    mayOpenUnit(scope.actor, unit.path) ? `/units/${encodeURIComponent(unit.code)}${query ? `?${query}` : ''}` : null;
}

/** For a signed-in user's own chrome (header, menu): who they are, or null. Never a substitute for `gate`. */
export async function viewer(): Promise<Actor | null> {
  try {
    return await currentActor();
  } catch {
    return null;
  }
}
