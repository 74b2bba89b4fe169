// The one Prisma client of the app (driver adapter on node-postgres), created on first use.
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { requireDatabaseUrl } from '@/lib/env';

const globalForDb = globalThis as unknown as { tthcDb?: PrismaClient };

export function getDb(): PrismaClient {
  globalForDb.tthcDb ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: requireDatabaseUrl(), max: 10 }),
  });
  return globalForDb.tthcDb;
}
