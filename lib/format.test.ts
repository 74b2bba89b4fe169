import { describe, expect, test } from 'vitest';
import { formatDate, formatDateTime, formatLocalDay, formatMonth, formatNumber, formatPercent } from './format';

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
});
