// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import type { OverdueRow } from '@/lib/views';
import { OverdueTable } from './overdue-table';

afterEach(cleanup);

const base: OverdueRow = {
  code: '608-261005-0001',
  status: 'resolved_late',
  unit: { code: '23281', name: 'UBND phường Quang Trung' },
  procedure: { code: '2.000815', name: 'Chứng thực bản sao từ bản chính' },
  field: { code: 'CT', name: 'Chứng thực' },
  handler: 'Nguyễn Văn A',
  receivedAt: new Date('2026-10-05T01:30:00Z'),
  dueAt: new Date('2026-10-07T10:00:00Z'),
  endedAt: new Date('2026-10-20T03:00:00Z'),
  daysLate: 1_234,
  apologyAt: new Date('2026-10-21T02:00:00Z'),
};

describe('OverdueTable', () => {
  test('one row per late dossier: dd/MM/yyyy in Vietnam time, vi-VN numbers, "—" for what is missing', () => {
    render(
      <OverdueTable
        caption="Hồ sơ trễ hạn"
        rows={[
          base,
          {
            ...base,
            code: '608-261006-0002',
            status: 'pending_late',
            handler: null,
            endedAt: null,
            apologyAt: null,
            daysLate: 3,
            // 23:30 UTC is the next morning in Vietnam.
            receivedAt: new Date('2026-10-05T23:30:00Z'),
          },
        ]}
      />,
    );
    const rows = within(screen.getByRole('table', { name: 'Hồ sơ trễ hạn' }))
      .getAllByRole('row')
      .slice(1);
    const first = rows[0]!.querySelectorAll('th, td');
    expect([...first].map((c) => c.textContent)).toEqual([
      '608-261005-0001',
      'Đã giải quyết trễ hạn',
      'UBND phường Quang Trung',
      'Chứng thực bản sao từ bản chính',
      'Chứng thực',
      'Nguyễn Văn A',
      '05/10/2026',
      '07/10/2026',
      '20/10/2026',
      '1.234',
      'Có (21/10/2026)',
    ]);
    expect(within(rows[0]!).getByRole('link', { name: '608-261005-0001' }).getAttribute('href')).toBe(
      '/dossiers/608-261005-0001',
    );
    const second = [...rows[1]!.querySelectorAll('th, td')].map((c) => c.textContent);
    expect(second[1]).toBe('Đang giải quyết quá hạn');
    expect(second[5]).toBe('—');
    expect(second[6]).toBe('06/10/2026');
    expect(second[8]).toBe('—');
    expect(second[10]).toBe('Chưa');
  });
});
