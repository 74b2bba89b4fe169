import { describe, expect, test } from 'vitest';
import { diffRecords, isEmptyDiff, levelLabelIn, parseRecord, serializeRecord, type PublishedRecord } from './index';

const row = (code: string, rank: number | null, value: number | null) =>
  ({ unit: { code, name: `Xã ${code}` }, rank, value }) as PublishedRecord['tables'][number]['rows'][number];
const late = (code: string, resolvedLate: number) =>
  ({
    unit: { code, name: `Xã ${code}`, level: 'xa' },
    resolvedLate,
    pendingLate: 0,
    apologized: 0,
  }) as PublishedRecord['lateUnits'][number];
const record = (rows: ReturnType<typeof row>[], lateUnits: ReturnType<typeof late>[]) =>
  ({
    format: 1,
    month: '2026-10',
    asOf: new Date('2026-10-31T16:59:59.999Z'),
    publishedAt: new Date('2026-11-03T02:00:00Z'),
    tables: [{ parent: { code: '62', name: 'Tỉnh' }, level: 'xa', levelLabel: 'Xã, phường, đặc khu', minSample: 10, rows }],
    lateUnits,
  }) as unknown as PublishedRecord;

describe('published records', () => {
  test('dates round-trip as ISO strings', () => {
    const r = record([], []);
    const stored = JSON.parse(JSON.stringify(serializeRecord(r)));
    expect(stored.publishedAt).toBe('2026-11-03T02:00:00.000Z');
    expect(parseRecord(stored)).toEqual(r);
  });

  test.each([
    ['xa', true, 'Xã, phường, thị trấn'],
    ['xa', false, 'Xã, phường, đặc khu'],
    ['so_nganh', false, 'Sở, ban, ngành'],
  ] as const)('the %s level (districts: %s) is named %s', (level, districts, label) =>
    expect(levelLabelIn(level, districts)).toBe(label),
  );

  test('the diff names units whose rank or shown score changed, and the late list’s entries and exits', () => {
    const a = record([row('A', 1, 90.001), row('B', 2, 80), row('C', 3, 70)], [late('A', 1), late('B', 2)]);
    const b = record([row('A', 1, 90.004), row('C', 2, 85), row('B', 3, 80)], [late('B', 5), late('C', 1)]);
    const d = diffRecords(a, b);
    expect(d.ranking.map((x) => [x.unit.code, x.before?.rank, x.after?.rank])).toEqual([
      ['C', 3, 2],
      ['B', 2, 3],
    ]);
    expect(d.lateAdded).toEqual([{ code: 'C', name: 'Xã C' }]);
    expect(d.lateRemoved).toEqual([{ code: 'A', name: 'Xã A' }]);
    expect(d.lateChanged).toEqual([{ code: 'B', name: 'Xã B', before: 2, after: 5 }]);
    expect(isEmptyDiff(diffRecords(a, a))).toBe(true);
  });
});
