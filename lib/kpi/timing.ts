// Dossier timing rules (SPEC §2): end of processing E, supplement time S, late / early / on time.
import { localDayOf } from '@/lib/calendar';
import type { KpiDossier } from './types';

export type Outcome = 'early' | 'onTime' | 'late';

/** E: NgayKetThucXuLy › NgayTra › NgayTuChoi › NgayRutHoSo › an open supplement request; null while unfinished. */
export function endOf(d: KpiDossier): Date | null {
  return (
    d.processedAt ??
    d.returnedAt ??
    d.rejectedAt ??
    d.withdrawnAt ??
    (d.supplementRequestedAt && !d.supplementCompletedAt ? d.supplementRequestedAt : null)
  );
}

/** S in milliseconds: NgayHoanThanhBoSung − NgayYeuCauBoSung when both are present, else 0. */
export function supplementMs(d: KpiDossier): number {
  return d.supplementRequestedAt && d.supplementCompletedAt
    ? d.supplementCompletedAt.getTime() - d.supplementRequestedAt.getTime()
    : 0;
}

/**
 * The instant after which the dossier is late: D + S, or −∞ after more than one supplement. A finished dossier is late
 * iff E − S > D ⇔ E > D + S; an unfinished one judged at T iff T − S > D ⇔ T > D + S.
 */
export function lateAfter(d: KpiDossier): number {
  return d.supplementCount > 1 ? Number.NEGATIVE_INFINITY : d.deadlineAt.getTime() + supplementMs(d);
}

/** Outcome of a finished dossier; null while unfinished. */
export function outcomeOf(d: KpiDossier): Outcome | null {
  const end = endOf(d);
  if (!end) return null;
  if (end.getTime() > lateAfter(d)) return 'late';
  // Early: the local day of E − S is before the local day of D.
  return localDayOf(new Date(end.getTime() - supplementMs(d))) < localDayOf(d.deadlineAt) ? 'early' : 'onTime';
}

/** Pending at T: received by T and not ended by T. */
export function isPendingAt(d: KpiDossier, t: Date): boolean {
  const end = endOf(d);
  return d.receivedAt.getTime() <= t.getTime() && (end === null || end.getTime() > t.getTime());
}

/** Late at T for a dossier pending at T. */
export function isLateAt(d: KpiDossier, t: Date): boolean {
  return t.getTime() > lateAfter(d);
}
