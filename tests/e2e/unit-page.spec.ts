// A district chair reads the own compliance page — KPIs against targets, rank among peers, trend, dossiers about to
// be late — with numbers equal to the API's, and prints it on A4 without the site's chrome.
import { expect, snapshot, test } from './fixtures';

test.use({ user: 'lanhdao.tpkontum' });

const viPercent = (v: number | null) =>
  v === null ? '—' : `${(v * 100).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0%`;
const previousMonth = () => {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  return { key: d.toISOString().slice(0, 7), from: d.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
};

test('the chair’s own page: KPIs, rank, trend and near-due dossiers as the data has them; printable', async ({ page, sql }) => {
  const month = previousMonth();
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Đơn vị của tôi' }).click();
  await expect(page).toHaveURL(/\/units\/608/);
  await page.goto(`/units/608?month=${month.key}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kon Tum');

  // Each KPI against its target, as GET /api/v1/kpi has it.
  const api = (await (await page.request.get(`/api/v1/kpi?unit=608&from=${month.from}&to=${month.to}`)).json()) as {
    kpis: Record<string, { value: number | null; target: number | null; met: boolean | null }>;
  };
  const table = page.getByRole('region', { name: 'Chỉ số so với chỉ tiêu' });
  for (const [key, k] of Object.entries(api.kpis)) {
    const row = table.locator(`tr[data-kpi="${key}"]`);
    await expect(row.locator('td').first(), key).toHaveText(viPercent(k.value));
    if (k.met !== null) await expect(row, key).toContainText(k.met ? '✓ Đạt' : '✗ Chưa đạt');
  }

  // Rank among the province's districts, as the league table has it.
  const [root] = await sql<{ code: string }>(`SELECT code FROM units WHERE parent_id IS NULL`);
  const rankings = (await (
    await page.request.get(`/api/v1/rankings?parent=${root!.code}&level=huyen&from=${month.from}&to=${month.to}`)
  ).json()) as {
    rows: Array<{ unit: { code: string }; rank: number | null }>;
  };
  const own = rankings.rows.find((r) => r.unit.code === '608')!;
  const ranked = rankings.rows.filter((r) => r.rank !== null).length;
  await expect(page.getByTestId('peer-rank')).toContainText(
    own.rank === null ? 'chưa xếp hạng' : `điểm 766 hạng ${own.rank}/${ranked}`,
  );

  // Trend: 12 months, the last one this month.
  const trend = page.getByRole('region', { name: /Diễn biến 12 tháng/ });
  await trend.getByText('Xem số liệu dạng bảng').click();
  await expect(trend.locator('tbody tr')).toHaveCount(12);
  await expect(trend.locator('tbody tr').last().locator('td').first()).toContainText(viPercent(api.kpis.onTime!.value));

  // Near-due: the count is that of the database (unfinished, not late yet, late within the window shown).
  const nearDue = page.getByRole('region', { name: /Hồ sơ sắp đến hạn/ });
  await expect(nearDue).toBeVisible();
  const heading = await nearDue.getByRole('heading').innerText();
  const shown = Number(/\((\d[\d.]*)\)/.exec(heading)![1]!.replace(/\./g, ''));
  const [{ n }] = (await sql<{ n: number }>(`
    SELECT count(*)::int AS n FROM dossiers d JOIN units u ON u.id = d.unit_id
    WHERE u.path LIKE (SELECT path FROM units WHERE code = '608') || '%' AND d.ended_at IS NULL AND d.late_after >= now()
      AND d.late_after <= (SELECT tthc_end_of_day(day) FROM work_days WHERE is_working AND day > tthc_local_day(now()) ORDER BY day OFFSET 1 LIMIT 1)`)) as [
    { n: number },
  ];
  expect(Math.abs(shown - n)).toBeLessThanOrEqual(2); // a dossier may cross a boundary while the page loads
  await snapshot(page, 'unit-page');

  // Print: A4, no menu, no buttons, the charts' tables shown.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Chính' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'In / lưu PDF' })).toBeHidden();
  await expect(page.getByText(/In lúc \d\d\/\d\d\/\d{4}/)).toBeVisible();
  const pdf = test.info().outputPath('unit-page.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: false });
  await test.info().attach('unit-page-print', { path: pdf, contentType: 'application/pdf' });
});

test('the breakdown by field shows each field’s own KPI report', async ({ page }) => {
  const month = previousMonth();
  await page.goto(`/units/608?month=${month.key}`);
  const rows = page.locator('table.breakdown tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const row of (await rows.all()).slice(0, 3)) {
    const field = (await row.getAttribute('data-code'))!;
    const api = (await (
      await page.request.get(`/api/v1/kpi?unit=608&from=${month.from}&to=${month.to}&field=${field}`)
    ).json()) as {
      kpis: { onTime: { value: number | null } };
      counts: { received: number };
    };
    await expect(row.locator('td').nth(0), field).toHaveText(api.counts.received.toLocaleString('vi-VN'));
    await expect(row.locator('td').nth(3), field).toContainText(viPercent(api.kpis.onTime.value));
  }
});

test('a quarter on the unit page: its KPIs, and every link (children, rank, overdue and late lists) keeps the quarter', async ({
  page,
}) => {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const n = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - 1; // the quarter before this one
  const [year, q] = [Math.floor(n / 4), (n % 4) + 1];
  const quarter = {
    key: `${year}-Q${q}`,
    name: `quý ${['I', 'II', 'III', 'IV'][q - 1]}/${year}`,
    from: `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`,
    to: new Date(Date.UTC(year, q * 3, 0)).toISOString().slice(0, 10),
  };
  const carries = new RegExp(`[?&]ky=${quarter.key}(&|$)`);
  await page.goto(`/units/608?ky=${quarter.key}`);
  await expect(page.getByText(`· ${quarter.name}`)).toBeVisible();

  const api = (await (await page.request.get(`/api/v1/kpi?unit=608&from=${quarter.from}&to=${quarter.to}`)).json()) as {
    kpis: Record<string, { value: number | null }>;
  };
  const table = page.getByRole('region', { name: 'Chỉ số so với chỉ tiêu' });
  for (const key of ['onTime', 'online', 'satisfaction']) {
    await expect(table.locator(`tr[data-kpi="${key}"] td`).first(), key).toHaveText(viPercent(api.kpis[key]!.value));
  }
  await expect(page.getByTestId('peer-rank').getByRole('link', { name: 'Bảng xếp hạng ›' })).toHaveAttribute('href', carries);

  // Late dossiers: the list of late units and officials always; the overdue list when there are late dossiers.
  const late = page.getByRole('region', { name: /^Hồ sơ trễ hạn/ });
  await expect(late.getByRole('link', { name: 'Đơn vị, cán bộ chậm muộn' })).toHaveAttribute('href', /donvi=608/);
  await expect(late.getByRole('link', { name: 'Đơn vị, cán bộ chậm muộn' })).toHaveAttribute('href', carries);
  const filterLink = late.getByRole('link', { name: 'Lọc danh sách' });
  if ((await filterLink.count()) > 0) {
    await expect(filterLink).toHaveAttribute('href', carries);
    await filterLink.click();
    await expect(page).toHaveURL(/\/overdue\?/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hồ sơ trễ hạn');
    await expect(page.getByText(`${quarter.name} (`)).toBeVisible();
    await page.goBack();
  }

  // A commune of the city opens for the same quarter.
  const children = page.getByRole('region', { name: 'Đơn vị trực thuộc' });
  const child = children.getByRole('rowheader').getByRole('link').first();
  await expect(child).toHaveAttribute('href', carries);
  const name = await child.innerText();
  await child.click();
  await expect(page).toHaveURL(carries);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByText(`· ${quarter.name}`)).toBeVisible();
});

test('an old ?month= link opens that month, with the month chosen in the period filter', async ({ page }) => {
  const month = previousMonth();
  await page.goto(`/units/608?month=${month.key}`);
  await expect(page.getByText(`· tháng ${Number(month.key.slice(5))}/${month.key.slice(0, 4)}`)).toBeVisible();
  await expect(page.getByLabel('Kỳ', { exact: true })).toHaveValue(month.key);
});
