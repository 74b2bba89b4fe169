// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import type { UnitLineage as Lineage } from '@/lib/views';
import { UnitLineage } from './lineage';

afterEach(cleanup);

const unit = (code: string, name: string) => ({ code, name, path: `/1/${code}/`, effectiveOn: '2025-07-01' });
const href = (u: { code: string }) => (u.code === '21115' ? null : `/units/${u.code}`);

describe('UnitLineage', () => {
  test('a split unit names its successors with their shares and where its dossiers count today', () => {
    const lineage: Lineage = {
      validFrom: '2000-01-01',
      validTo: '2025-06-30',
      representative: { code: '21124', name: 'UBND xã Cà Đam', path: '/1/21124/' },
      successors: [
        { ...unit('21124', 'UBND xã Cà Đam'), share: 0.3, primary: false },
        { ...unit('21115', 'UBND xã Tây Trà Bồng'), share: null, primary: false },
      ],
      predecessors: [],
    };
    render(<UnitLineage lineage={lineage} today="2026-12-06" href={href} />);
    const note = screen.getByRole('note');
    expect(note.textContent).toContain('Đơn vị hoạt động đến hết ngày 30/06/2025 và đã được chia tách, sáp nhập vào');
    expect(note.textContent).toMatch(/UBND xã Cà Đam \(30,00\s%\)/); // vi-VN: a no-break space before %
    expect(screen.getAllByRole('link', { name: 'UBND xã Cà Đam' })[0]).toHaveProperty('pathname', '/units/21124');
    expect(screen.queryByRole('link', { name: 'UBND xã Tây Trà Bồng' })).toBeNull(); // not the viewer's to open
    expect(note.textContent).toContain('hồ sơ của đơn vị được tính cho UBND xã Cà Đam.');
  });

  test('a new unit lists what it was made of; a unit in force with no history says nothing', () => {
    const made: Lineage = {
      validFrom: '2025-07-01',
      validTo: null,
      representative: null,
      successors: [],
      predecessors: [
        { ...unit('23281', 'UBND phường Quang Trung'), share: 1, counted: true },
        { ...unit('23293', 'UBND phường Thắng Lợi'), share: null, counted: true },
      ],
    };
    const { rerender } = render(<UnitLineage lineage={made} today="2026-12-06" href={href} />);
    expect(screen.getByRole('note').textContent).toContain(
      'Hình thành từ 2 đơn vị (từ ngày 01/07/2025): UBND phường Quang Trung, UBND phường Thắng Lợi.',
    );
    rerender(<UnitLineage lineage={{ ...made, predecessors: [] }} today="2026-12-06" href={href} />);
    expect(screen.queryByRole('note')).toBeNull();
  });
});
