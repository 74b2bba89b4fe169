import { describe, expect, test } from 'vitest';
import { customPeriod, parsePreset, presetsOf, previousPeriod } from './period';

describe('reporting periods by name', () => {
  test('month, quarter, 6 and 9 months, year', () => {
    expect(parsePreset('2026-02')).toMatchObject({ kind: 'month', from: '2026-02-01', to: '2026-02-28', label: 'tháng 2/2026' });
    expect(parsePreset('2024-02')?.to).toBe('2024-02-29');
    expect(parsePreset('2026-Q3')).toMatchObject({ kind: 'quarter', from: '2026-07-01', to: '2026-09-30', label: 'quý III/2026' });
    expect(parsePreset('2026-Q4')?.to).toBe('2026-12-31');
    expect(parsePreset('2026-6T')).toMatchObject({ kind: 'half', from: '2026-01-01', to: '2026-06-30', label: '6 tháng đầu năm 2026' });
    expect(parsePreset('2026-9T')).toMatchObject({ kind: 'nine', from: '2026-01-01', to: '2026-09-30' });
    expect(parsePreset('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31', label: 'năm 2026' });
  });

  test('anything else is not a preset', () => {
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-7T', '1999', '26', '', '2026-1', 'x2026']) expect(parsePreset(bad)).toBeNull();
  });

  test('a quarter compares with the quarter before, a year with the year before', () => {
    expect(previousPeriod(parsePreset('2026-Q1')!)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod(parsePreset('2026')!)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  test('custom ranges: real days, in order, at most five years', () => {
    expect(customPeriod('2026-10-01', '2026-10-15')).toMatchObject({ kind: 'custom', key: null, label: '01/10/2026 – 15/10/2026' });
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
    expect(groups.find((g) => g.kind === 'quarter')!.items.map((p) => p.key)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2']);
    expect(groups.find((g) => g.kind === 'year')!.items.map((p) => p.key)).toEqual(['2026', '2025', '2024']);
  });
});
