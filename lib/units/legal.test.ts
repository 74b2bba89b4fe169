import { describe, expect, test } from 'vitest';
import { legalBasesOf, legalBasisOn } from '.';

describe('legal basis by date', () => {
  test('Decree 61/2018 (107/2021) until 30/6/2025, Decree 118/2025 from 1/7/2025; both for a period across it', () => {
    expect(legalBasisOn('2025-06-30').oneStop).toBe('Nghị định 61/2018/NĐ-CP, sửa đổi bởi Nghị định 107/2021/NĐ-CP');
    expect(legalBasisOn('2025-07-01').oneStop).toBe('Nghị định 118/2025/NĐ-CP');
    expect(legalBasisOn('2025-07-01').apologyForm).toContain('Mẫu số 04, Thông tư 03/2025/TT-VPCP');
    expect(legalBasesOf({ from: '2025-01-01', to: '2025-12-31' }).map((b) => b.oneStop)).toHaveLength(2);
    expect(legalBasesOf({ from: '2026-01-01', to: '2026-03-31' }).map((b) => b.oneStop)).toEqual(['Nghị định 118/2025/NĐ-CP']);
  });
});
