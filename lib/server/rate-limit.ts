// Fixed-window rate limits kept in the server's memory (one Node process serves the app): sign-in failures and
// exports. A limited caller gets 429 with Retry-After (or, on a page, a message with the wait).
import 'server-only';

interface Window {
  start: number;
  count: number;
}

const windows = new Map<string, Window>();

export interface Limit {
  /** Allowed events per window. */
  max: number;
  windowMs: number;
}

export const SIGN_IN_FAILURES: Limit = { max: 5, windowMs: 15 * 60_000 };
export const EXPORTS: Limit = { max: 20, windowMs: 60_000 };

function current(key: string, limit: Limit, now: number): Window {
  const w = windows.get(key);
  if (w && now - w.start < limit.windowMs) return w;
  const fresh = { start: now, count: 0 };
  windows.set(key, fresh);
  if (windows.size > 50_000) {
    for (const [k, v] of windows) if (now - v.start >= limit.windowMs) windows.delete(k);
  }
  return fresh;
}

/** Seconds to wait before `key` may act again, or 0 when it may act now. */
export function retryAfter(key: string, limit: Limit, now = Date.now()): number {
  const w = current(key, limit, now);
  return w.count >= limit.max ? Math.max(1, Math.ceil((w.start + limit.windowMs - now) / 1000)) : 0;
}

/** Counts one event for `key`. */
export function hit(key: string, limit: Limit, now = Date.now()): void {
  current(key, limit, now).count++;
}

/** Forgets `key` (a successful sign-in clears its failures). */
export function reset(key: string): void {
  windows.delete(key);
}

export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Quá nhiều yêu cầu, vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`);
  }
}
