// The database a command-line tool works on: DATABASE_URL when set, else the embedded PostgreSQL of `npm start`
// (started for the duration of the command when it is not already running).
import path from 'node:path';
import { dataDir, env } from '../env';
import { livePostmasterPid, startEmbeddedPostgres, stopOrphanPostmaster, walSettings } from './embedded-postgres';
import { migrate } from './migrate';

export const EMBEDDED_DATABASE = 'tthc';
export const embeddedPgDir = () => path.join(dataDir, 'pg');

/** The embedded server's settings from the configuration (a federated province runs with logical WAL). */
export const embeddedSettings = () => walSettings(env.TTHC_WAL_LEVEL, env.TTHC_MAX_SLOT_WAL_KEEP_SIZE);

export function embeddedUrl(database = EMBEDDED_DATABASE): string {
  return `postgresql://postgres:postgres@127.0.0.1:${env.PG_PORT}/${database}`;
}

/** Opens the project's database, migrated; `close` stops the embedded server when this call started it. */
export async function openDatabase(): Promise<{ url: string; embedded: boolean; close: () => Promise<void> }> {
  if (env.DATABASE_URL) {
    await migrate(env.DATABASE_URL, undefined, env.TTHC_MODE);
    return { url: env.DATABASE_URL, embedded: false, close: async () => {} };
  }
  if (livePostmasterPid(embeddedPgDir()) !== null) {
    await migrate(embeddedUrl(), undefined, env.TTHC_MODE);
    return { url: embeddedUrl(), embedded: true, close: async () => {} };
  }
  await stopOrphanPostmaster(embeddedPgDir());
  const server = await startEmbeddedPostgres({
    dir: embeddedPgDir(),
    port: env.PG_PORT,
    database: EMBEDDED_DATABASE,
    settings: embeddedSettings(),
  });
  await migrate(server.url(), undefined, env.TTHC_MODE);
  return { url: server.url(), embedded: true, close: server.stop };
}

/**
 * Runs a command-line tool's `main` on the project's database (its URL passed in, for the tool to give the app's
 * modules with `selectDatabase`), then closes it and exits with main's code; an error whose class `expected` names is
 * printed as a message, anything else in full.
 */
export async function runOnDatabase(
  main: (url: string) => Promise<number>,
  expected: (e: unknown) => boolean = () => false,
): Promise<never> {
  const db = await openDatabase();
  let code: number;
  try {
    code = await main(db.url);
  } catch (e) {
    console.error(expected(e) && e instanceof Error ? e.message : e);
    code = 1;
  } finally {
    await db.close();
  }
  process.exit(code);
}
