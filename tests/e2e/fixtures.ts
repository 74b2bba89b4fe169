// Test fixtures: every page fails its test on a console error; `sql` reads the database the server uses;
// `test.use({ user: 'vanphong' })` signs the browser in as a demo account before the test.
import { test as base, expect, type APIRequestContext } from '@playwright/test';
import pg from 'pg';
import { E2E } from '../../playwright.config';
import { DEMO_PASSWORD } from '../../prisma/seed/accounts';

/** Signs a request context (and the pages sharing its cookies) in through Auth.js's credentials endpoint. */
export async function signIn(request: APIRequestContext, username: string, password = DEMO_PASSWORD) {
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json() as { csrfToken: string };
  return request.post('/api/auth/callback/credentials', {
    form: { csrfToken, username, password, callbackUrl: '/' }, maxRedirects: 0,
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
  },
  sql: async ({}, use) => {
    const client = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${E2E.pgPort}/tthc` });
    await client.connect();
    await use(async (text, values) => (await client.query(text, values)).rows);
    await client.end();
  },
});

export { expect };

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
