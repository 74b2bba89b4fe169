import { describe, expect, test } from 'vitest';
import { customPeriod, parsePreset } from '@/lib/kpi';
import {
  formatDate,
  formatDateTime,
  formatLag,
  formatLocalDay,
  formatMonth,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatPeriodSpan,
  formatPreviousPeriod,
} from './format';

describe('vi-VN formatting', () => {
  test.each([
    [1234567, '1.234.567'],
    [0, '0'],
  ])('number %d → %s', (n, s) => expect(formatNumber(n)).toBe(s));

  test.each([
    [0.95123, '95,12\u00a0%'],
    [1, '100,00\u00a0%'],
    [0, '0,00\u00a0%'],
    [null, '—'],
  ])('percent %s → %s', (v, s) => expect(formatPercent(v)).toBe(s));

  test('dates are dd/MM/yyyy in Asia/Ho_Chi_Minh', () => {
    expect(formatDate(new Date('2026-01-31T18:00:00Z'))).toBe('01/02/2026');
    expect(formatDateTime(new Date('2026-01-31T18:05:00Z'))).toBe('01/02/2026 01:05');
    expect(formatLocalDay('2026-11-05')).toBe('05/11/2026');
    expect(formatMonth('2026-03')).toBe('tháng 3/2026');
  });

  test.each([
    ['2026-02', 'tháng 2/2026', 'so với tháng trước'],
    ['2026-Q3', 'quý III/2026', 'so với quý trước'],
    ['2026-Q4', 'quý IV/2026', 'so với quý trước'],
    ['2026-6T', '6 tháng đầu năm 2026', 'so với cùng kỳ năm trước'],
    ['2026-9T', '9 tháng năm 2026', 'so với cùng kỳ năm trước'],
    ['2026', 'năm 2026', 'so với năm trước'],
  ])('preset %s is “%s”, compared “%s”', (key, name, previous) => {
    expect(formatPeriod(parsePreset(key)!)).toBe(name);
    expect(formatPreviousPeriod(parsePreset(key)!)).toBe(previous);
  });

  test('a custom range is its days; it is compared with as many days (or whole months) before', () => {
    const days = customPeriod('2026-10-01', '2026-10-15')!;
    expect(formatPeriod(days)).toBe('01/10/2026 – 15/10/2026');
    expect(formatPeriodSpan(days)).toBe('01/10/2026 – 15/10/2026');
    expect(formatPeriodSpan(parsePreset('2026-Q3')!)).toBe('quý III/2026 (01/07/2026 – 30/09/2026)');
    expect(formatPreviousPeriod(days)).toBe('so với 15 ngày liền trước');
    expect(formatPreviousPeriod(customPeriod('2024-01-01', '2026-12-31')!)).toBe('so với 36 tháng liền trước');
    expect(formatPreviousPeriod(customPeriod('2023-01-01', '2026-10-15')!)).toBe('so với 1.384 ngày liền trước');
  });

  test.each([
    [-5_000, 'dưới 1 phút'],
    [59_999, 'dưới 1 phút'],
    [60_000, '1 phút'],
    [59 * 60_000 + 59_000, '59 phút'],
    [60 * 60_000, '1 giờ'],
    [(3 * 60 + 5) * 60_000, '3 giờ 5 phút'],
    [24 * 3600_000, '1 ngày'],
    [(2 * 24 + 4) * 3600_000 + 30 * 60_000, '2 ngày 4 giờ'],
  ])('formatLag(%i) = %s', (ms, text) => {
    expect(formatLag(ms)).toBe(text);
  });
});
