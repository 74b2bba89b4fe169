// Per-request memory: the widgets of one page stream separately but often need the same sums (the KPI cards, the score
// and the trend all read the province's month), and an API request reads the unit history in the gate and again in the
// roll-up reader. Inside a server render React's `cache` gives one store per request; a route handler run through
// `withRequestCache` (lib/server/api.ts does) gets one too; anywhere else (scripts, tests) nothing is kept, and each call
// computes afresh.
import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { cache } from 'react';

interface RequestStore {
  now: Date;
  memo: Map<string, Promise<unknown>>;
}

const routeStore = new AsyncLocalStorage<RequestStore>();
const renderStore = cache((): RequestStore => ({ now: new Date(), memo: new Map() }));
const store = () => routeStore.getStore() ?? renderStore();

/** Runs a route handler with its own request store: one "now" and one memo for the whole request. */
export function withRequestCache<T>(fn: () => Promise<T>): Promise<T> {
  return routeStore.run({ now: new Date(), memo: new Map() }, fn);
}

/** "Now" for the whole request: every widget judges pending dossiers at the same instant T. */
export const requestNow = (): Date => store().now;

/** Records `value` as the request's result for `key` (read along with something else: no query of its own). */
export function remember<T>(key: string, value: T): void {
  if (!store().memo.has(key)) store().memo.set(key, Promise.resolve(value));
}

/** The result of `fn` for `key`, computed once per request. */
export function memo<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const m = store().memo;
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) {
    p = fn();
    m.set(key, p);
    p.catch(() => m.delete(key)); // a failure is not remembered: a retry queries again
  }
  return p;
}
