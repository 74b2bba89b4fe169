// Every page fits a phone (390 px) and a 1366×768 office screen: nothing scrolls the page sideways (wide tables scroll
// inside their own panel). Screenshots of each page at both sizes are kept as artefacts.
import { expect, snapshot, test } from './fixtures';

test.use({ user: 'vanphong' });

const PAGES: Array<[string, string | (() => Promise<string>)]> = [
  ['overview', '/'],
  ['rankings', '/rankings?cap=xa'],
  ['unit', '/units/608'],
  ['overdue', '/overdue?unit=608'],
  ['late', '/late'],
  ['public', '/cong-khai'],
];

for (const [width, height] of [
  [390, 844],
  [1366, 768],
] as const) {
  for (const [name, url] of PAGES) {
    test(`${name} at ${width}×${height}: no sideways scrolling`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto(url as string);
      await expect(page.locator('main h1').first()).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 }); // every widget streamed in
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${url} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      await snapshot(page, `${name}-${width}`);
    });
  }
}

test('the dossier page fits a phone', async ({ page, sql }) => {
  const [d] = await sql<{ code: string }>(
    `SELECT code FROM dossiers WHERE outcome = 3 AND supplement_completed_at IS NOT NULL LIMIT 1`,
  );
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/dossiers/${d!.code}`);
  await expect(page.getByRole('status')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await snapshot(page, 'dossier-390');
});
