// Periods of local days (SPEC §3): T, the previous period of equal length, the target year.
import { addDays, addLocalMonths, daysBetween, endOfLocalDay, isLocalDay, monthRange } from '@/lib/calendar';
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

/** A reporting period as people name it (Decision 766 reports): a month, a quarter, the first 6 or 9 months, a year. */
export type PresetKind = 'month' | 'quarter' | 'half' | 'nine' | 'year';

export interface NamedPeriod extends Period {
  /** The URL value: 2026-10, 2026-Q3, 2026-6T, 2026-9T, 2026; null for a custom range. */
  key: string | null;
  kind: PresetKind | 'custom';
  /** Vietnamese name: "tháng 10/2026", "quý III/2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "năm 2026", "01/10/2026 – 15/10/2026". */
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const lastDayOfMonth = (year: number, month: number) => monthRange(`${year}-${String(month).padStart(2, '0')}-01`).to;
const dayLabel = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** Reads a preset key; null when it is not one. Months 1–12, quarters 1–4, years 2000–2100. */
export function parsePreset(key: string): NamedPeriod | null {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  const yearOk = (y: number) => y >= 2000 && y <= 2100;
  if (m && yearOk(Number(m[1]))) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return { key, kind: 'month', from: `${m[1]}-${m[2]}-01`, to: lastDayOfMonth(y, mo), label: `tháng ${mo}/${y}` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m && yearOk(Number(m[1]))) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    const first = (q - 1) * 3 + 1;
    return { key, kind: 'quarter', from: `${y}-${String(first).padStart(2, '0')}-01`, to: lastDayOfMonth(y, first + 2), label: `quý ${ROMAN[q - 1]}/${y}` };
  }
  m = /^(\d{4})-(6|9)T$/.exec(key);
  if (m && yearOk(Number(m[1]))) {
    const [y, n] = [Number(m[1]), Number(m[2])];
    return { key, kind: n === 6 ? 'half' : 'nine', from: `${y}-01-01`, to: lastDayOfMonth(y, n), label: n === 6 ? `6 tháng đầu năm ${y}` : `9 tháng năm ${y}` };
  }
  m = /^(\d{4})$/.exec(key);
  if (m && yearOk(Number(m[1]))) return { key, kind: 'year', from: `${m[1]}-01-01`, to: `${m[1]}-12-31`, label: `năm ${m[1]}` };
  return null;
}

/** A custom range of local days (both ends included, at most 5 years); null when it is not one. */
export function customPeriod(from: string, to: string): NamedPeriod | null {
  if (!isLocalDay(from) || !isLocalDay(to)) return null;
  if (from > to || daysBetween(from, to) > 366 * 5) return null;
  return { key: null, kind: 'custom', from, to, label: `${dayLabel(from)} – ${dayLabel(to)}` };
}

/** The presets offered on a given day: this month and the 11 before, this quarter and the 3 before, 6 and 9 months, years. */
export function presetsOf(today: string): Array<{ kind: PresetKind; items: NamedPeriod[] }> {
  const y = Number(today.slice(0, 4));
  const mo = Number(today.slice(5, 7));
  const months = Array.from({ length: 12 }, (_, i) => parsePreset(addLocalMonths(`${today.slice(0, 7)}-01`, -i).slice(0, 7))!);
  const q = Math.floor((mo - 1) / 3) + 1;
  const quarters = Array.from({ length: 4 }, (_, i) => {
    const n = (y * 4 + q - 1) - i;
    return parsePreset(`${Math.floor(n / 4)}-Q${(n % 4) + 1}`)!;
  });
  return [
    { kind: 'month', items: months },
    { kind: 'quarter', items: quarters },
    { kind: 'half', items: [y, y - 1].map((year) => parsePreset(`${year}-6T`)!) },
    { kind: 'nine', items: [y, y - 1].map((year) => parsePreset(`${year}-9T`)!) },
    { kind: 'year', items: [y, y - 1, y - 2].map((year) => parsePreset(String(year))!) },
  ];
}
