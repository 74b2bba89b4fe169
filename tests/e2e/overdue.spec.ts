// Hồ sơ trễ hạn (/overdue): the auditor signs in, filters the list, and gets on the page, from the API and in both
// downloads (CSV and XLSX, through the page's links) exactly the late dossiers of that filter.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page, TestInfo } from '@playwright/test';
import ExcelJS from 'exceljs';
import { DEMO_PASSWORD } from '../../prisma/seed/accounts';
import { expect, parseViNumber, test } from './fixtures';

/** Last month, in Vietnam time: its preset key and its bounds. */
function lastMonth() {
  const local = new Date(Date.now() + 7 * 3_600_000);
  const first = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  const next = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    key: day(first).slice(0, 7),
    from: day(first),
    to: day(new Date(next.getTime() - 86_400_000)),
    start: `${day(first)}T00:00:00+07:00`,
    end: `${day(next)}T00:00:00+07:00`,
  };
}

const RESOLVED_LATE = 'Đã giải quyết trễ hạn';

/** A full-page screenshot, kept in test-results/ and attached to the report. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test('an auditor filters the late dossiers by unit, field and status; the page, the API and both downloads agree', async ({
  page,
  sql,
}, testInfo) => {
  const month = lastMonth();
  // The field with the most dossiers resolved late last month inside TP Kon Tum (608), so the filter keeps some rows.
  const [field] = await sql<{ code: string; name: string }>(
    `
    SELECT f.code, f.name FROM dossiers d JOIN units u ON u.id = d.unit_id
      JOIN procedures p ON p.id = d.procedure_id JOIN fields f ON f.id = p.field_id
    WHERE u.path LIKE (SELECT path FROM units WHERE code = '608') || '%' AND d.outcome = 3
      AND d.ended_at >= $1 AND d.ended_at < $2
    GROUP BY f.code, f.name ORDER BY count(*) DESC, f.code LIMIT 1`,
    [month.start, month.end],
  );
  expect(field, 'a late dossier in TP Kon Tum last month').toBeDefined();
  const subtree = new Set(
    (
      await sql<{ code: string }>(`SELECT code FROM units WHERE path LIKE (SELECT path FROM units WHERE code = '608') || '%'`)
    ).map((r) => r.code),
  );

  // Sign in through the form, coming back to the list.
  await page.goto('/overdue');
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Tên đăng nhập').fill('kiemtra');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hồ sơ trễ hạn');
  await expect(page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Hồ sơ trễ hạn' })).toBeVisible();

  // The period (its own form), then the filters.
  await page.getByLabel('Kỳ', { exact: true }).selectOption(month.key);
  await page.getByRole('button', { name: 'Xem' }).click();
  await expect(page).toHaveURL(new RegExp(`ky=${month.key}`));
  const filters = page.getByRole('form', { name: 'Lọc hồ sơ trễ hạn' });
  await filters.getByLabel('Đơn vị').selectOption('608');
  await filters.getByLabel('Lĩnh vực').selectOption(field!.code);
  await filters.getByLabel('Tình trạng').selectOption('resolved_late');
  await filters.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/status=resolved_late/);
  await expect(page).toHaveURL(new RegExp(`field=${encodeURIComponent(field!.code)}`));
  await expect(page).toHaveURL(/unit=608/);
  await expect(page).toHaveURL(new RegExp(`ky=${month.key}`));

  // The count on the page is the API's total for the same filter.
  const total = parseViNumber(await page.getByTestId('overdue-total').innerText());
  expect(total).toBeGreaterThan(0);
  const apiQuery = new URLSearchParams({
    unit: '608',
    from: month.from,
    to: month.to,
    field: field!.code,
    status: 'resolved_late',
    pageSize: '500',
  });
  const api = (await (await page.context().request.get(`/api/v1/overdue?${apiQuery}`)).json()) as {
    total: number;
    rows: Array<{ code: string }>;
  };
  expect(api.total).toBe(total);
  const table = page.getByRole('table');
  const bodyRows = table.locator('tbody tr');
  await expect(bodyRows).toHaveCount(Math.min(total, 50));
  for (const text of await bodyRows.allInnerTexts()) {
    expect(text).toContain(RESOLVED_LATE);
    expect(text).toContain(field!.name);
  }
  expect(await table.locator('tbody th[scope=row]').allInnerTexts()).toEqual(api.rows.slice(0, 50).map((r) => r.code));
  await expect(table.getByRole('columnheader', { name: 'Hạn giải quyết' })).toBeVisible();
  await expect(table.locator('tbody td').nth(5)).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/); // Ngày tiếp nhận, dd/MM/yyyy
  await shot(page, testInfo, 'overdue-filtered');

  // Both downloads, through the page's links.
  const download = async (name: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    return fs.readFileSync((await file.path())!);
  };
  const csv = parse((await download('Tải CSV')).toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Array<
    Record<string, string>
  >;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await download('Tải XLSX')) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  const xlsx: Array<Record<string, string>> = [];
  sheet.eachRow((row, n) => {
    if (n > 1) xlsx.push(Object.fromEntries(header.map((h, i) => [h, String((row.values as unknown[])[i + 1] ?? '')])));
  });
  for (const [name, rows] of [
    ['CSV', csv],
    ['XLSX', xlsx],
  ] as const) {
    expect(rows.length, name).toBe(total);
    expect(
      rows.map((r) => r['Mã hồ sơ']),
      name,
    ).toEqual(expect.arrayContaining(api.rows.map((r) => r.code)));
    for (const r of rows) {
      expect(r['Tình trạng'], name).toBe(RESOLVED_LATE);
      expect(r['Lĩnh vực'], name).toBe(field!.name);
      expect(subtree.has(r['Mã đơn vị']!), `${name}: unit ${r['Mã đơn vị']} inside TP Kon Tum`).toBe(true);
    }
  }
});

test.describe('the list', () => {
  test.use({ user: 'kiemtra' });

  test('pages keep the filters; bad values and no match give a message, not an error', async ({ page }, testInfo) => {
    const year = String(new Date().getUTCFullYear());
    await page.goto(`/overdue?ky=${year}&status=resolved_late`);
    const total = parseViNumber(await page.getByTestId('overdue-total').innerText());
    expect(total).toBeGreaterThan(50);
    await page.getByRole('link', { name: 'Trang sau →' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page).toHaveURL(/status=resolved_late/);
    await expect(page).toHaveURL(new RegExp(`ky=${year}`));
    await expect(page.getByRole('navigation', { name: 'Phân trang' })).toContainText('Trang 2 /');
    expect(parseViNumber(await page.getByTestId('overdue-total').innerText())).toBe(total);

    await page.goto('/overdue?status=late&apology=maybe');
    const bad = page.getByRole('alert').filter({ hasText: 'Bộ lọc không hợp lệ' });
    await expect(bad).toContainText('status là resolved_late hoặc pending_late');
    await expect(bad).toContainText('apology là yes hoặc no');
    await expect(page.getByTestId('overdue-total')).toBeVisible();

    await page.goto('/overdue?field=KHONG-CO');
    await expect(page.getByRole('alert').filter({ hasText: 'Không có lĩnh vực mã "KHONG-CO"' })).toBeVisible();

    await page.goto(`/overdue?ky=${year}&handler=${encodeURIComponent('Không Ai Tên Này')}`);
    await expect(page.getByText('Không có hồ sơ trễ hạn nào khớp bộ lọc trong kỳ')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Tải CSV' })).toHaveCount(0);
    await shot(page, testInfo, 'overdue-empty');
  });
});
