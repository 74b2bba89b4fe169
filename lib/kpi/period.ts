// Periods of local days (SPEC §3): T, the previous period of equal length, the target year.
import { addDays, addLocalMonths, daysBetween, endOfLocalDay } from '@/lib/calendar';
import type { Period } from './types';

/** T = min(end of the day `to`, now). */
export function asOfTime(period: Period, now: Date): Date {
  const end = endOfLocalDay(period.to);
  return end.getTime() < now.getTime() ? end : now;
}

/**
 * The previous period of equal length (SPEC §3): for whole months (a month, a quarter, a year…) the same number of
 * months before, as people compare them; otherwise the same number of days, ending the day before.
 */
export function previousPeriod(period: Period): Period {
  const months = wholeMonths(period);
  if (months !== null) {
    const from = addLocalMonths(period.from, -months);
    return { from, to: addDays(period.from, -1) };
  }
  const length = daysBetween(period.from, period.to) + 1;
  const to = addDays(period.from, -1);
  return { from: addDays(to, -(length - 1)), to };
}

/** The number of months a period spans when it runs from a 1st to a month's last day; else null. */
function wholeMonths(period: Period): number | null {
  if (!period.from.endsWith('-01') || addDays(period.to, 1).slice(8) !== '01') return null;
  const [fy, fm] = [Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7))];
  const [ty, tm] = [Number(period.to.slice(0, 4)), Number(period.to.slice(5, 7))];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** Targets are set per year: a period is judged against the targets of the year of its last day. */
export function targetYear(period: Period): number {
  return Number(period.to.slice(0, 4));
}
