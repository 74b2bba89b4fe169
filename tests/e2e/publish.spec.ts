// Công bố (SPEC §7): an admin publishes a month and the public reads its frozen record and downloads the notice;
// publishing again shows the adjustment, what changed and the earlier version; withdrawing hides every version and
// keeps them. Each step audited.
import { expect, test } from './fixtures';

/** Two months back: the demo's first start published the last one. */
const MONTH = (() => {
  const now = new Date(Date.now() + 7 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 7);
})();
const [YEAR, MM] = MONTH.split('-') as [string, string];

test.use({ user: 'quantri' });

test('an admin publishes, publishes again and withdraws a month; the public reads each version and the notice', async ({
  page,
  browser,
  sql,
}) => {
  await sql(`DELETE FROM publications WHERE month = $1::date`, [`${MONTH}-01`]);
  await page.goto('/admin/publish');
  const row = page.locator(`tr[data-month="${MONTH}"]`);
  await row.getByRole('button', { name: 'Công bố', exact: true }).click();
  await expect(row.getByRole('status')).toHaveText(`Đã công bố tháng ${MONTH} (phiên bản 1).`);

  const anonymous = await browser.newPage();
  try {
    await anonymous.goto(`/cong-khai/${MONTH}`);
    await expect(anonymous.getByRole('heading', { level: 1 })).toHaveText(`Kết quả giải quyết TTHC tháng ${Number(MM)}/${YEAR}`);
    await expect(anonymous.getByRole('heading', { name: 'Kết quả chung của tỉnh' })).toBeVisible();
    await expect(anonymous.getByText(/đã điều chỉnh/)).toHaveCount(0);
    const [download] = await Promise.all([
      anonymous.waitForEvent('download'),
      anonymous.getByRole('link', { name: 'Tải thông báo (DOCX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`Thông báo kết quả giải quyết TTHC tháng ${MM}-${YEAR}.docx`);

    await row.getByRole('button', { name: 'Công bố lại (phiên bản mới)' }).click();
    await expect(row.getByRole('status')).toHaveText(`Đã công bố lại tháng ${MONTH} (phiên bản 2).`);
    await expect(row.getByRole('listitem')).toHaveCount(2);
    await anonymous.goto(`/cong-khai/${MONTH}`);
    await expect(anonymous.getByText(/đã điều chỉnh ngày \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
    await expect(anonymous.getByRole('heading', { name: 'Thay đổi so với phiên bản 1' })).toBeVisible();
    await anonymous
      .getByRole('navigation', { name: 'Các phiên bản của tháng' })
      .getByRole('link', { name: /Phiên bản 1/ })
      .click();
    await expect(anonymous).toHaveURL(new RegExp(`/cong-khai/${MONTH}\\?phienban=1$`));
    await expect(anonymous.getByRole('note')).toContainText('Đây là phiên bản 1');

    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await expect(row.getByRole('status')).toContainText(`Đã thu hồi công bố tháng ${MONTH}`);
    for (const path of [`/cong-khai/${MONTH}`, `/cong-khai/${MONTH}?phienban=1`, `/api/v1/published/${MONTH}`]) {
      expect((await anonymous.request.get(path)).status(), path).toBe(404);
    }
  } finally {
    await anonymous.close();
  }
  const kept = await sql<{ version: number }>(
    `SELECT version FROM publications WHERE month = $1::date AND withdrawn_by = 'user:quantri' ORDER BY version`,
    [`${MONTH}-01`],
  );
  expect(kept.map((r) => r.version)).toEqual([1, 2]);
  const audited = await sql<{ action: string }>(
    `SELECT action FROM audit_log WHERE target = $1 AND actor = 'user:quantri' AND action LIKE 'month_%' ORDER BY id`,
    [MONTH],
  );
  expect(audited.map((r) => r.action)).toEqual(['month_published', 'month_republished', 'month_unpublished']);
  await sql(`DELETE FROM publications WHERE month = $1::date`, [`${MONTH}-01`]);
});

test.describe('a reader not signed in', () => {
  test.use({ user: null });

  test("is sent the month page from the server's copy: the same page, its scripts allowed by their hashes", async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto('/cong-khai'); // the newest month: the demo's first start published the last one
    const url = page.url();
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    // The first renders of the month may still be the app's own (the copy is kept from the render after it registers).
    let response = await page.goto(url);
    for (let i = 0; i < 2 && response?.headers()['x-page-cache'] !== 'hit'; i++) response = await page.goto(url);
    expect(response!.headers()['x-page-cache']).toBe('hit');
    const policy = response!.headers()['content-security-policy']!;
    expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
    expect(policy).not.toContain('nonce');
    expect(response!.headers()['cache-control']).toBe('public, no-cache');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    // The copy's scripts ran: the league table (a client component) sorts.
    const unitHeader = page.locator('table.league th[aria-sort]').filter({ hasText: 'Đơn vị' }).first();
    await expect(unitHeader).toHaveAttribute('aria-sort', 'none');
    await unitHeader.getByRole('button').click();
    await expect(unitHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    // A conditional request for the copy is a 304.
    const again = await page.request.get(url, { headers: { 'If-None-Match': response!.headers()['etag']! } });
    expect(again.status()).toBe(304);
  });
});
