// The live-read cache (issue 19): the JSON answers of the KPI and ranking reads, kept in this process and keyed by the
// data version (every committed write to the data they depend on bumps it: the data_version migration), the request as
// parsed, the access scope it was answered under, the day, and — for a period not yet over, judged at T = now — the
// minute. Bounded by entries and bytes, least recently used out first. Nothing here checks access: the API wrapper
// (lib/server/api.ts) passes the gate first and keys the entry by the scope the gate returned.
import 'server-only';
import { createHash } from 'node:crypto';
import { asOfTime, type Period } from '@/lib/kpi';
import { localDayOf } from '@/lib/calendar';
import { memo, remember, requestNow } from '@/lib/server/request-cache';
import { db } from '@/lib/server/sql';

/** At most this many answers… */
export const MAX_ENTRIES = 2_000;
/** …and this many bytes of them (as JavaScript holds the strings: two bytes a character). */
export const MAX_BYTES = 64 * 2 ** 20;
/**
 * An answer judged at T = now (its period not over yet) is reused this long at most: its pending dossiers turn late as
 * time passes, with no write to bump the version. An answer of a past period is judged at its end and does not age.
 */
export const LIVE_MS = 60_000;

/** What a cached answer depends on besides the data. */
export interface LiveRequest {
  /** The read ('kpi', 'rankings'). */
  read: string;
  /** The gate's scope (its unit path prefix): an answer is never shared across scopes. */
  scope: string;
  /** The request as parsed (defaults filled in, codes trimmed): equal requests, equal keys. */
  input: unknown;
  /** The period the answer is judged over. */
  period: Period;
}

export interface LiveTag {
  key: string;
  /** A weak validator: answers of one key are equivalent, not byte-identical (an answer judged at T = now is recomputed after eviction). */
  etag: string;
  version: DataVersion;
}

/** The data version: the database's epoch (made with it) and its count of committed writes. */
export interface DataVersion {
  epoch: string;
  n: bigint;
}

interface Entry {
  body: string;
  bytes: number;
}

interface Store {
  entries: Map<string, Entry>; // insertion order = least recently used first
  bytes: number;
  /** Small values of the newest version read (`versioned`): the gate's unit of a code. */
  values: Map<string, Promise<unknown>>;
  /** Answers being computed: concurrent misses of one key wait for the same read. */
  pending: Map<string, Promise<string>>;
  /** The newest data version seen: entries of older versions can never be asked for again. */
  version: DataVersion;
  hits: number;
  misses: number;
}

// On globalThis: Next.js may load this module once per route bundle; the cache and its bounds are the process's.
const globalForCache = globalThis as unknown as { tthcLiveCache?: Store };
const store = (): Store =>
  (globalForCache.tthcLiveCache ??= {
    entries: new Map(),
    values: new Map(),
    bytes: 0,
    pending: new Map(),
    version: { epoch: '', n: 0n },
    hits: 0,
    misses: 0,
  });

/** The data version, read once per request (one primary-key lookup) unless the request's credentials brought it. */
export function dataVersion(): Promise<DataVersion> {
  return memo('dataVersion', async () => {
    const row = await db().selectFrom('data_version').select(['epoch', 'version']).where('id', '=', 1).executeTakeFirstOrThrow();
    return { epoch: row.epoch, n: BigInt(row.version) };
  });
}

/** The data version as a statement that read something else returned it (`dataVersionColumn`): the request's version. */
export function knownDataVersion(column: string): void {
  const [epoch = '', n = '0'] = column.split('/');
  remember<DataVersion>('dataVersion', { epoch, n: BigInt(n) });
}

/** The data version as one text column of another statement (read back by `knownDataVersion`). */
export const DATA_VERSION_COLUMN = `(SELECT epoch || '/' || version FROM data_version WHERE id = 1)`;

/** At most this many `versioned` values. */
const MAX_VALUES = 5_000;

/**
 * `compute`'s result for `key` while the data version stays the one of this request: small reads every request repeats
 * (the gate's unit of a code), made once per write to the data.
 */
