// A provincial officer opens the league table, changes the period and the level, drills into a district's communes
// and opens a commune's page. Every row on the page is checked against GET /api/v1/rankings for the same choice.
import type { Page } from '@playwright/test';
import { expect, snapshot, test } from './fixtures';

test.use({ user: 'vanphong' });

interface ApiRow {
  unit: { code: string; name: string };
  rank: number | null;
  value: number | null;
  sample: number;
}

const localToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The quarter before the current one, as its preset key and local bounds. */
function previousQuarter() {
  const today = localToday();
  const n = Number(today.slice(0, 4)) * 4 + Math.floor((Number(today.slice(5, 7)) - 1) / 3) - 1;
  const year = Math.floor(n / 4);
  const q = (n % 4) + 1;
  const lastMonth = q * 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    key: `${year}-Q${q}`,
    from: `${year}-${String(lastMonth - 2).padStart(2, '0')}-01`,
    to: `${year}-${String(lastMonth).padStart(2, '0')}-${lastDay}`,
  };
}

const viPercent = (v: number | null) =>
  v === null ? '—' : `${(v * 100).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0%`;
const viScore = (v: number | null) =>
  v === null ? '—' : v.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The table's rows, in the order shown: unit code, rank cell, value cell, sample cell. */
async function tableRows(page: Page) {
  return page.locator('table.league tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = Array.from(tr.children) as HTMLElement[];
      return {
        code: tr.getAttribute('data-unit')!,
        rank: cells[0]!.innerText.trim(),
        value: cells[3]!.innerText.trim(),
        sample: cells[6]!.innerText.trim(),
      };
    }),
  );
}

async function expectMatchesApi(page: Page, query: Record<string, string>, format: (v: number | null) => string) {
  const response = await page.request.get(`/api/v1/rankings?${new URLSearchParams(query)}`);
  expect(response.status()).toBe(200);
  const api = (await response.json()) as { rows: ApiRow[] };
  // The table streams in after navigation: wait for all of its rows.
  await expect(page.locator('table.league tbody tr')).toHaveCount(api.rows.length);
  const shown = await tableRows(page);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.map((r) => r.code).sort()).toEqual(api.rows.map((r) => r.unit.code).sort());
  const byCode = new Map(api.rows.map((r) => [r.unit.code, r]));
  for (const row of shown) {
    const expected = byCode.get(row.code)!;
    expect(row.rank, row.code).toBe(expected.rank === null ? '—' : String(expected.rank));
    expect(row.value, row.code).toBe(format(expected.value));
    expect(row.sample, row.code).toBe(expected.sample.toLocaleString('vi-VN'));
  }
  // Ranked rows come first, in rank order.
  const ranks = shown
    .map((r) => r.rank)
    .filter((r) => r !== '—')
    .map(Number);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  return api.rows;
}

