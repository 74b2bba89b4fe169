// Shared helpers for integration tests: a pg client on this test file's own database.
import pg from 'pg';
import { requireDatabaseUrl } from '../../lib/env';

export async function connect(url = requireDatabaseUrl()): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A URL for another database on the same server. */
export function databaseUrl(name: string, base = requireDatabaseUrl()): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
