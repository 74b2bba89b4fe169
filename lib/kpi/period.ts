// Periods of local days (SPEC §3): T, the previous period, the target year, and the reporting periods people name
// (Decision 766 reports: a month, a quarter, the first 6 or 9 months, a year) or pick as a custom range.
import { addDays, addLocalMonths, daysBetween, endOfLocalDay, isLocalDay, monthRange } from '@/lib/calendar';
import type { Period } from './types';
import type { UnitView } from '@/lib/units';

/** T = min(end of the day `to`, now). */
export function asOfTime(period: Period, now: Date): Date {
  const end = endOfLocalDay(period.to);
  return end.getTime() < now.getTime() ? end : now;
}

/** The number of months a period spans when it runs from a 1st to a month's last day; else null. */
export function wholeMonths(period: Period): number | null {
  if (!period.from.endsWith('-01') || addDays(period.to, 1).slice(8) !== '01') return null;
  return monthsTouched(period).length;
}

/** The months ('YYYY-MM') a period has at least one day in, oldest first. */
export function monthsTouched(period: Period): string[] {
  const months: string[] = [];
  for (let m = `${period.from.slice(0, 7)}-01`; m <= period.to; m = addLocalMonths(m, 1)) months.push(m.slice(0, 7));
  return months;
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
  /** How the period's units are shown (SPEC §6): as they are today (absent, the default) or as they were. */
  view?: UnitView;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => monthRange(`${year}-${pad(month)}-01`).to;

/** The preset of a kind in a year: `n` is the month (1–12) or the quarter (1–4); unused for the others. */
function preset(kind: PresetKind, year: number, n = 1): NamedPeriod {
  switch (kind) {
    case 'month':
      return { key: `${year}-${pad(n)}`, kind, from: `${year}-${pad(n)}-01`, to: lastDayOfMonth(year, n) };
    case 'quarter':
      return { key: `${year}-Q${n}`, kind, from: `${year}-${pad(n * 3 - 2)}-01`, to: lastDayOfMonth(year, n * 3) };
    case 'half':
    case 'nine':
      return {
        key: `${year}-${kind === 'half' ? 6 : 9}T`,
        kind,
        from: `${year}-01-01`,
        to: lastDayOfMonth(year, kind === 'half' ? 6 : 9),
      };
    case 'year':
      return { key: String(year), kind, from: `${year}-01-01`, to: `${year}-12-31` };
  }
}

/** Reads a preset key; null when it is not one. Months 1–12, quarters 1–4, years 2000–2100. */
export function parsePreset(key: string): NamedPeriod | null {
  const m = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-(6|9)T)?$/.exec(key);
  const year = Number(m?.[1]);
  if (!m || year < 2000 || year > 2100) return null;
  if (m[2]) return preset('month', year, Number(m[2]));
  if (m[3]) return preset('quarter', year, Number(m[3]));
  if (m[4]) return preset(m[4] === '6' ? 'half' : 'nine', year);
  return preset('year', year);
}

/** The preset whose days these are (2026-07-01 – 2026-09-30 is quý III/2026), else the range as a custom period. */
export function namePeriod(period: Period): NamedPeriod {
  const y = period.from.slice(0, 4);
  const quarter = Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1;
  for (const key of [period.from.slice(0, 7), `${y}-Q${quarter}`, `${y}-6T`, `${y}-9T`, y]) {
    const p = parsePreset(key);
    if (p && p.from === period.from && p.to === period.to) return p;
  }
  return { key: null, kind: 'custom', from: period.from, to: period.to };
}

/** A custom range of local days (both ends included, at most 5 years), named when it is a preset; null when invalid. */
export function customPeriod(from: string, to: string): NamedPeriod | null {
  if (!isLocalDay(from) || !isLocalDay(to)) return null;
  if (from > to || daysBetween(from, to) > 366 * 5) return null;
  return namePeriod({ from, to });
}

/**
 * The period `steps` periods of the same kind away (-1: the one compared with). A month or a quarter moves by itself;
 * the first 6 or 9 months and a year move by a year (6 tháng đầu năm 2026 → 6 tháng đầu năm 2025: "cùng kỳ năm
 * trước"); a custom range of whole months by as many months, any other range by as many days.
 */
export function shiftPeriod(period: NamedPeriod, steps: number): NamedPeriod {
  const year = Number(period.from.slice(0, 4));
  const month = Number(period.from.slice(5, 7));
  switch (period.kind) {
    case 'month': {
      const from = addLocalMonths(period.from, steps);
      return preset('month', Number(from.slice(0, 4)), Number(from.slice(5, 7)));
    }
    case 'quarter': {
      const n = year * 4 + (month - 1) / 3 + steps;
      return preset('quarter', Math.floor(n / 4), (((n % 4) + 4) % 4) + 1);
    }
    case 'custom': {
      const months = wholeMonths(period);
      if (months !== null) {
        const from = addLocalMonths(period.from, steps * months);
        return namePeriod({ from, to: addDays(addLocalMonths(from, months), -1) });
      }
      const length = daysBetween(period.from, period.to) + 1;
      return namePeriod({ from: addDays(period.from, steps * length), to: addDays(period.to, steps * length) });
    }
    default:
      return preset(period.kind, year + steps);
  }
}

/** The previous period (SPEC §3 "of equal length"): the one before of the same kind, as `shiftPeriod` moves it. */
export function previousPeriod(period: Period): Period {
  const { from, to } = shiftPeriod(namePeriod(period), -1);
  return { from, to };
}

/** The months of a period's trend: the 12 ending with its last month, or as many as it touches, at most 24. */
export function trendMonths(period: Period): { last: string; count: number } {
  return { last: period.to.slice(0, 7), count: Math.min(24, Math.max(12, monthsTouched(period).length)) };
}

/** The presets offered on a given day: this month and the 11 before, this quarter and the 3 before, 6 and 9 months, years. */
export function presetsOf(today: string): Array<{ kind: PresetKind; items: NamedPeriod[] }> {
  const y = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const back = (p: NamedPeriod, count: number) => Array.from({ length: count }, (_, i) => shiftPeriod(p, -i));
  return [
    { kind: 'month', items: back(preset('month', y, month), 12) },
    { kind: 'quarter', items: back(preset('quarter', y, Math.floor((month - 1) / 3) + 1), 4) },
    { kind: 'half', items: back(preset('half', y), 2) },
    { kind: 'nine', items: back(preset('nine', y), 2) },
    { kind: 'year', items: back(preset('year', y), 3) },
  ];
}
