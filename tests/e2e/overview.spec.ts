// A provincial officer opens the overview: the numbers are those in the database; periods (a month, a quarter…) are
// chosen in the URL, carried into the unit pages it links to, and the old ?month= links still work.
import { expect, parseViNumber, snapshot, test } from './fixtures';

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

const viPercent = (v: number | null) =>
  v === null ? '—' : `${(v * 100).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0%`;

async function card(page: import('@playwright/test').Page, title: string): Promise<number> {
  return parseViNumber(await page.getByRole('region', { name: title }).locator('.value').innerText());
}

test('the overview shows this month’s counts as the database has them', async ({ page, sql }) => {
  const before = new Date();
  await page.goto('/');
  const month = localMonth(before);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Tổng quan tháng ${Number(month.slice(5))}/${month.slice(0, 4)}`,
  );
  await expect(page.getByRole('region', { name: 'Tiếp nhận trong kỳ' })).toBeVisible();
  const after = new Date();
  const { start, end } = monthBounds(month);
  const [atStart] = await sql<{ received: number; resolved: number; pending: number; overdue: number }>(COUNTS_SQL, [
    start,
    end,
    before,
    before,
    '/',
  ]);
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
  await expect(page).toHaveURL(new RegExp(`ky=${previous}`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Tổng quan tháng ${Number(previous.slice(5))}/${previous.slice(0, 4)}`,
  );

  const { start, end } = monthBounds(previous);
  const asOf = new Date(end.getTime() - 1);
  const [district] = await sql<{ path: string; name: string }>(`SELECT path, name FROM units WHERE name = 'UBND huyện Đăk Hà'`);
  const [expected] = await sql<{ received: number; resolved: number; pending: number }>(COUNTS_SQL, [
    start,
    end,
    asOf,
    new Date(),
    district!.path,
  ]);
  const row = page.getByRole('row', { name: /UBND huyện Đăk Hà/ });
  const cells = row.getByRole('cell');
  expect(parseViNumber(await cells.nth(0).innerText())).toBe(expected!.received);
  expect(parseViNumber(await cells.nth(1).innerText())).toBe(expected!.resolved);
  expect(parseViNumber(await cells.nth(3).innerText())).toBe(expected!.pending);
  expect(expected!.received).toBeGreaterThan(0);
  await expect(page.getByRole('rowheader', { name: 'Sở Tư pháp', exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('overview-previous-month.png'), fullPage: true });
});

test('a month with no dossiers says so; a malformed month or period is explained, not an error', async ({ page }) => {
  await page.goto('/?month=2019-01');
  await expect(page.getByText('Chưa có hồ sơ trong kỳ tháng 1/2019.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Tỷ lệ đúng hạn (766)' }).locator('.value')).toHaveText('—');

  await page.goto('/?month=2026-13');
  await expect(page.getByRole('alert').filter({ hasText: 'không hợp lệ' })).toContainText(
    'Tháng “2026-13” không hợp lệ (cần dạng YYYY-MM)',
  );
  await expect(page.getByRole('region', { name: 'Tiếp nhận trong kỳ' })).toBeVisible();

  await page.goto('/?ky=2026-Q5');
  const current = localMonth(new Date());
  await expect(page.getByRole('alert').filter({ hasText: 'không hợp lệ' })).toHaveText(
    `Kỳ “2026-Q5” không hợp lệ. Đang hiển thị tháng ${Number(current.slice(5))}/${current.slice(0, 4)}.`,
  );
  await page.goto('/?ky=tuy-chon&tu=2026-10-15&den=2026-10-01');
  await expect(page.getByRole('alert').filter({ hasText: 'Khoảng thời gian tùy chọn' })).toHaveText(
    `Khoảng thời gian tùy chọn cần “từ ngày” không sau “đến ngày”, dài không quá 5 năm. Đang hiển thị tháng ${Number(current.slice(5))}/${current.slice(0, 4)}.`,
  );
});

/** The quarter before the current one, as its key and its Vietnamese name. */
function previousQuarter() {
  const [y, m] = localMonth(new Date()).split('-').map(Number) as [number, number];
  const n = y * 4 + Math.floor((m - 1) / 3) - 1;
  const [year, q] = [Math.floor(n / 4), (n % 4) + 1];
  const first = String(q * 3 - 2).padStart(2, '0');
  const last = new Date(Date.UTC(year, q * 3, 0)).toISOString().slice(0, 10);
  return { key: `${year}-Q${q}`, name: `quý ${['I', 'II', 'III', 'IV'][q - 1]}/${year}`, from: `${year}-${first}-01`, to: last };
}

