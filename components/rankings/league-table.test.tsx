// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { LeagueTable, type LeagueRow } from './league-table';

afterEach(cleanup);

const row = (code: string, name: string, o: Partial<LeagueRow>): LeagueRow => ({
  unit: { code, name },
  rank: null,
  value: null,
  numerator: null,
  denominator: null,
  sample: 0,
  target: 0.95,
  met: null,
  previous: { rank: null, value: null },
  rankChange: null,
  valueChange: null,
  ...o,
});

const ROWS: LeagueRow[] = [
  row('23284', 'UBND phường Duy Tân', {
    rank: 2,
    value: 0.9123,
    numerator: 1_234,
    denominator: 1_352,
    sample: 1_352,
    met: false,
    rankChange: -1,
    href: '/units/23284',
  }),
  row('23281', 'UBND phường Quang Trung', {
    rank: 1,
    value: 0.987654,
    numerator: 12_345,
    denominator: 12_500,
    sample: 12_500,
    met: true,
    rankChange: 2,
  }),
  row('23296', 'UBND phường Ngô Mây', { sample: 7 }),
];

describe('LeagueTable', () => {
  test('shows ranks, vi-VN numbers and percents, the verdict in words, and "—" for a unit without a rate', () => {
    render(<LeagueTable rows={ROWS} kpi="onTime" minSample={10} caption="Xếp hạng tháng 10/2026" />);
    const table = screen.getByRole('table', { name: 'Xếp hạng tháng 10/2026' });
    const body = within(table).getAllByRole('row').slice(1);
    expect(body.map((r) => r.getAttribute('data-unit'))).toEqual(['23281', '23284', '23296']);
    const first = within(body[0]!).getAllByRole('cell');
    expect(first[0]).toHaveProperty('textContent', '1');
    expect(within(body[0]!).getByLabelText('Tăng 2 bậc')).toBeTruthy();
    expect(within(body[0]!).getByLabelText('98,77\u00a0%, 12.345 / 12.500 hồ sơ', { normalizer: (t) => t })).toBeTruthy();
    expect(body[0]!.textContent).toContain('≥ 95,00\u00a0%');
    expect(body[0]!.textContent).toContain('✓ Đạt');
    expect(body[0]!.textContent).toContain('12.500');
    expect(body[1]!.textContent).toContain('✗ Chưa đạt');
    expect(within(body[1]!).getByLabelText('Giảm 1 bậc')).toBeTruthy();
    expect(within(body[1]!).getByRole('link', { name: 'UBND phường Duy Tân' }).getAttribute('href')).toBe('/units/23284');
    // Below the minimum sample: unranked, and its rate "—", never 0 %.
    const last = within(body[2]!).getAllByRole('cell');
    expect(within(body[2]!).getByLabelText('Không xếp hạng')).toBeTruthy();
    expect(body[2]!.textContent).toContain('(dưới 10 hồ sơ)');
    expect(last[2]!.textContent).toBe('—');
    expect(body[2]!.textContent).not.toContain('0,00');
  });

  test('sorts by a column with its header button and says so in aria-sort', () => {
    render(<LeagueTable rows={ROWS} kpi="onTime" minSample={10} caption="x" />);
    fireEvent.click(screen.getByRole('button', { name: /Đơn vị/ }));
    const names = screen.getAllByRole('rowheader').map((h) => h.textContent);
    expect(names[0]).toMatch(/^UBND phường Duy Tân/);
    expect(names[1]).toMatch(/^UBND phường Ngô Mây/);
    expect(screen.getByRole('columnheader', { name: /Đơn vị/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  test('the 766 score is shown in points, not percent', () => {
    render(
      <LeagueTable
        rows={[row('62', 'Tỉnh', { rank: 1, value: 84.256, sample: 100, target: 80, met: true })]}
        kpi="score"
        minSample={10}
        caption="x"
      />,
    );
    const cells = screen.getAllByRole('cell');
    expect(cells[2]!.textContent).toBe('84,26');
    expect(cells[3]!.textContent).toBe('≥ 80');
  });
});