export async function versioned<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const version = await dataVersion();
  const s = store();
  if (older(s.version, version)) renew(s, version);
  else if (older(version, s.version)) return compute(); // a request that began before the newest write
  let value = s.values.get(key) as Promise<T> | undefined;
  if (!value) {
    if (s.values.size >= MAX_VALUES) s.values.clear();
    value = compute();
    s.values.set(key, value);
    value.catch(() => s.values.delete(key));
  }
  return value;
}

/** A newer version was read: every kept answer and value is of an older one. */
function renew(s: Store, version: DataVersion) {
  s.version = version;
  s.entries.clear();
  s.values.clear();
  s.bytes = 0;
}

/** Whether `a` is older than `b` (of another database: older too, as far as this process's entries go). */
const older = (a: DataVersion, b: DataVersion) => a.epoch !== b.epoch || a.n < b.n;

/** JSON with object keys sorted, so that the key does not depend on the order a parser filled them in. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
    .join(',')}}`;
}

/**
 * The key and ETag of a request: read before the answer, so a conditional request is answered 304 without it. The
 * version is read first: an answer computed afterwards holds at least every write the version counts.
 */
export async function liveTag(request: LiveRequest, now: Date = requestNow()): Promise<LiveTag> {
  const version = await dataVersion();
  const s = store();
  // Every entry is of an older version (or of another database): free them now rather than let them age out.
  if (older(s.version, version)) renew(s, version);
  const open = asOfTime(request.period, now).getTime() === now.getTime();
  const key = [
    request.read,
    `${version.epoch}.${version.n}`,
    request.scope,
    canonical(request.input),
    // Today's units (SPEC §6: the current view) and T = now change with the clock.
    localDayOf(now),
    open ? `now/${Math.floor(now.getTime() / LIVE_MS)}` : 'closed',
  ].join('|');
  const etag = `W/"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;
  return { key, etag, version };
}

/** The cached answer of `tag`, else `compute`'s, serialised and kept. */
export async function liveBody(tag: LiveTag, compute: () => Promise<unknown>): Promise<string> {
  const s = store();
  const entry = s.entries.get(tag.key);
  if (entry) {
    s.hits++;
    s.entries.delete(tag.key); // most recently used: to the end
    s.entries.set(tag.key, entry);
    return entry.body;
  }
  let pending = s.pending.get(tag.key);
  if (!pending) {
    s.misses++;
    pending = compute().then((value) => {
      const body = JSON.stringify(value);
      keep(s, tag, body);
      return body;
    });
    s.pending.set(tag.key, pending);
    const done = () => s.pending.delete(tag.key); // a failure is not kept: the next request reads again
    pending.then(done, done);
  }
  return pending;
}

function keep(s: Store, tag: LiveTag, body: string) {
  const bytes = body.length * 2;
  if (older(tag.version, s.version) || bytes > MAX_BYTES / 4) return; // outdated already, or too big for the room
  const replaced = s.entries.get(tag.key);
  if (replaced) s.bytes -= replaced.bytes;
  s.entries.set(tag.key, { body, bytes });
  s.bytes += bytes;
  for (const [key, old] of s.entries) {
    if (s.entries.size <= MAX_ENTRIES && s.bytes <= MAX_BYTES) break;
    s.entries.delete(key);
    s.bytes -= old.bytes;
  }
}

/** Whether an If-None-Match header names this ETag (weak comparison, RFC 9110 §13.1.2). */
export function matchesETag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => opaque(t) === opaque(etag));
}

/** The cache's size and counts (the bench and the tests read them). */
export function liveCacheStats() {
  const s = store();
  return { entries: s.entries.size, bytes: s.bytes, hits: s.hits, misses: s.misses, version: s.version };
}

/** Empties the cache (tests). */
export function clearLiveCache() {
  const s = store();
  s.entries.clear();
  s.values.clear();
  s.pending.clear();
  s.bytes = 0;
}
