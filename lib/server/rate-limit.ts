// Fixed-window rate limits kept in the server's memory (one Node process serves the app): sign-in failures and
// exports. A limited caller gets 429 with Retry-After (or, on a page, a message with the wait).
import 'server-only';

interface Window {
  start: number;
  count: number;
  /** The window's length (each limit has its own; pruning must not cut another limit's window short). */
  windowMs: number;
}

// One map for the whole process: Next.js bundles route handlers and server actions apart, each with its own copy of
// this module, and a lock counted by the sign-in endpoint must hold in the sign-in form's action too.
const shared = globalThis as typeof globalThis & { __tthcRateLimits?: Map<string, Window> };
const windows = (shared.__tthcRateLimits ??= new Map<string, Window>());
/** Entries kept before the expired ones are swept (only ever entries that counted an event). */
const SWEEP_AT = 50_000;

export interface Limit {
  /** Allowed events per window. */
  max: number;
  windowMs: number;
}

export const SIGN_IN_FAILURES: Limit = { max: 5, windowMs: 15 * 60_000 };
/** Failed sign-ins from one address, whatever the usernames (one machine guessing many). */
export const SIGN_IN_FAILURES_PER_ADDRESS: Limit = { max: 50, windowMs: 15 * 60_000 };
/** Audit entries of refused requests from one address and reason (a flood writes a few, not one a request). */
export const REFUSAL_AUDITS: Limit = { max: 30, windowMs: 60_000 };
/** A bearer token's bookkeeping (its last use, its audited use of an action on a unit): once a minute each. */
export const TOKEN_BOOKKEEPING: Limit = { max: 1, windowMs: 60_000 };
export const EXPORTS: Limit = { max: 20, windowMs: 60_000 };

/** The live window of `key`, or undefined (none, or its own window is over). Reading creates nothing. */
function live(key: string, now: number): Window | undefined {
  const w = windows.get(key);
  return w && now - w.start < w.windowMs ? w : undefined;
}

/** Seconds to wait before `key` may act again, or 0 when it may act now. */
export function retryAfter(key: string, limit: Limit, now = Date.now()): number {
  const w = live(key, now);
  return w && w.count >= limit.max ? Math.max(1, Math.ceil((w.start + w.windowMs - now) / 1000)) : 0;
}

/** Counts one event for `key`. */
export function hit(key: string, limit: Limit, now = Date.now()): void {
  const w = live(key, now);
  if (w) {
    w.count++;
    return;
  }
  windows.set(key, { start: now, count: 1, windowMs: limit.windowMs });
  if (windows.size > SWEEP_AT) {
    for (const [k, v] of windows) if (now - v.start >= v.windowMs) windows.delete(k);
  }
}

/** Counts one event for `key` if it is allowed now; whether it was. */
export function take(key: string, limit: Limit, now = Date.now()): boolean {
  if (retryAfter(key, limit, now) > 0) return false;
  hit(key, limit, now);
  return true;
}

/** Forgets `key` (a successful sign-in clears its failures). */
export function reset(key: string): void {
  windows.delete(key);
}
