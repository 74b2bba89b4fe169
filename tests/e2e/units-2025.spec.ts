// The demo `npm start` loads — new Quảng Ngãi across the 2025 reorganisation — in the browser (SPEC §6): today the
// province's league table has its 96 communes and no district; a 2025 quarter "tại thời điểm" shows old Kon Tum with
// its districts; the chair of Phường Kon Tum sees the quarter before the merger made of its five predecessors. Each
// step leaves a screenshot in test-results.
import { E2E_2025 } from '../../playwright.config';
import { expect, snapshot, test } from './fixtures';

test.use({ baseURL: `http://localhost:${E2E_2025.port}` });

interface Kpi {
  counts: { received: number; resolved: { total: number } };
}

test.describe('the province office', () => {
  test.use({ user: 'vanphong' });

  test('today: new Quảng Ngãi, its 96 communes in the league table, no district to choose', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByText('UBND tỉnh Quảng Ngãi').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Sở, ban, ngành và xã, phường, thị trấn' })).toBeVisible();
    await snapshot(page, 'overview-today');
    await page.goto('/rankings?cap=xa');
    await expect(page.locator('table.league tbody tr')).toHaveCount(96);
    const levels = await page.getByRole('navigation', { name: 'Cấp đơn vị' }).getByRole('link').allTextContents();
    expect(levels.join(' ')).not.toMatch(/Huyện/);
    await expect(page.locator('table.league')).toContainText('UBND phường Kon Tum');
    await snapshot(page, 'rankings-communes-today');
  });

  test('a 2025 quarter as it was: old Kon Tum and its ten districts', async ({ page }) => {
    await page.goto('/rankings?ky=2025-Q1&view=historical&cha=62&cap=huyen');
    await expect(page.locator('.page-head')).toContainText('UBND tỉnh Kon Tum');
    await expect(page.locator('table.league tbody tr')).toHaveCount(10);
    await expect(
      page.getByRole('navigation', { name: 'Cách xem đơn vị' }).getByRole('link', { name: 'Đơn vị tại thời điểm' }),
    ).toHaveAttribute('aria-current', 'true');
    await snapshot(page, 'rankings-districts-2025-q1-historical');
  });
});

test.describe('the chair of Phường Kon Tum', () => {
  test.use({ user: 'chutich.phuongkontum' });

  test('the quarter before the merger is made of its five predecessors, each of which it may open', async ({ page }) => {
    const quarter = 'from=2025-01-01&to=2025-03-31';
    await page.goto('/units/23293?ky=2025-Q1');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('UBND phường Kon Tum');
    const note = page.getByRole('note');
    await expect(note).toContainText('Hình thành từ 5 đơn vị');
    const predecessors = await note
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/').at(-1)!));
    expect(predecessors).toHaveLength(5);
    const own = (await (await page.request.get(`/api/v1/kpi?unit=23293&${quarter}`)).json()) as Kpi;
    let received = 0;
    for (const code of predecessors) {
      const response = await page.request.get(`/api/v1/kpi?unit=${code}&${quarter}&view=historical`);
      expect(response.status(), code).toBe(200);
      received += ((await response.json()) as Kpi).counts.received;
    }
    expect(own.counts.received).toBeGreaterThan(0);
    expect(own.counts.received).toBe(received);
    await expect(page.getByTestId('stat-Tiếp nhận trong kỳ')).toHaveText(own.counts.received.toLocaleString('vi-VN'));
    await snapshot(page, 'phuong-kon-tum-2025-q1');

    // A predecessor's own page, as it was: ceased, and gone into Phường Kon Tum.
    await page.goto(`/units/${predecessors[0]}?ky=2025-Q1&view=historical`);
    await expect(page.getByRole('note')).toContainText('sáp nhập vào UBND phường Kon Tum');
    await snapshot(page, 'predecessor-2025-q1-historical');
  });
});
