import { describe, expect, test } from 'vitest';
import {
  findCycle,
  primarySuccessors,
  representatives,
  successionProblem,
  versionOn,
  type Succession,
  type UnitVersion,
} from '.';

// The SPEC §6 cases on a small tree: province P (whole time); district D with communes A, B, C until 30/6/2025;
// from 1/7/2025 commune N (reusing A's code) takes A and B, C is split between N (share 0.3) and M (share 0.7);
// a department S1 merged into S2 on 1/3/2025, and S2 renamed S3 on 1/7/2025 (a chain).
const OLD = { validFrom: '2000-01-01', validTo: '2025-06-30' };
const NEW = { validFrom: '2025-07-01', validTo: null };
const units: UnitVersion[] = [
  { id: 1, code: 'P', parentId: null, validFrom: '2000-01-01', validTo: null },
  { id: 2, code: 'D', parentId: 1, ...OLD },
  { id: 3, code: 'A', parentId: 2, ...OLD },
  { id: 4, code: 'B', parentId: 2, ...OLD },
  { id: 5, code: 'C', parentId: 2, ...OLD },
  { id: 6, code: 'A', parentId: 1, ...NEW }, // N, with A's code
  { id: 7, code: 'M', parentId: 1, ...NEW },
  { id: 8, code: 'S1', parentId: 1, validFrom: '2000-01-01', validTo: '2025-02-28' },
  { id: 9, code: 'S2', parentId: 1, validFrom: '2000-01-01', validTo: '2025-06-30' },
  { id: 10, code: 'S3', parentId: 1, ...NEW },
];
const s = (fromId: number, toId: number, effectiveOn: string, share: number | null = 1, primary = false): Succession => ({
  fromId,
  toId,
  effectiveOn,
  share,
  primary,
});
const successions = [
  s(3, 6, '2025-07-01'),
  s(4, 6, '2025-07-01'),
  s(5, 6, '2025-07-01', 0.3),
  s(5, 7, '2025-07-01', 0.7),
  s(8, 9, '2025-03-01'),
  s(9, 10, '2025-07-01'),
];
const codeOf = (id: number) => units.find((u) => u.id === id)!.code;

describe('unit versions', () => {
  test('a code means the version valid on the day', () => {
    const a = units.filter((u) => u.code === 'A');
    expect(versionOn(a, '2025-06-30')?.id).toBe(3);
    expect(versionOn(a, '2025-07-01')?.id).toBe(6);
    expect(
      versionOn(
        units.filter((u) => u.code === 'M'),
        '2024-05-01',
      ),
    ).toBeNull();
  });

  test('the primary successor of a split: Chinh, else the largest share, else the lowest new code', () => {
    expect(primarySuccessors(successions, codeOf).get(5)?.toId).toBe(7);
    expect(primarySuccessors([s(5, 6, '2025-07-01', 0.3, true), s(5, 7, '2025-07-01', 0.7)], codeOf).get(5)?.toId).toBe(6);
    expect(primarySuccessors([s(5, 7, '2025-07-01', null), s(5, 6, '2025-07-01', null)], codeOf).get(5)?.toId).toBe(6);
  });

  test('today each version is represented through the succession chain, or by its nearest living ancestor', () => {
    const rep = representatives(units, successions, '2026-12-06');
    expect(Object.fromEntries(rep)).toEqual({ 1: 1, 2: 1, 3: 6, 4: 6, 5: 7, 6: 6, 7: 7, 8: 10, 9: 10, 10: 10 });
    // Before the reorganisation every version stands for itself.
    const before = representatives(units, successions, '2024-12-31');
    expect(before.get(3)).toBe(3);
    expect(before.get(6)).toBe(6); // not yet in force, but it has no predecessor to be
    // Between the two department changes: S1 is S2's.
    expect(representatives(units, successions, '2025-04-01').get(8)).toBe(9);
  });

  test('a cycle of successions is found; a tree of them is not one', () => {
    expect(findCycle(successions)).toBeNull();
    expect(findCycle([...successions, s(10, 8, '2026-01-01')])).toEqual([8, 9, 10, 8]);
  });

  test('a succession needs the old unit ceased and the new one in force on its date', () => {
    const [p, , a, , , n, , s1] = units;
    expect(successionProblem(a!, n!, '2025-07-01')).toBeNull();
    expect(successionProblem(a!, n!, '2025-06-30')).toBe('đơn vị mới A không có hiệu lực vào ngày 30/06/2025');
    expect(successionProblem(p!, n!, '2025-07-01')).toBe(
      'đơn vị cũ P vẫn còn hiệu lực vào ngày 01/07/2025 (hiệu lực đến phải trước ngày đó)',
    );
    expect(successionProblem(s1!, s1!, '2025-03-01')).toBe('đơn vị không thể kế thừa chính nó');
  });
});
