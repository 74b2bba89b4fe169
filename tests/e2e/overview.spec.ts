// A provincial officer opens the overview: the numbers are those in the database, month navigation works.
import { expect, parseViNumber, test } from './fixtures';

test.use({ user: 'vanphong' });

const COUNTS_SQL = `
  SELECT count(*) FILTER (WHERE received_at >= $1 AND received_at < $2)::int AS received,
         count(*) FILTER (WHERE ended_at >= $1 AND ended_at < $2)::int AS resolved,
         count(*) FILTER (WHERE received_at <= $3 AND (ended_at IS NULL OR ended_at > $3))::int AS pending,
         count(*) FILTER (WHERE received_at <= $3 AND (ended_at IS NULL OR ended_at > $3) AND late_after < $4)::int AS overdue
  FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE u.path LIKE $5 || '%'`;

/** Local month bounds in Asia/Ho_Chi_Minh as instants. */
function monthBounds(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1, 1) - 7 * 3_600_000);
  const end = new Date(Date.UTC(y, m, 1) - 7 * 3_600_000);
  return { start, end };
}

function localMonth(date: Date): string {
  return new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
}

async function card(page: import('@playwright/test').Page, title: string): Promise<number> {
  return parseViNumber(await page.getByRole('region', { name: title }).locator('.value').innerText());
}

test('the overview shows this month’s counts as the database has them', async ({ page, sql }) => {
  const before = new Date();
  await page.goto('/');
  const month = localMonth(before);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tổng quan tháng ${Number(month.slice(5))}/${month.slice(0, 4)}`);
  await expect(page.getByRole('region', { name: 'Tiếp nhận trong kỳ' })).toBeVisible();
  const after = new Date();
  const { start, end } = monthBounds(month);
  const [atStart] = await sql<{ received: number; resolved: number; pending: number; overdue: number }>(COUNTS_SQL, [start, end, before, before, '/']);
  const [atEnd] = await sql<{ overdue: number }>(COUNTS_SQL, [start, end, after, after, '/']);
  expect(atStart!.received).toBeGreaterThan(0);
  expect(await card(page, 'Tiếp nhận trong kỳ')).toBe(atStart!.received);
  expect(await card(page, 'Đã giải quyết')).toBe(atStart!.resolved);
  expect(await card(page, 'Đang giải quyết')).toBe(atStart!.pending);
  const overdue = await card(page, 'Quá hạn');
  expect(overdue).toBeGreaterThanOrEqual(atStart!.overdue); // a due may pass while the page loads
  expect(overdue).toBeLessThanOrEqual(atEnd!.overdue);
  await page.screenshot({ path: test.info().outputPath('overview.png'), fullPage: true });
});

test('each district row counts its whole subtree; the previous month is one click away', async ({ page, sql }) => {
  await page.goto('/');
  const current = localMonth(new Date());
  const [y, m] = current.split('-').map(Number) as [number, number];
  const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  await page.getByRole('link', { name: `Xem tháng ${Number(previous.slice(5))}/${previous.slice(0, 4)}` }).click();
  await expect(page).toHaveURL(new RegExp(`month=${previous}`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tổng quan tháng ${Number(previous.slice(5))}/${previous.slice(0, 4)}`);

  const { start, end } = monthBounds(previous);
  const asOf = new Date(end.getTime() - 1);
  const [district] = await sql<{ path: string; name: string }>(`SELECT path, name FROM units WHERE name = 'UBND huyện Đăk Hà'`);
  const [expected] = await sql<{ received: number; resolved: number; pending: number }>(COUNTS_SQL, [start, end, asOf, new Date(), district!.path]);
  const row = page.getByRole('row', { name: /UBND huyện Đăk Hà/ });
  const cells = row.getByRole('cell');
  expect(parseViNumber(await cells.nth(0).innerText())).toBe(expected!.received);
  expect(parseViNumber(await cells.nth(1).innerText())).toBe(expected!.resolved);
  expect(parseViNumber(await cells.nth(3).innerText())).toBe(expected!.pending);
  expect(expected!.received).toBeGreaterThan(0);
  await expect(page.getByRole('rowheader', { name: 'Sở Tư pháp' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('overview-previous-month.png'), fullPage: true });
});

test('a month with no dossiers says so; a malformed month is explained, not an error', async ({ page }) => {
  await page.goto('/?month=2019-01');
  await expect(page.getByText('Chưa có hồ sơ trong kỳ tháng 1/2019.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Tỷ lệ đúng hạn (766)' }).locator('.value')).toHaveText('—');

  await page.goto('/?month=2026-13');
  await expect(page.getByRole('alert').filter({ hasText: 'không hợp lệ' })).toContainText('Tháng “2026-13” không hợp lệ (cần dạng YYYY-MM)');
  await expect(page.getByRole('region', { name: 'Tiếp nhận trong kỳ' })).toBeVisible();
});

test('the month picker changes the period and the URL', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Tháng', { exact: true }).fill('2025-03');
  await page.getByRole('button', { name: 'Xem' }).click();
  await expect(page).toHaveURL(/month=2025-03/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổng quan tháng 3/2025');
});

test('on a phone the page does not scroll sideways; the table scrolls inside its panel', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await expect(page.getByRole('table')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath('overview-phone.png'), fullPage: true });
});
