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
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !expectedConsoleErrors.some((re) => re.test(message.text()))) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(page);
    expect(errors, 'errors in the browser console').toEqual([]);
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
