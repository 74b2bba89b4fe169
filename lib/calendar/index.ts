// Local days, working days and due-date arithmetic in Asia/Ho_Chi_Minh (SPEC §2). Pure: no database, no framework.
import { addMonths } from 'date-fns';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
// Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact for every date we handle
// (checked against the IANA zone in index.test.ts) and far cheaper than a zone lookup per dossier.
export const OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

/** A local calendar day, 'YYYY-MM-DD'. */
export type LocalDay = string;
export type TimeUnit = 'gio' | 'ngay' | 'ngay_lam_viec' | 'thang';
export type CalendarDayKind = 'nghi' | 'lam_bu';
export interface CalendarEntry {
  date: LocalDay;
  kind: CalendarDayKind;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a local day. */
function dayNumber(day: LocalDay): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`Not a local day (YYYY-MM-DD): ${day}`);
  const n = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
  if (fromDayNumber(n) !== day) throw new RangeError(`No such day: ${day}`);
  return n;
}

function fromDayNumber(n: number): LocalDay {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function isLocalDay(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

/** The local day an instant falls on. */
export function localDayOf(instant: Date): LocalDay {
  return fromDayNumber(Math.floor((instant.getTime() + OFFSET_MS) / DAY_MS));
}

/** 00:00:00.000 local time of a day, as an instant. */
export function startOfLocalDay(day: LocalDay): Date {
  return new Date(dayNumber(day) * DAY_MS - OFFSET_MS);
}

/** The last millisecond of a local day (23:59:59.999), as an instant. */
export function endOfLocalDay(day: LocalDay): Date {
  return new Date((dayNumber(day) + 1) * DAY_MS - OFFSET_MS - 1);
}

export function addDays(day: LocalDay, n: number): LocalDay {
  return fromDayNumber(dayNumber(day) + n);
}

/** Calendar days from a to b (b − a). */
export function daysBetween(a: LocalDay, b: LocalDay): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: LocalDay): number {
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
}

/** First and last local day of the month holding `day`. */
export function monthRange(day: LocalDay): { from: LocalDay; to: LocalDay } {
  const from = `${day.slice(0, 7)}-01`;
  return { from, to: addDays(addLocalMonths(from, 1), -1) };
}

export function addLocalMonths(day: LocalDay, n: number): LocalDay {
  // addMonths clamps to the month's last day (31/01 + 1 month = 28/02 or 29/02), as a person counting months does.
  return fromDayNumber(addMonths(new Date(dayNumber(day) * DAY_MS), n).getTime() / DAY_MS);
}

/**
 * Working days for public servants: Monday–Friday that is not a holiday, plus weekend days declared make-up
 * working days (ngày làm bù). Built from the calendar table. Days are numbered with ordinals (working days up to
 * and including the day) over 1990–2060, so that adding and counting working days are lookups.
 */
export class WorkCalendar {
  private static readonly FIRST = dayNumber('1990-01-01');
  private static readonly LAST = dayNumber('2060-12-31');
  private readonly holidays = new Set<number>();
  private readonly makeUpDays = new Set<number>();
  /** ordinals[n − FIRST] = working days in [FIRST, n]. */
  private readonly ordinals: Int32Array;
  /** Day numbers of the working days, in order: workingDays[k − 1] has ordinal k. */
  private readonly workingDays: number[] = [];

  constructor(entries: readonly CalendarEntry[]) {
    for (const e of entries) (e.kind === 'nghi' ? this.holidays : this.makeUpDays).add(dayNumber(e.date));
    this.ordinals = new Int32Array(WorkCalendar.LAST - WorkCalendar.FIRST + 1);
    let count = 0;
    for (let n = WorkCalendar.FIRST; n <= WorkCalendar.LAST; n++) {
      if (this.isWorkingDayNumber(n)) {
        count++;
        this.workingDays.push(n);
      }
      this.ordinals[n - WorkCalendar.FIRST] = count;
    }
  }

  private isWorkingDayNumber(n: number): boolean {
    if (this.makeUpDays.has(n)) return true;
    const weekday = ((((n + 3) % 7) + 7) % 7) + 1;
    return weekday <= 5 && !this.holidays.has(n);
  }

  private ordinal(n: number): number {
    if (n < WorkCalendar.FIRST || n > WorkCalendar.LAST)
      throw new RangeError(`Outside the working-day calendar (1990–2060): ${fromDayNumber(n)}`);
    return this.ordinals[n - WorkCalendar.FIRST]!;
  }

  isWorkingDay(day: LocalDay): boolean {
    return this.isWorkingDayNumber(dayNumber(day));
  }

  /** The n-th working day after `day` (n ≥ 1); `day` itself never counts. */
  addWorkingDays(day: LocalDay, n: number): LocalDay {
    const target = this.workingDays[this.ordinal(dayNumber(day)) + n - 1];
    if (target === undefined) throw new RangeError(`Outside the working-day calendar (1990–2060): ${day} + ${n}`);
    return fromDayNumber(target);
  }

  /** Working days in (from, to]: 0 when to ≤ from. */
  workingDaysBetween(from: LocalDay, to: LocalDay): number {
    return Math.max(0, this.ordinal(dayNumber(to)) - this.ordinal(dayNumber(from)));
  }
}

/**
 * Due time D computed from the received time R and the procedure's processing time (SPEC §2), used when the
 * dossier carries no NgayHenTra. Day-based times that are not whole numbers are rounded up: a dossier gets at
 * least the time the law grants.
 */
export function computeDue(received: Date, amount: number, unit: TimeUnit, calendar: WorkCalendar): Date {
  if (!(amount > 0)) throw new RangeError(`Processing time must be positive, got ${amount}`);
  const day = localDayOf(received);
  switch (unit) {
    case 'gio':
      return new Date(received.getTime() + amount * 3_600_000);
    case 'ngay':
      return endOfLocalDay(addDays(day, Math.ceil(amount)));
    case 'ngay_lam_viec':
      return endOfLocalDay(calendar.addWorkingDays(day, Math.ceil(amount)));
    case 'thang':
      return endOfLocalDay(addLocalMonths(day, Math.ceil(amount)));
  }
}
