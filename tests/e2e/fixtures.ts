// Test fixtures: every page fails its test on a console error, and on an accessibility violation (axe, WCAG 2.1 A and
// AA) in the state the test leaves it in; `sql` reads the database the server uses; `test.use({ user: 'vanphong' })`
// signs the browser in as a demo account before the test.
import { AxeBuilder } from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import pg from 'pg';
import { E2E } from '../../playwright.config';
import { DEMO_PASSWORD } from '../../prisma/seed/accounts';

/** Signs a request context (and the pages sharing its cookies) in through Auth.js's credentials endpoint. */
export async function signIn(request: APIRequestContext, username: string, password = DEMO_PASSWORD) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  return request.post('/api/auth/callback/credentials', {
    form: { csrfToken, username, password, callbackUrl: '/' },
    maxRedirects: 0,
  });
}

export const test = base.extend<{
  user: string | null;
  /** Console errors a test expects (e.g. the browser's note of a 403 response). */
  expectedConsoleErrors: RegExp[];
  sql: <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<T[]>;
}>({
  user: [null, { option: true }],
  expectedConsoleErrors: [[], { option: true }],
  page: async ({ page, user, expectedConsoleErrors }, use) => {
    if (user) {
      const response = await signIn(page.context().request, user);
      expect(response.status(), `sign-in of ${user}`).toBe(302);
    }
    const errors: Array<{ text: string; url?: string }> = [];
    const failedPrefetches = new Set<string>();
    page.on('response', (response) => {
      if (response.status() >= 400 && response.request().headers()['next-router-prefetch']) failedPrefetches.add(response.url());
    });
    page.on('console', (message) => {
      if (message.type() !== 'error' || expectedConsoleErrors.some((re) => re.test(message.text()))) return;
      // "Failed to load resource" names no address; the message's location is the resource that failed.
      errors.push({ text: message.text(), url: message.location().url || undefined });
    });
    page.on('pageerror', (error) => errors.push({ text: error.message }));
    await use(page);
    // A link's background prefetch that failed while the page itself opens is the router's business, not a broken
    // link (Next.js sometimes asks for a segment at the wrong address): noted on the test, not failed.
    const failures: string[] = [];
    for (const error of errors) {
      if (error.url && failedPrefetches.has(error.url)) {
        const address = new URL(error.url);
        address.searchParams.delete('_rsc');
        const status = (await page.request.get(address.href, { maxRedirects: 0 })).status();
        if (status < 400) {
          test.info().annotations.push({ type: 'failed prefetch', description: `${error.url} (the page itself: ${status})` });
          continue;
        }
      }
      failures.push(error.url ? `${error.text} — ${error.url}` : error.text);
    }
    expect(failures, 'errors in the browser console').toEqual([]);
    // The page as the test leaves it (a filtered list, an import's result, a sign-in error…) is checked too, unless the
    // test failed already or checked this very address itself.
    const testInfo = test.info();
    if (
      testInfo.status === testInfo.expectedStatus &&
      !page.isClosed() &&
      page.url().startsWith(testInfo.project.use.baseURL!) &&
      checked.get(page) !== page.url()
    ) {
      await expectAccessible(page);
    }
  },
  sql: async ({}, use) => {
    const client = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${E2E.pgPort}/tthc` });
    await client.connect();
    await use(async (text, values) => (await client.query(text, values)).rows);
    await client.end();
  },
});

export { expect };

/** The rules every page is held to: axe-core's rules for WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The address each page was last checked at by `expectAccessible`. */
const checked = new WeakMap<Page, string>();

/**
 * Runs axe on the page as it is once every widget has streamed in, and fails with each violation: the rule, its
 * impact and help (with the rule's page), and the selector of every element it found.
 */
export async function expectAccessible(page: Page) {
  await page.waitForLoadState('load');
  await expect(page.locator('[aria-busy="true"]'), 'every widget streamed in before the accessibility check').toHaveCount(0, {
    timeout: 15_000,
  });
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = violations.map((v) =>
    [
      `${v.id} (${v.impact ?? 'no impact given'}): ${v.help} — ${v.helpUrl}`,
      ...v.nodes.map(
        (n) =>
          `    ${n.target.join(' >>> ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/:\n\s*/g, ': ').replace(/\n\s*/g, '; ')}` : ''}`,
      ),
    ].join('\n'),
  );
  expect(violations.length, `accessibility violations (axe, WCAG 2.1 A/AA) on ${page.url()}:\n${report.join('\n')}\n`).toBe(0);
  checked.set(page, page.url());
}

/** "33.564" → 33564 (vi-VN thousands separators). */
export function parseViNumber(text: string): number {
  return Number(text.replace(/\./g, '').replace(',', '.').trim());
}

/** A full-page screenshot kept as a test artefact (test-results/<test>/<name>.png) and attached to the report. */
export async function snapshot(page: import('@playwright/test').Page, name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
}
