// Test fixtures: every page fails its test on a console error; `sql` reads the database the server uses.
import { test as base, expect } from '@playwright/test';
import pg from 'pg';
import { E2E } from '../../playwright.config';

export const test = base.extend<{ sql: <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<T[]> }>({
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
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