test('a quarter chosen in the filter: URL, headings, cards compared with the quarter before, links to unit pages keep it', async ({
  page,
  sql,
}) => {
  const quarter = previousQuarter();
  await page.goto('/');
  await page.getByLabel('Kỳ', { exact: true }).selectOption({ label: quarter.name });
  await page.getByRole('button', { name: 'Xem', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]ky=${quarter.key}(&|$)`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tổng quan ${quarter.name}`);
  await expect(page.getByLabel('Kỳ', { exact: true })).toHaveValue(quarter.key);

  // Counts of the quarter: those of the database (T = the end of the quarter).
  const start = new Date(`${quarter.from}T00:00:00+07:00`);
  const end = new Date(new Date(`${quarter.to}T00:00:00+07:00`).getTime() + 86_400_000);
  const asOf = new Date(end.getTime() - 1);
  const [expected] = await sql<{ received: number; resolved: number; pending: number }>(COUNTS_SQL, [
    start,
    end,
    asOf,
    asOf,
    '/',
  ]);
  expect(await card(page, 'Tiếp nhận trong kỳ')).toBe(expected!.received);
  expect(await card(page, 'Đã giải quyết')).toBe(expected!.resolved);
  await expect(page.getByRole('table', { name: `Số hồ sơ ${quarter.name}, gồm cả các đơn vị cấp dưới` })).toBeVisible();

  // The KPI cards say what they compare with, and their values are the API's for the quarter.
  const onTime = page.locator('.kpi-cards [data-kpi="onTime"]');
  await expect(onTime).toContainText(/so với quý trước/);
  await expect(page.locator('.kpi-cards')).not.toContainText('so với tháng trước');
  const [root] = await sql<{ code: string }>(`SELECT code FROM units WHERE parent_id IS NULL`);
  const api = (await (await page.request.get(`/api/v1/kpi?unit=${root!.code}&from=${quarter.from}&to=${quarter.to}`)).json()) as {
    kpis: { onTime: { value: number } };
  };
  await expect(onTime.locator('.value')).toHaveText(viPercent(api.kpis.onTime.value));
  await expect(page.getByRole('region', { name: /Diễn biến 12 tháng/ }).getByRole('heading')).toContainText(
    `tháng ${Number(quarter.to.slice(5, 7))}/${quarter.to.slice(0, 4)})`,
  );

  // The full league table and a district's page open for the same quarter.
  await expect(page.getByRole('link', { name: 'Xem bảng xếp hạng đầy đủ ›' })).toHaveAttribute(
    'href',
    new RegExp(`ky=${quarter.key}`),
  );
  await page
    .getByRole('row', { name: /UBND huyện Đăk Hà/ })
    .getByRole('link')
    .click();
  await expect(page).toHaveURL(new RegExp(`/units/\\d+\\?ky=${quarter.key}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('UBND huyện Đăk Hà');
  await expect(page.getByText(`· ${quarter.name}`)).toBeVisible();
  await expect(page.getByLabel('Kỳ', { exact: true })).toHaveValue(quarter.key);
  await snapshot(page, 'unit-page-quarter');
});

test('on a phone the page does not scroll sideways; the table scrolls inside its panel', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await expect(page.getByRole('table', { name: /^Số hồ sơ tháng/ })).toBeVisible();
  await expect(page.getByRole('region', { name: /Diễn biến 12 tháng/ })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath('overview-phone.png'), fullPage: true });
});

test.describe('KPI panels', () => {
  const viPoints = (v: number | null) =>
    v === null ? '—' : v.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const previousMonth = () => {
    const [y, m] = localMonth(new Date()).split('-').map(Number) as [number, number];
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  };

  test('KPI cards, score, trend and best/worst units show the API’s numbers for the month', async ({ page, sql }) => {
    const month = previousMonth();
    const [root] = await sql<{ code: string }>(`SELECT code FROM units WHERE parent_id IS NULL`);
    const from = `${month}-01`;
    const to = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const api = (await (await page.request.get(`/api/v1/kpi?unit=${root!.code}&from=${from}&to=${to}`)).json()) as {
      kpis: Record<string, { value: number | null; target: number | null; met: boolean | null }>;
      score: { value: number | null };
    };
    await page.goto(`/?month=${month}`);
    for (const key of ['onTime', 'online', 'onlinePayment', 'digitized', 'satisfaction', 'apology']) {
      const card = page.locator(`.kpi-cards [data-kpi="${key}"]`);
      await expect(card.locator('.value'), key).toHaveText(viPercent(api.kpis[key]!.value));
      const k = api.kpis[key]!;
      if (k.met !== null) await expect(card, key).toContainText(k.met ? '✓ Đạt' : '✗ Chưa đạt');
      if (k.target !== null) await expect(card, key).toContainText(`Chỉ tiêu ≥ ${viPercent(k.target)}`);
    }
    await expect(page.getByRole('region', { name: 'Điểm ước tính (766)' }).locator('.value')).toHaveText(
      viPoints(api.score.value),
    );
    await expect(page.getByRole('heading', { name: /Điểm ước tính theo Quyết định 766/ })).toContainText(
      viPoints(api.score.value),
    );

    // The trend's table alternative: the month's row equals the API.
    const trend = page.getByRole('region', { name: /Diễn biến 12 tháng/ });
    await trend.getByText('Xem số liệu dạng bảng').click();
    const row = trend.locator('tbody tr').last();
    await expect(row.locator('th')).toHaveText(`${month.slice(5, 7)}/${month.slice(2, 4)}`);
    await expect(row.locator('td').first()).toHaveText(
      new RegExp(`^${viPercent(api.kpis.onTime!.value).replace(/[.+]/g, '\\$&')}`),
    );

    // Best units: sorted by score, each as the league table of its level has it.
    const best = await page
      .locator('table[aria-labelledby="best-5"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => ({ code: tr.getAttribute('data-unit')!, score: (tr.children[1] as HTMLElement).innerText })),
      );
    expect(best.length).toBeGreaterThan(0);
    const rankings = await Promise.all(
      ['so_nganh', 'huyen'].map(
        async (level) =>
          (await (
            await page.request.get(`/api/v1/rankings?parent=${root!.code}&level=${level}&from=${from}&to=${to}`)
          ).json()) as {
            rows: Array<{ unit: { code: string }; value: number | null; rank: number | null }>;
          },
      ),
    );
    const all = rankings
      .flatMap((r) => r.rows)
      .filter((r) => r.rank !== null && r.value !== null)
      .sort((a, b) => b.value! - a.value!);
    expect(best.map((b) => b.score)).toEqual(all.slice(0, best.length).map((r) => viPoints(r.value)));
    await snapshot(page, 'overview-kpis');
  });
});

test.describe('a failing widget', () => {
  // React reports the errors it caught (production builds give only their number).
  test.use({ expectedConsoleErrors: [/Minified React error #441|Server Components render/] });

  test('shows its own message and a retry; the rest of the page still works; the retry recovers', async ({ page, sql }) => {
    await sql('ALTER TABLE kpi_weights RENAME TO kpi_weights_broken');
    try {
      await page.goto('/');
      const broken = page.getByRole('alert', { name: 'Lỗi: Điểm ước tính 766' });
      await expect(broken).toBeVisible();
      await expect(broken).toContainText('Không tải được “Điểm ước tính 766”');
      await expect(broken).not.toContainText('kpi_weights'); // no SQL, no stack
      await expect(page.getByRole('region', { name: 'Tiếp nhận trong kỳ' }).locator('.value')).toBeVisible();
      await expect(page.getByRole('table', { name: /^Số hồ sơ tháng/ })).toBeVisible();
      await snapshot(page, 'overview-widget-error');
    } finally {
      await sql('ALTER TABLE kpi_weights_broken RENAME TO kpi_weights');
    }
    await page.getByRole('alert', { name: 'Lỗi: Điểm ước tính 766' }).getByRole('button', { name: 'Thử lại' }).click();
    await expect(page.getByRole('heading', { name: /Điểm ước tính theo Quyết định 766/ })).toBeVisible();
    await expect(page.getByRole('alert', { name: /^Lỗi:/ })).toHaveCount(0);
  });
});
