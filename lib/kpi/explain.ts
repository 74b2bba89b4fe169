// Why a dossier counts early, on time or late (SPEC §2), step by step, for the dossier page: which instant ended its
// processing, how long the supplement pause was, what it was compared with, and which rule decided.
import { localDayOf } from '@/lib/calendar';
import { endOf, lateAfter, supplementMs } from './timing';
import type { KpiDossier } from './types';

/** Which field gave E (SPEC §2, in order of precedence). */
export type EndSource = 'processed' | 'returned' | 'rejected' | 'withdrawn' | 'supplementOpen';

export type Verdict = 'early' | 'onTime' | 'late' | 'pending' | 'pendingLate';

/**
 * The rule that decided:
 * - `supplements`: SoLanBoSung > 1 → late whatever the dates;
 * - `afterDue`: E − S (or T − S) after D → late;
 * - `dayBeforeDue`: not late and the local day of E − S before that of D → early;
 * - `dueDay`: not late, E − S on the local day of D → on time;
 * - `pendingBeforeDue`: unfinished and T − S not after D → not (yet) late.
 */
export type Rule = 'supplements' | 'afterDue' | 'dayBeforeDue' | 'dueDay' | 'pendingBeforeDue';

export interface Explanation {
  verdict: Verdict;
  rule: Rule;
  end: { source: EndSource; at: Date } | null;
  /** S in milliseconds (0 without a completed supplement). */
  supplementMs: number;
  /** E − S, or T − S while unfinished: the instant compared with D. */
  compared: Date;
  /** D + S: the dossier is late after this instant (null after more than one supplement: late from the start). */
  lateAfter: Date | null;
}

function endSource(d: KpiDossier): EndSource | null {
  if (d.processedAt) return 'processed';
  if (d.returnedAt) return 'returned';
  if (d.rejectedAt) return 'rejected';
  if (d.withdrawnAt) return 'withdrawn';
  if (d.supplementRequestedAt && !d.supplementCompletedAt) return 'supplementOpen';
  return null;
}

/** The explanation of a dossier's outcome; an unfinished one is judged at `now`. */
export function explainOutcome(d: KpiDossier, now: Date): Explanation {
  const end = endOf(d);
  const s = supplementMs(d);
  const compared = new Date((end ?? now).getTime() - s);
  const limit = lateAfter(d);
  const base = {
    end: end ? { source: endSource(d)!, at: end } : null,
    supplementMs: s,
    compared,
    lateAfter: Number.isFinite(limit) ? new Date(limit) : null,
  };
  const late = (end ?? now).getTime() > limit;
  if (!end) {
    return {
      ...base,
      verdict: late ? 'pendingLate' : 'pending',
      rule: late ? (d.supplementCount > 1 ? 'supplements' : 'afterDue') : 'pendingBeforeDue',
    };
  }
  if (late) return { ...base, verdict: 'late', rule: d.supplementCount > 1 ? 'supplements' : 'afterDue' };
  return localDayOf(compared) < localDayOf(d.deadlineAt)
    ? { ...base, verdict: 'early', rule: 'dayBeforeDue' }
    : { ...base, verdict: 'onTime', rule: 'dueDay' };
}
