// Each demo role signs in and sees what it should; a chair cannot open another unit; an auditor's export is audited
// and its cells cannot run formulas in Excel; the public sees only published months.
import fs from 'node:fs';
import { DEMO_PASSWORD, demoAccounts } from '../../prisma/seed/accounts';
import { expect, test } from './fixtures';

const MENU: Record<string, { sees: string[]; not: string[] }> = {
  quantri: { sees: ['Tổng quan', 'Hồ sơ trễ hạn', 'Nhật ký', 'Công bố', 'Nạp dữ liệu'], not: ['Đơn vị của tôi'] },
  vanphong: { sees: ['Tổng quan', 'Hồ sơ trễ hạn'], not: ['Nhật ký', 'Công bố', 'Đơn vị của tôi', 'Nạp dữ liệu'] },
  'lanhdao.tpkontum': { sees: ['Tổng quan', 'Hồ sơ trễ hạn', 'Đơn vị của tôi'], not: ['Nhật ký', 'Công bố', 'Nạp dữ liệu'] },
  kiemtra: { sees: ['Tổng quan', 'Hồ sơ trễ hạn'], not: ['Nhật ký', 'Công bố', 'Đơn vị của tôi', 'Nạp dữ liệu'] },
};

for (const account of demoAccounts('kon-tum-2024')) {
  test(`${account.username} (${account.role}) signs in through the form and gets the menu of the role`, async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login\?next=/);
    await page.getByLabel('Tên đăng nhập').fill(account.username);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Tổng quan');
    await expect(page.getByRole('banner')).toContainText(account.name);
    const nav = page.getByRole('navigation', { name: 'Chính' });
    for (const name of MENU[account.username]!.sees) await expect(nav.getByRole('link', { name })).toBeVisible();
    for (const name of MENU[account.username]!.not) await expect(nav.getByRole('link', { name })).toHaveCount(0);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login\?next=/);
  });
}

test('a wrong password is refused with a message, and the form keeps the username', async ({ page, sql }) => {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill('kiemtra');
  await page.getByLabel('Mật khẩu').fill('khong-dung-1');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('#sign-in-error')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('kiemtra');
  const [row] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE actor = 'user:kiemtra' AND action = 'sign_in_failed'`,
  );
  expect(row!.n).toBeGreaterThan(0);
});

test.describe('a chair', () => {
  test.use({ user: 'lanhdao.tpkontum', expectedConsoleErrors: [/status of 403/] });

  test('reads the own unit and drills into a ward, but another unit’s address says "không có quyền"', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Đơn vị của tôi' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('UBND thành phố Kon Tum');
    await expect(page.getByRole('heading', { name: 'Chỉ số so với chỉ tiêu' })).toBeVisible();
    await page.getByRole('link', { name: 'UBND phường Quang Trung' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('UBND phường Quang Trung');
    await page.screenshot({ path: test.info().outputPath('unit-page-chair.png'), fullPage: true });

    const response = await page.goto('/units/STP');
    expect(response!.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Không có quyền truy cập' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('forbidden.png'), fullPage: true });
  });
});

test.describe('an auditor', () => {
  test.use({ user: 'kiemtra' });

  test('downloads a unit’s late dossiers as CSV: the rows are the API’s, formulas neutralised, the export audited', async ({
    page,
    sql,
  }) => {
    // A handler name that would be a formula in Excel.
    const [late] = await sql<{ code: string }>(`
      SELECT d.code FROM dossiers d JOIN units u ON u.id = d.unit_id
      WHERE u.path LIKE (SELECT path FROM units WHERE code = '608') || '%' AND d.outcome = 3
        AND d.ended_at >= '2026-09-30T17:00:00Z' AND d.ended_at < '2026-10-31T17:00:00Z' ORDER BY d.code LIMIT 1`);
    await sql(`UPDATE dossiers SET handler = '=HYPERLINK("http://evil.example","bấm")' WHERE code = $1`, [late!.code]);

    await page.goto('/units/608?month=2026-10');
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải danh sách (CSV)' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('ho-so-tre-han_608_2026-10-01_2026-10-31.csv');
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFFMã hồ sơ,Tình trạng,')).toBe(true);
    const lines = text.trim().split('\r\n').slice(1);
    const api = await page.context().request.get('/api/v1/overdue?unit=608&from=2026-10-01&to=2026-10-31&pageSize=500');
    const body = (await api.json()) as { total: number; rows: Array<{ code: string }> };
    expect(lines).toHaveLength(body.total);
    expect(lines.map((l) => l.split(',')[0])).toEqual(body.rows.map((r) => r.code));
    const evil = lines.find((l) => l.startsWith(`${late!.code},`))!;
    expect(evil).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm"")"`);

    const [audit] = await sql<{ details: { rows: number; complete: boolean; filter: { unit: string } } }>(
      `SELECT details FROM audit_log WHERE actor = 'user:kiemtra' AND action = 'export' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit!.details).toMatchObject({
      rows: body.total,
      complete: true,
      filter: { unit: '608', from: '2026-10-01', to: '2026-10-31' },
    });
  });
});

test.describe('an admin', () => {
  test.use({ user: 'quantri' });

  test('sees the auditor’s export in the audit log, and publishes a month with officials’ names for the public', async ({
    page,
    browser,
  }) => {
    await page.goto('/admin/audit?actor=kiemtra&action=export');
    await expect(page.getByRole('row').filter({ hasText: 'Xuất dữ liệu' }).first()).toContainText('user:kiemtra');
    await page.screenshot({ path: test.info().outputPath('audit-log.png'), fullPage: true });

    await page.goto('/admin/publish');
    const row = page.locator('tr[data-month="2026-09"]');
    await row.getByLabel('Công khai tên cán bộ').check();
    await row.getByRole('button', { name: /^Công bố/ }).click();
    await expect(row.getByRole('status')).toHaveText(/^Đã công bố (lại )?tháng 2026-09 \(phiên bản \d+\)\.$/);

    const anonymous = await browser.newPage();
    try {
      await anonymous.goto('/cong-khai/2026-09');
      await expect(anonymous.getByRole('heading', { level: 1 })).toHaveText('Kết quả giải quyết TTHC tháng 9/2026');
      await expect(anonymous.getByRole('heading', { name: 'Danh sách cán bộ có hồ sơ trễ hạn' })).toBeVisible();
      await anonymous.screenshot({ path: test.info().outputPath('public-month.png'), fullPage: true });
    } finally {
      await anonymous.close();
    }
  });
});

test('the public sees published months without signing in, never an unpublished one or officials’ names unless chosen', async ({
  page,
  sql,
}) => {
  const [latest] = await sql<{ month: string; show_handlers: boolean }>(
    `SELECT to_char(month, 'YYYY-MM') AS month, show_handlers FROM publications WHERE NOT show_handlers AND withdrawn_at IS NULL ORDER BY month DESC LIMIT 1`,
  );
  await page.goto(`/cong-khai/${latest!.month}`);
  await expect(page.getByRole('heading', { name: 'Xếp hạng Xã, phường, thị trấn' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Danh sách đơn vị có hồ sơ trễ hạn' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Danh sách cán bộ có hồ sơ trễ hạn' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Tổng quan' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Hồ sơ trễ hạn', exact: true })).toHaveCount(0);
  const unpublished = await page.request.get('/cong-khai/2019-01');
  expect(unpublished.status()).toBe(404);
  const api = await page.request.get('/api/v1/kpi?unit=62&from=2026-10-01&to=2026-10-31');
  expect(api.status()).toBe(401);
});
