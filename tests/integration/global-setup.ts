// Starts the real PostgreSQL the integration tests run against and builds a migrated template database;
// each test file then gets its own copy (worker-setup.ts).
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, stopOrphanPostmaster } from '../../lib/db/embedded-postgres';
import { migrate } from '../../lib/db/migrate';
import { dataDir, testPort } from '../../lib/env';

export const TEMPLATE_DB = 'tthc_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = path.join(dataDir, 'test', 'pg');
  await stopOrphanPostmaster(dir); // left behind by an interrupted run
  const server = await startEmbeddedPostgres({ dir, port: testPort(54338), database: 'postgres', settings: { fsync: 'off' } });
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE 'tthc\\_test\\_%'`,
    [TEMPLATE_DB],
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await migrate(server.url(TEMPLATE_DB));
  project.provide('pgServerUrl', server.url('postgres'));
  return async () => {
    await server.stop();
  };
}
