// The one connection pool of the app and the one Prisma client on it (driver adapter on node-postgres), created on
// first use. The pool itself is for the few things Prisma cannot do — COPY into the importer's staging table.
import 'server-only';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { requireDatabaseUrl } from '@/lib/env';

const globalForDb = globalThis as unknown as { tthcDb?: PrismaClient; tthcPool?: pg.Pool; tthcDatabaseUrl?: string };

/**
 * The database of this process when it is known only at run time (a command-line tool on the embedded PostgreSQL it
 * started): called once, before the first query. Otherwise the configured DATABASE_URL is used.
 */
export function selectDatabase(url: string): void {
  if (globalForDb.tthcPool && globalForDb.tthcDatabaseUrl !== url)
    throw new Error('The database is already in use: call selectDatabase before the first query.');
  globalForDb.tthcDatabaseUrl = url;
}

export function getPool(): pg.Pool {
  if (!globalForDb.tthcPool) {
    const connectionString = globalForDb.tthcDatabaseUrl ?? requireDatabaseUrl();
    globalForDb.tthcDatabaseUrl = connectionString;
    // allowExitOnIdle: a command-line tool ends when its work is done, without waiting for idle connections to time out.
    const pool = new pg.Pool({ connectionString, max: 10, allowExitOnIdle: true });
    // An idle connection closed by the server (a restart; the CLI stopping its embedded server) is dropped, not fatal.
    pool.on('error', () => undefined);
    globalForDb.tthcPool = pool;
  }
  return globalForDb.tthcPool;
}

export function getDb(): PrismaClient {
  globalForDb.tthcDb ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return globalForDb.tthcDb;
}
