// Browsing the audit log (admins): newest first, filtered by actor, action and local days, paged by id.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { addDays, startOfLocalDay, type LocalDay } from '@/lib/calendar';
import { getDb } from '@/lib/server/db';

export interface AuditFilter {
  /** Part of the actor, e.g. "kiemtra" or "token:". */
  actor?: string;
  action?: string;
  from?: LocalDay;
  to?: LocalDay;
  /** Entries older than this id (the next page). */
  before?: bigint;
}

export interface AuditEntry {
  id: bigint;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
}

export async function listAudit(filter: AuditFilter, limit = 100): Promise<AuditEntry[]> {
  const where: Prisma.Sql[] = [Prisma.sql`true`];
  if (filter.actor) where.push(Prisma.sql`actor ILIKE ${`%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (filter.action) where.push(Prisma.sql`action = ${filter.action}`);
  if (filter.from) where.push(Prisma.sql`at >= ${startOfLocalDay(filter.from)}`);
  if (filter.to) where.push(Prisma.sql`at < ${startOfLocalDay(addDays(filter.to, 1))}`);
  if (filter.before !== undefined) where.push(Prisma.sql`id < ${filter.before}`);
  return getDb().$queryRaw<AuditEntry[]>(Prisma.sql`
    SELECT id, at, actor, action, target, details FROM audit_log
    WHERE ${Prisma.join(where, ' AND ')} ORDER BY id DESC LIMIT ${limit}`);
}
