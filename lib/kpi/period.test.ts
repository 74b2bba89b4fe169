import { describe, expect, test } from 'vitest';
import {
  customPeriod,
  monthsTouched,
  namePeriod,
  parsePreset,
  presetsOf,
  previousPeriod,
  shiftPeriod,
  trendMonths,
  wholeMonths,
} from './period';

describe('reporting periods by name', () => {
  test('month, quarter, 6 and 9 months, year', () => {
    expect(parsePreset('2026-02')).toEqual({ key: '2026-02', kind: 'month', from: '2026-02-01', to: '2026-02-28' });
    expect(parsePreset('2024-02')?.to).toBe('2024-02-29');
    expect(parsePreset('2026-Q3')).toEqual({ key: '2026-Q3', kind: 'quarter', from: '2026-07-01', to: '2026-09-30' });
    expect(parsePreset('2026-Q4')?.to).toBe('2026-12-31');
    expect(parsePreset('2026-6T')).toEqual({ key: '2026-6T', kind: 'half', from: '2026-01-01', to: '2026-06-30' });
    expect(parsePreset('2026-9T')).toEqual({ key: '2026-9T', kind: 'nine', from: '2026-01-01', to: '2026-09-30' });
    expect(parsePreset('2026')).toEqual({ key: '2026', kind: 'year', from: '2026-01-01', to: '2026-12-31' });
  });

  test('anything else is not a preset', () => {
    for (const bad of [
      '2026-13',
      '2026-00',
      '2026-Q5',
      '2026-Q0',
      '2026-7T',
      '1999',
      '2101-01',
      '26',
      '',
      '2026-1',
      'x2026',
      '2026-Q3x',
    ]) {
      expect(parsePreset(bad), bad).toBeNull();
    }
  });

  test.each([
    ['2026-10-01', '2026-10-31', '2026-10'],
    ['2026-07-01', '2026-09-30', '2026-Q3'],
    ['2026-01-01', '2026-03-31', '2026-Q1'], // a quarter before a 9-month or a year
    ['2026-01-01', '2026-06-30', '2026-6T'],
    ['2026-01-01', '2026-09-30', '2026-9T'],
    ['2026-01-01', '2026-12-31', '2026'],
    ['2026-02-01', '2026-04-30', null], // whole months, but no preset
    ['2026-10-01', '2026-10-15', null],
  ])('%s – %s is named %s', (from, to, key) => {
    const named = namePeriod({ from, to });
    expect(named.key).toBe(key);
    expect(named.kind === 'custom').toBe(key === null);
    expect([named.from, named.to]).toEqual([from, to]);
  });

  test('custom ranges: real days, in order, at most five years; a preset’s days are that preset', () => {
    expect(customPeriod('2026-10-01', '2026-10-15')).toEqual({ kind: 'custom', key: null, from: '2026-10-01', to: '2026-10-15' });
    expect(customPeriod('2026-07-01', '2026-09-30')?.key).toBe('2026-Q3');
    expect(customPeriod('2026-10-15', '2026-10-01')).toBeNull();
    expect(customPeriod('2026-02-31', '2026-03-01')).toBeNull();
    expect(customPeriod('2026-10', '2026-11-01')).toBeNull();
    expect(customPeriod('2010-01-01', '2026-01-01')).toBeNull();
  });

  test('presets offered on a day: the last 12 months, 4 quarters across the year boundary', () => {
    const groups = presetsOf('2026-02-10');
    const months = groups.find((g) => g.kind === 'month')!.items.map((p) => p.key);
    expect(months[0]).toBe('2026-02');
    expect(months).toHaveLength(12);
    expect(months[11]).toBe('2025-03');
    expect(groups.find((g) => g.kind === 'quarter')!.items.map((p) => p.key)).toEqual([
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
    ]);
    expect(groups.find((g) => g.kind === 'half')!.items.map((p) => p.key)).toEqual(['2026-6T', '2025-6T']);
    expect(groups.find((g) => g.kind === 'nine')!.items.map((p) => p.key)).toEqual(['2026-9T', '2025-9T']);
    expect(groups.find((g) => g.kind === 'year')!.items.map((p) => p.key)).toEqual(['2026', '2025', '2024']);
  });
});

describe('shifting a period: the previous period of the same kind', () => {
  test.each([
    ['a month: the month before', '2026-03', -1, '2026-02', '2026-02-01', '2026-02-28'],
    ['January: December of the year before', '2026-01', -1, '2025-12', '2025-12-01', '2025-12-31'],
    ['a month forward', '2025-12', 2, '2026-02', '2026-02-01', '2026-02-28'],
    ['a quarter: the quarter before', '2026-Q1', -1, '2025-Q4', '2025-10-01', '2025-12-31'],
    ['a quarter, four back', '2026-Q3', -4, '2025-Q3', '2025-07-01', '2025-09-30'],
    ['6 months: the same 6 months a year before', '2026-6T', -1, '2025-6T', '2025-01-01', '2025-06-30'],
    ['9 months: the same 9 months a year before', '2026-9T', -1, '2025-9T', '2025-01-01', '2025-09-30'],
    ['a year: the year before, leap or not', '2025', -1, '2024', '2024-01-01', '2024-12-31'],
  ])('%s', (_name, key, steps, expectedKey, from, to) => {
    expect(shiftPeriod(parsePreset(key)!, steps)).toMatchObject({ key: expectedKey, from, to });
  });

  test.each([
    ['any other range: as many days, ending the day before', '2025-03-10', '2025-03-16', '2025-03-03', '2025-03-09'],
    ['a range across a month end', '2026-10-20', '2026-11-05', '2026-10-03', '2026-10-19'],
    ['whole months that are no preset: as many months before', '2026-02-01', '2026-04-30', '2025-11-01', '2026-01-31'],
  ])('custom, %s', (_name, from, to, pFrom, pTo) => {
    expect(shiftPeriod(customPeriod(from, to)!, -1)).toMatchObject({ from: pFrom, to: pTo });
  });

  test('previousPeriod names the dates first, so the API’s from/to compare as the pages do', () => {
    expect(previousPeriod({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(previousPeriod({ from: '2026-07-01', to: '2026-09-30' })).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(previousPeriod({ from: '2026-10-01', to: '2026-10-15' })).toEqual({ from: '2026-09-16', to: '2026-09-30' });
  });
});

describe('months of a period', () => {
  test('months touched, whole months', () => {
    expect(monthsTouched({ from: '2025-11-20', to: '2026-02-03' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsTouched({ from: '2026-10-05', to: '2026-10-06' })).toEqual(['2026-10']);
    expect(wholeMonths({ from: '2026-01-01', to: '2026-12-31' })).toBe(12);
    expect(wholeMonths({ from: '2026-02-01', to: '2026-02-28' })).toBe(1);
    expect(wholeMonths({ from: '2026-02-01', to: '2026-02-27' })).toBeNull();
    expect(wholeMonths({ from: '2026-02-02', to: '2026-02-28' })).toBeNull();
  });

  test.each([
    ['a month: the 12 months ending with it', '2026-10-01', '2026-10-31', '2026-10', 12],
    ['a quarter: 12 months ending with its last', '2026-07-01', '2026-09-30', '2026-09', 12],
    ['18 months: all of them', '2025-01-15', '2026-06-10', '2026-06', 18],
    ['five years: the last 24', '2021-01-01', '2025-12-31', '2025-12', 24],
  ])('trend of %s', (_name, from, to, last, count) => {
    expect(trendMonths({ from, to })).toEqual({ last, count });
  });
});
