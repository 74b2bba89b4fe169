// The audit trail (append-only table, UTC timestamps): who did what to what, with details.
import 'server-only';
import { getDb } from '@/lib/server/db';

export type AuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'unauthenticated'
  | 'access_denied'
  | 'export'
  | 'import'
  | 'token_use'
  | 'month_published'
  | 'month_republished'
  | 'month_unpublished'
  | 'user_created'
  | 'user_changed'
  | 'token_created'
  | 'token_revoked'
  | 'name_mapped';

export async function audit(actor: string, action: AuditAction, target: string | null = null, details: object | null = null) {
  await getDb().$executeRaw`
    INSERT INTO audit_log (actor, action, target, details)
    VALUES (${actor}, ${action}, ${target}, ${details === null ? null : JSON.stringify(details)}::jsonb)`;
}