test('officer: period and level change, drill into a district, open a commune', async ({ page, sql }) => {
  const [root] = await sql<{ code: string }>(`SELECT code FROM units WHERE parent_id IS NULL ORDER BY code LIMIT 1`);
  await page.goto('/rankings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bảng xếp hạng');
  await expect(page.locator('table.league')).toBeVisible();

  // Period: the previous quarter.
  const quarter = previousQuarter();
  await page.getByLabel('Kỳ', { exact: true }).selectOption(quarter.key);
  await page.getByRole('button', { name: 'Xem' }).click();
  await expect(page).toHaveURL(new RegExp(`ky=${quarter.key}`));

  // Level: districts.
  await page.getByRole('navigation', { name: 'Cấp đơn vị' }).getByRole('link', { name: 'Huyện, thành phố' }).click();
  await expect(page).toHaveURL(/cap=huyen/);
  await expect(page.getByRole('link', { name: 'Huyện, thành phố' })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('#league-heading')).toContainText('Huyện, thành phố');
  await expect(page.locator('table.league tbody tr').first()).toBeVisible();
  await expectMatchesApi(page, { parent: root!.code, level: 'huyen', from: quarter.from, to: quarter.to }, viScore);
  await snapshot(page, 'rankings-districts');

  // One KPI instead of the score.
  await page.getByLabel('Xếp theo').selectOption('onTime');
  await page.getByRole('button', { name: 'Áp dụng' }).click();
  await expect(page).toHaveURL(/chiso=onTime/);
  await expect(page.locator('#league-heading')).toContainText('đúng hạn');
  await expect(page).toHaveURL(new RegExp(`ky=${quarter.key}`));
  await expect(page).toHaveURL(/cap=huyen/);
  await expectMatchesApi(
    page,
    { parent: root!.code, level: 'huyen', kpi: 'onTime', from: quarter.from, to: quarter.to },
    viPercent,
  );

  // Drill into the first district that has communes.
  const drill = page.locator('a.drill').first();
  const districtCode = await drill.locator('xpath=ancestor::tr').getAttribute('data-unit');
  await drill.click();
  await expect(page).toHaveURL(new RegExp(`cha=${districtCode}`));
  await expect(page).toHaveURL(/cap=xa/);
  await expect(page.getByRole('link', { name: 'Toàn tỉnh' })).toBeVisible();
  await expect(page.locator('#league-heading')).toContainText('Xã, phường, thị trấn');
  const communes = await expectMatchesApi(
    page,
    { parent: districtCode!, level: 'xa', kpi: 'onTime', from: quarter.from, to: quarter.to },
    viPercent,
  );
  await snapshot(page, 'rankings-communes');

  // The commune's own page.
  const commune = communes[0]!;
  await page.locator(`tr[data-unit="${commune.unit.code}"] th a`).first().click();
  await expect(page).toHaveURL(new RegExp(`/units/${commune.unit.code}`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(commune.unit.name);
});

test('the table sorts from the keyboard, and the fraction behind a value is reachable by focus', async ({ page }) => {
  await page.goto('/rankings?cap=huyen&chiso=onTime');
  await expect(page.locator('table.league tbody tr').first()).toBeVisible();
  const unitHeader = page.locator('table.league th[aria-sort]').filter({ hasText: 'Đơn vị' });
  await expect(unitHeader).toHaveAttribute('aria-sort', 'none');
  await unitHeader.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(unitHeader).toHaveAttribute('aria-sort', 'ascending');
  const names = await page.locator('table.league tbody th[scope=row] a:not(.drill)').allInnerTexts();
  expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
  await page.keyboard.press('Enter');
  await expect(unitHeader).toHaveAttribute('aria-sort', 'descending');

  const tip = page.locator('table.league .tip').first();
  await tip.focus();
  await expect(tip).toBeFocused();
  await expect(tip).toHaveAttribute('aria-label', /\d+ \/ \d+ hồ sơ/);
});

test('a wrong period or field is explained, and the page still shows a table', async ({ page }) => {
  await page.goto('/rankings?ky=2026-Q9&linhvuc=KHONG-CO');
  await expect(page.getByRole('alert').filter({ hasText: 'Kỳ “2026-Q9” không hợp lệ' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Không có lĩnh vực mã “KHONG-CO”' })).toBeVisible();
  await expect(page.locator('table.league')).toBeVisible();

  await page.goto('/rankings?ky=tuy-chon&tu=2026-05-10&den=2026-04-01');
  await expect(page.locator('.error-box')).toContainText('Khoảng thời gian tùy chọn');
});

test('a custom range is kept in the URL and in the form', async ({ page }) => {
  await page.goto('/rankings');
  await page.getByLabel('Kỳ', { exact: true }).selectOption('tuy-chon');
  await page.getByLabel('từ ngày').fill('2026-07-01');
  await page.getByLabel('đến ngày').fill('2026-08-15');
  await page.getByRole('button', { name: 'Xem' }).click();
  await expect(page).toHaveURL(/ky=tuy-chon&tu=2026-07-01&den=2026-08-15/);
  await expect(page.locator('.page-head p')).toContainText('01/07/2026 – 15/08/2026');
  await expect(page.getByLabel('từ ngày')).toHaveValue('2026-07-01');
});

test('the units view is one switch carried in the URL with the period, into the form and the links (SPEC §6)', async ({
  page,
}) => {
  const quarter = previousQuarter();
  await page.goto(`/rankings?ky=${quarter.key}&cap=huyen`);
  const views = page.getByRole('navigation', { name: 'Cách xem đơn vị' });
  await expect(views.getByRole('link', { name: 'Đơn vị hiện nay' })).toHaveAttribute('aria-current', 'true');
  await views.getByRole('link', { name: 'Đơn vị tại thời điểm' }).click();
  await expect(page).toHaveURL(new RegExp(`ky=${quarter.key}.*view=historical|view=historical.*ky=${quarter.key}`));
  await expect(views.getByRole('link', { name: 'Đơn vị tại thời điểm' })).toHaveAttribute('aria-current', 'true');
  await expect(page).toHaveURL(/cap=huyen/);
  // The period's neighbours and a unit's page keep the view; the API answers the same choice with view=historical.
  await expect(page.getByRole('link', { name: /^Xem quý/ }).first()).toHaveAttribute('href', /view=historical/);
  await expect(page.locator('table.league tbody a').first()).toHaveAttribute('href', /view=historical/);
  await expectMatchesApi(page, { parent: '62', level: 'huyen', from: quarter.from, to: quarter.to, view: 'historical' }, viScore);
  await views.getByRole('link', { name: 'Đơn vị hiện nay' }).click();
  await expect(page).not.toHaveURL(/view=/);
});
