// Browsing the audit log (admins): newest first, filtered by actor, action and local days, paged by id.
import 'server-only';
import { addDays, startOfLocalDay, type LocalDay } from '@/lib/calendar';
import { db } from '@/lib/server/sql';

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
  let query = db().selectFrom('audit_log').select(['id', 'at', 'actor', 'action', 'target', 'details']);
  if (filter.actor) query = query.where('actor', 'ilike', `%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('at', '>=', startOfLocalDay(filter.from));
  if (filter.to) query = query.where('at', '<', startOfLocalDay(addDays(filter.to, 1)));
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
