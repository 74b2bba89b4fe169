// Danh sách đơn vị / cán bộ chậm muộn: the counts on the page are those of the overdue list (GET /api/v1/overdue) for
// the same unit and period; a chair gets the own subtree and nothing else; the page prints on A4.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, parseViNumber, snapshot, test } from './fixtures';

const localMonth = (offset: number) => {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  const month = d.toISOString().slice(0, 7);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  return { key: month, from: `${month}-01`, to: last };
};

interface OverdueJson {
  total: number;
  rows: Array<{ status: string; unit: { code: string }; handler: string | null }>;
}

async function allOverdue(request: APIRequestContext, unit: string, from: string, to: string) {
  const rows: OverdueJson['rows'] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const response = await request.get(
      `/api/v1/overdue?${new URLSearchParams({ unit, from, to, page: String(page), pageSize: '500' })}`,
    );
    expect(response.status()).toBe(200);
    const body = (await response.json()) as OverdueJson;
    total = body.total;
    rows.push(...body.rows);
    if (body.rows.length < 500) break;
  }
  expect(rows.length).toBe(total);
  return rows;
}

async function unitRows(page: Page) {
  return page.locator('section[aria-labelledby="late-units"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = Array.from(tr.children) as HTMLElement[];
      return { code: tr.getAttribute('data-unit')!, resolvedLate: cells[3]!.innerText, pendingLate: cells[4]!.innerText };
    }),
  );
}

test.describe('provincial officer', () => {
  test.use({ user: 'vanphong' });

  test('late units of a district match the overdue list; officials’ counts add up', async ({ page }) => {
    const month = localMonth(-1);
    await page.goto(`/late?donvi=608&cap=xa&ky=${month.key}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đơn vị, cán bộ chậm muộn');
    await expect(
      page.getByRole('navigation', { name: 'Cấp đơn vị' }).getByRole('link', { name: 'Xã, phường, thị trấn' }),
    ).toHaveAttribute('aria-current', 'page');
    const rows = await unitRows(page);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows.slice(0, 3)) {
      const late = await allOverdue(page.request, row.code, month.from, month.to);
      expect(parseViNumber(row.resolvedLate), row.code).toBe(late.filter((r) => r.status === 'resolved_late').length);
      expect(parseViNumber(row.pendingLate), row.code).toBe(late.filter((r) => r.status === 'pending_late').length);
    }
    // Most late first.
    const totals = rows.map((r) => parseViNumber(r.resolvedLate) + parseViNumber(r.pendingLate));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));

    // Officials: each row is that official's late dossiers in that unit.
    const all = await allOverdue(page.request, '608', month.from, month.to);
    const handlers = await page.locator('section[aria-labelledby="late-handlers"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = Array.from(tr.children) as HTMLElement[];
        return { handler: cells[1]!.innerText.trim(), late: cells[3]!.innerText, pending: cells[4]!.innerText };
      }),
    );
    expect(handlers.length).toBeGreaterThan(0);
    const shownTotal = handlers.reduce((s, h) => s + parseViNumber(h.late) + parseViNumber(h.pending), 0);
    expect(shownTotal).toBe(all.filter((r) => r.handler !== null).length);
    await snapshot(page, 'late');
  });

  test('a month without dossiers says so', async ({ page }) => {
    await page.goto('/late?ky=2019-01');
    await expect(page.getByText('Không có đơn vị nào có hồ sơ trễ hạn trong kỳ.')).toBeVisible();
    await expect(page.getByText('Không có cán bộ nào có hồ sơ trễ hạn trong kỳ.')).toBeVisible();
  });
});

test.describe('district chair', () => {
  test.use({ user: 'lanhdao.tpkontum', expectedConsoleErrors: [/403/] });

  test('gets the own district by default, prints it, and cannot open a department', async ({ page }) => {
    await page.goto('/late');
    await expect(page.locator('.page-head p')).toContainText('Kon Tum');
    await expect(page.getByRole('button', { name: 'In / lưu PDF' })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Chính' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'In / lưu PDF' })).toBeHidden();
    const pdf = test.info().outputPath('late-print.pdf');
    await page.pdf({ path: pdf, format: 'A4' });
    await test.info().attach('late-print', { path: pdf, contentType: 'application/pdf' });
    await page.emulateMedia({ media: 'screen' });

    await page.goto('/late?donvi=STP');
    await expect(page.getByRole('heading', { name: 'Không có quyền truy cập' })).toBeVisible();
  });
});
