import { TZDate } from '@date-fns/tz';
import { describe, expect, test } from 'vitest';
import {
  TIME_ZONE,
  WorkCalendar,
  addLocalMonths,
  computeDue,
  endOfLocalDay,
  isoWeekday,
  localDayOf,
  monthRange,
  startOfLocalDay,
} from './index';

// Tết 2025 (Mon 27/01 – Fri 31/01 off; no make-up) and a made-up swap: Fri 02/05/2025 off, Sat 26/04/2025 worked.
const calendar = new WorkCalendar([
  { date: '2025-01-27', kind: 'nghi' },
  { date: '2025-01-28', kind: 'nghi' },
  { date: '2025-01-29', kind: 'nghi' },
  { date: '2025-01-30', kind: 'nghi' },
  { date: '2025-01-31', kind: 'nghi' },
  { date: '2025-04-30', kind: 'nghi' },
  { date: '2025-05-01', kind: 'nghi' },
  { date: '2025-05-02', kind: 'nghi' },
  { date: '2025-04-26', kind: 'lam_bu' },
]);
const local = (iso: string) => new Date(`${iso}+07:00`);

describe('local days in Asia/Ho_Chi_Minh', () => {
  test.each([
    ['2025-01-01T16:59:59.999Z', '2025-01-01'],
    ['2025-01-01T17:00:00.000Z', '2025-01-02'],
    ['1999-12-31T17:00:00.000Z', '2000-01-01'],
    ['2027-06-30T23:00:00.000Z', '2027-07-01'],
  ])('%s falls on %s, as the IANA zone says', (instant, day) => {
    expect(localDayOf(new Date(instant))).toBe(day);
    const zoned = new TZDate(new Date(instant).getTime(), TIME_ZONE);
    expect(
      `${zoned.getFullYear()}-${String(zoned.getMonth() + 1).padStart(2, '0')}-${String(zoned.getDate()).padStart(2, '0')}`,
    ).toBe(day);
  });

  test('a day starts at 00:00 and ends at 23:59:59.999 local time', () => {
    expect(startOfLocalDay('2025-03-10').toISOString()).toBe('2025-03-09T17:00:00.000Z');
    expect(endOfLocalDay('2025-03-10').toISOString()).toBe('2025-03-10T16:59:59.999Z');
  });

  test.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-11-15', 3, '2026-02-15'],
  ])('%s + %i months = %s', (day, n, expected) => expect(addLocalMonths(day, n)).toBe(expected));

  test('weekdays and months', () => {
    expect(isoWeekday('2025-04-26')).toBe(6);
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(monthRange('2024-02-17')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  test('impossible days are refused', () => {
    expect(() => startOfLocalDay('2025-02-31')).toThrow(RangeError);
  });
});

describe('working days', () => {
  test.each([
    ['Friday + 1 skips the weekend', '2025-03-07', 1, '2025-03-10'],
    ['Tết week is skipped', '2025-01-24', 1, '2025-02-03'],
    ['a make-up Saturday counts', '2025-04-25', 1, '2025-04-26'],
    ['30/4–2/5 are skipped', '2025-04-29', 1, '2025-05-05'],
    ['received on a Sunday, the next Monday is day 1', '2025-03-09', 1, '2025-03-10'],
  ])('%s', (_name, day, n, expected) => expect(calendar.addWorkingDays(day, n)).toBe(expected));

  test('working days between two days', () => {
    expect(calendar.workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
    expect(calendar.workingDaysBetween('2025-03-10', '2025-03-10')).toBe(0);
  });
});

describe('computeDue (SPEC §2)', () => {
  test.each([
    ['giờ: R + N hours', '2025-03-10T15:30:00', 8, 'gio', '2025-03-10T23:30:00+07:00'],
    ['ngày: end of the day R + N', '2025-03-10T15:30:00', 15, 'ngay', '2025-03-25T23:59:59.999+07:00'],
    ['ngày làm việc across Tết', '2025-01-23T09:00:00', 3, 'ngay_lam_viec', '2025-02-04T23:59:59.999+07:00'],
    ['ngày làm việc across a make-up Saturday', '2025-04-24T09:00:00', 2, 'ngay_lam_viec', '2025-04-26T23:59:59.999+07:00'],
    ['tháng: end of the day R + N months', '2025-01-31T08:00:00', 1, 'thang', '2025-02-28T23:59:59.999+07:00'],
  ] as const)('%s', (_name, received, n, unit, expected) => {
    expect(computeDue(local(received), n, unit, calendar).getTime()).toBe(new Date(expected).getTime());
  });
});

describe('the seeded calendar 2020–2027', async () => {
  const { VIETNAM_CALENDAR_2020_2027: days } = await import('./holidays-vn');
  test('holidays fall on weekdays, make-up days on weekends, each date once', () => {
    expect(new Set(days.map((d) => d.date)).size).toBe(days.length);
    for (const d of days) expect(isoWeekday(d.date) <= 5, d.date).toBe(d.kind === 'nghi');
  });
  test.each([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027])('%i has Tết and Quốc khánh', (year) => {
    const ofYear = days.filter((d) => d.date.startsWith(String(year)));
    expect(ofYear.filter((d) => /Tết Nguyên đán/.test(d.name)).length).toBeGreaterThanOrEqual(4);
    expect(ofYear.some((d) => /Quốc khánh/.test(d.name))).toBe(true);
  });
});
