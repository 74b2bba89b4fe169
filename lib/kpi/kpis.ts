// Every KPI of SPEC §3 as { numerator, denominator, value } from the additive sums.
import { copySums, type KpiCounts, type KpiKey, type KpiSums, type Ratio } from './types';

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

export function kpisFromSums(s: KpiSums): Record<KpiKey, Ratio> {
  return {
    // 766 ref 2.1: resolved early or on time, plus pending and not yet late at T, over resolved + pending.
    onTime: ratio(s.resolvedEarly + s.resolvedOnTime + (s.pending - s.pendingLate), s.resolved + s.pending),
    resolvedOnTime: ratio(s.resolvedEarly + s.resolvedOnTime, s.resolved),
    online: ratio(s.receivedOnline, s.received), // 766 ref 3.3
    onlinePayment: ratio(s.receivedPaidOnline, s.receivedWithFee), // 766 ref 3.6
    digitized: ratio(s.receivedDigitized, s.received), // 766 ref 4.2
    eResult: ratio(s.eResultIssued, s.eResultBase), // 766 ref 4.1
    reuse: ratio(s.receivedReused, s.received), // 766 ref 4.3
    satisfaction: ratio(s.ratedSatisfied, s.rated), // 766 ref 5.4, simplified
    apology: ratio(s.resolvedLateApology + s.pendingLateApology, s.resolvedLate + s.pendingLate),
    feedbackOnTime: ratio(s.feedbackResolvedOnTime + s.feedbackPendingNotDue, s.feedbackResolved + s.feedbackPending), // 766 ref 5.2
  };
}

/** Late (resolved late + pending late) over resolved + pending: the complement of the on-time rate's base. */
export function lateRatio(s: KpiSums): Ratio {
  return ratio(s.resolvedLate + s.pendingLate, s.resolved + s.pending);
}

export function countsFromSums(s: KpiSums): KpiCounts {
  return {
    received: s.received,
    resolved: { total: s.resolved, early: s.resolvedEarly, onTime: s.resolvedOnTime, late: s.resolvedLate },
    pending: { total: s.pending, withinDue: s.pending - s.pendingLate, late: s.pendingLate },
    meanProcessingDays: s.resolved === 0 ? null : s.workDays / s.resolved,
  };
}

export function addSums(a: KpiSums, b: KpiSums): KpiSums {
  const out = copySums(a);
  for (const k of Object.keys(b) as Array<keyof KpiSums>) out[k] += b[k];
  return out;
}
