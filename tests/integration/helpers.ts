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

/** Creates an API token in this test file's database; the headers that present it. */
export async function apiTokenHeaders(
  role: 'admin' | 'province' | 'chair' | 'auditor' | 'importer',
  unitCode: string | null = null,
) {
  const { hashToken, newToken } = await import('../../lib/auth/secrets');
  const token = newToken();
  const client = await connect();
  try {
    await client.query(
      `INSERT INTO api_tokens (name, token_hash, role, unit_id, created_by)
       VALUES ($1, $2, $3::token_role, (SELECT id FROM units WHERE code = $4), 'test')`,
      [`test-${role}-${unitCode ?? 'all'}-${token.slice(5, 13)}`, hashToken(token), role, unitCode],
    );
  } finally {
    await client.end();
  }
  return { Authorization: `Bearer ${token}` };
}
