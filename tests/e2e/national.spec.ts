// The national pages (issue 20), on a national instance over two provinces (tests/e2e/national-server.ts): the national
// viewer opens the league of provinces, drills into one and sees its communes; the province is cut off (its
// subscription disabled) and its page shows its last figures, stale since the time they are of. A province's staff see
// their own province only.
import pg from 'pg';
import { formatDateTime } from '../../lib/format';
import { E2E_NATIONAL } from '../../playwright.config';
import { expect, expectAccessible, test } from './fixtures';

test.use({ baseURL: `http://localhost:${E2E_NATIONAL.port}` });
test.describe.configure({ mode: 'serial' });

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${E2E_NATIONAL.pgPort}/tthc` });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test.describe('the national viewer', () => {
  test.use({ user: 'quocgia' });

  test('opens the league of provinces, drills into one and sees its communes; a province cut off shows stale', async ({
    page,
  }) => {
    test.setTimeout(120_000); // the first reads wait for both subscriptions to report (a keepalive) after the start
    const [kontum] = await sql<{ province: string }>(`SELECT province FROM federated_provinces WHERE name = 'kontum'`);
    const code = kontum!.province;
    try {
      await page.goto('/');
      await expect(page).toHaveURL(/\/quoc-gia$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Xếp hạng các tỉnh' })).toBeVisible();
      // Both provinces streaming (the first reads record when each was last seen live).
      await expect(async () => {
        await page.reload();
        await expect(page.getByText('✓ Đang cập nhật')).toHaveCount(2, { timeout: 1_000 });
      }).toPass({ timeout: 60_000 });
      const league = page.getByRole('table', { name: /Điểm ước tính \(766\)/ });
      await expect(league.getByRole('row')).toHaveCount(3); // the header and two provinces
      await expect(league.getByRole('row', { name: /UBND tỉnh Quảng Ngãi/ })).toBeVisible();
      // The change since the previous period, as a province's league tables show it.
      await expect(league.getByRole('columnheader', { name: /Thay đổi/ })).toBeVisible();
      await expect(league.locator('caption')).toContainText('thay đổi hạng so với');
      await expectAccessible(page);

      await league.getByRole('link', { name: 'UBND tỉnh Kon Tum' }).click();
      await expect(page).toHaveURL(new RegExp(`/quoc-gia/${code}(\\?|$)`));
      await expect(page.getByRole('heading', { level: 1, name: 'UBND tỉnh Kon Tum' })).toBeVisible();
      await expect(page.getByText(/^Số liệu đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · độ trễ/)).toBeVisible();
      await expect(page.getByRole('table', { name: /Điểm ước tính theo 766/ })).toBeVisible();
      // Its communes: every one in force today, and only its own.
      const [{ n }] = (await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM units WHERE province = $1 AND level = 'xa'
         AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)`,
        [code],
      )) as [{ n: number }];
      expect(n).toBeGreaterThan(10);
      const communes = page.getByRole('table', { name: /Điểm ước tính \(766\)/ });
      await expect(communes.locator('tbody tr')).toHaveCount(n);
      await expectAccessible(page);

      // The province goes offline: its last figures stay, marked stale since the time they are of.
      await sql(`ALTER SUBSCRIPTION tthc_fed_kontum DISABLE`);
      const [{ seen }] = (await sql<{ seen: Date }>(`SELECT seen_at AS seen FROM federated_provinces WHERE name = 'kontum'`)) as [
        { seen: Date },
      ];
      await page.reload();
      const since = `Mất kết nối từ ${formatDateTime(seen)}`;
      await expect(page.getByRole('status')).toContainText(since);
      await expect(communes.locator('tbody tr')).toHaveCount(n);
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Các tỉnh' }).first().click();
      await expect(page.getByRole('status')).toContainText(`UBND tỉnh Kon Tum: mất kết nối từ ${formatDateTime(seen)}`);
      await expect(page.getByRole('row', { name: /UBND tỉnh Kon Tum/ }).first()).toContainText('mất kết nối');
      await expectAccessible(page);
    } finally {
      await sql(`ALTER SUBSCRIPTION tthc_fed_kontum ENABLE`);
    }
  });

  test('ranks the communes of every province together, or of one', async ({ page }) => {
    await page.goto('/quoc-gia/don-vi');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('toàn quốc');
    const rows = page.getByRole('table', { name: /Điểm ước tính \(766\)/ }).locator('tbody tr');
    await expect(rows.filter({ hasText: 'UBND tỉnh Quảng Ngãi' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: 'UBND tỉnh Kon Tum' }).first()).toBeVisible();
    await page.getByLabel('Tỉnh', { exact: true }).selectOption({ label: 'UBND tỉnh Kon Tum' });
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await expect(page).toHaveURL(/tinh=/);
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ hasText: 'UBND tỉnh Quảng Ngãi' })).toHaveCount(0);
    await expectAccessible(page);
  });
});

test.describe("a province's staff", () => {
  test.use({ user: 'canbo.kontum', expectedConsoleErrors: [/status of 403/] });

  test('see their own province only', async ({ page }) => {
    const [qn] = await sql<{ province: string }>(`SELECT province FROM federated_provinces WHERE name = 'quangngai'`);
    await page.goto('/quoc-gia');
    await expect(page.getByRole('heading', { level: 1, name: 'UBND tỉnh Kon Tum' })).toBeVisible();
    const response = await page.goto(`/quoc-gia/${qn!.province}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByText('Không có quyền truy cập')).toBeVisible();
    expect((await page.goto(`/quoc-gia/don-vi?tinh=${qn!.province}`))?.status()).toBe(403);
    await page.goto('/quoc-gia/don-vi');
    const rows = page.getByRole('table', { name: /Điểm ước tính \(766\)/ }).locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    await expect(page.getByLabel('Tỉnh', { exact: true })).toHaveCount(0);
    await expectAccessible(page);
  });
});
