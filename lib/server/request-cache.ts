// Per-request memory for the widgets of one page: they stream separately but often need the same sums (the KPI
// cards, the score and the trend all read the province's month). Inside a server render React's `cache` gives one
// store per request; anywhere else (route handlers, scripts, tests) it keeps nothing, and each call computes afresh.
import 'server-only';
import { cache } from 'react';

/** "Now" for the whole page: every widget judges pending dossiers at the same instant T. */
export const requestNow = cache(() => new Date());

const store = cache(() => new Map<string, Promise<unknown>>());

/** The result of `fn` for `key`, computed once per request. */
export function memo<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const m = store();
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) {
    p = fn();
    m.set(key, p);
    p.catch(() => m.delete(key)); // a failure is not remembered: a retry queries again
  }
  return p;
}
