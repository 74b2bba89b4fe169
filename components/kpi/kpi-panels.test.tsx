// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { KPI_KEYS, parsePreset, type KpiKey } from '@/lib/kpi';
import type { KpiReport, KpiValue } from '@/lib/views';
import { KpiCards } from './kpi-panels';

afterEach(cleanup);

const value = (numerator: number, denominator: number, target: number | null = 0.95): KpiValue => {
  const v = denominator === 0 ? null : numerator / denominator;
  return { numerator, denominator, value: v, target, met: v === null || target === null ? null : v >= target };
};

const report = (kpis: Partial<Record<KpiKey, KpiValue>>, score: number | null): KpiReport => ({
  unit: { code: '608', name: 'UBND thành phố Kon Tum', level: 'huyen' },
  period: { from: '2026-10-01', to: '2026-10-31' },
  asOf: new Date('2026-10-31T16:59:59Z'),
  filter: { field: null, procedure: null },
  kpis: Object.fromEntries(KPI_KEYS.map((k) => [k, kpis[k] ?? value(0, 0)])) as Record<KpiKey, KpiValue>,
  counts: {
    received: 0,
    resolved: { total: 0, early: 0, onTime: 0, late: 0 },
    pending: { total: 0, withinDue: 0, late: 0 },
    meanProcessingDays: null,
  },
  score: { value: score, target: 80, met: score === null ? null : score >= 80, parts: [] },
});

describe('KpiCards', () => {
  test('value, numerator/denominator, target and verdict in words, change in percentage points, "—" without dossiers', () => {
    const period = parsePreset('2026-10')!;
    const now = report({ onTime: value(9_512, 10_000), online: value(1_234, 2_000, 0.5), apology: value(0, 0) }, 84.256);
    const before = report({ onTime: value(9_000, 10_000), online: value(1_300, 2_000, 0.5) }, 86);
    render(<KpiCards now={now} before={before} period={period} />);

    const onTime = screen.getByRole('region', { name: 'Tỷ lệ hồ sơ xử lý đúng hạn, trước hạn' });
    expect(
      within(onTime)
        .getByText('95,12\u00a0%', { normalizer: (t) => t })
        .getAttribute('data-tip'),
    ).toBe('9.512 / 10.000 hồ sơ');
    expect(onTime.textContent).toContain('Chỉ tiêu ≥ 95,00\u00a0%');
    expect(onTime.textContent).toContain('✓ Đạt');
    expect(within(onTime).getByLabelText('Tăng 5,12 điểm % so với tháng trước')).toBeTruthy();

    const online = screen.getByRole('region', { name: 'Tỷ lệ hồ sơ trực tuyến' });
    expect(online.textContent).toContain('61,70\u00a0%');
    expect(within(online).getByLabelText('Giảm 3,30 điểm % so với tháng trước')).toBeTruthy();

    // No late dossier to apologise for: "—" with the reason, never 0 %.
    const apology = screen.getByRole('region', { name: 'Tỷ lệ xin lỗi khi trễ hạn' });
    expect(within(apology).getByText('—').getAttribute('data-tip')).toBe('Chưa có hồ sơ trong kỳ để tính tỷ lệ này');
    expect(apology.textContent).not.toContain('0,00');

    const score = screen.getByRole('region', { name: 'Điểm ước tính (766)' });
    expect(score.textContent).toContain('84,26');
    expect(score.textContent).toContain('Chỉ tiêu ≥ 80 điểm');
    expect(within(score).getByLabelText('Giảm 1,74 điểm so với tháng trước')).toBeTruthy();
  });
});
