// The additive counts of SPEC §3, computed from plain rows: the reference the SQL roll-ups must equal.
import { localDayOf, type WorkCalendar } from '@/lib/calendar';
import { asOfTime } from './period';
import { endOf, isLateAt, isPendingAt, outcomeOf, supplementMs } from './timing';
import { copySums, type KpiDossier, type KpiFeedback, type KpiSums, type Period } from './types';

const inPeriod = (day: string, p: Period) => day >= p.from && day <= p.to;

export function sumDossiers(
  dossiers: Iterable<KpiDossier>,
  feedback: Iterable<KpiFeedback>,
  period: Period,
  now: Date,
  calendar: WorkCalendar,
): KpiSums {
  const t = asOfTime(period, now);
  const T = t.getTime();
  const s: KpiSums = copySums();
  for (const d of dossiers) {
    // received(P): R within P.
    if (inPeriod(localDayOf(d.receivedAt), period)) {
      s.received++;
      if (d.channel === 2) s.receivedOnline++;
      if (d.fee !== null && d.fee > 0) {
        s.receivedWithFee++;
        if (d.onlinePayment === 1 || d.onlinePayment === 2) s.receivedPaidOnline++;
      }
      if (d.digitized) s.receivedDigitized++;
      if (d.reusedData) s.receivedReused++;
    }
    const end = endOf(d);
    // resolved(P): E within P.
    if (end && inPeriod(localDayOf(end), period)) {
      s.resolved++;
      const outcome = outcomeOf(d)!;
      if (outcome === 'early') s.resolvedEarly++;
      else if (outcome === 'onTime') s.resolvedOnTime++;
      else {
        s.resolvedLate++;
        if (d.apologyAt) s.resolvedLateApology++;
      }
      // 766 ref 4.1: only results of processing (not refusals or withdrawals), of procedures with a paper result.
      if ((d.processedAt || d.returnedAt) && d.hasPaperResult) {
        s.eResultBase++;
        if (d.eResult) s.eResultIssued++;
      }
      if (d.rating !== null) {
        s.rated++;
        if (d.rating >= 2) s.ratedSatisfied++;
      }
      s.workDays += calendar.workingDaysBetween(localDayOf(d.receivedAt), localDayOf(new Date(end.getTime() - supplementMs(d))));
    }
    // pending(P): R ≤ T and (E absent or E > T).
    if (isPendingAt(d, t)) {
      s.pending++;
      if (isLateAt(d, t)) {
        s.pendingLate++;
        if (d.apologyAt) s.pendingLateApology++;
      }
    }
  }
  for (const f of feedback) {
    if (f.resolvedAt && inPeriod(localDayOf(f.resolvedAt), period)) {
      s.feedbackResolved++;
      if (f.resolvedAt.getTime() <= f.deadlineAt.getTime()) s.feedbackResolvedOnTime++;
    }
    if (f.receivedAt.getTime() <= T && (f.resolvedAt === null || f.resolvedAt.getTime() > T)) {
      s.feedbackPending++;
      if (T <= f.deadlineAt.getTime()) s.feedbackPendingNotDue++;
    }
  }
  return s;
}
