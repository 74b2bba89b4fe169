// The import history (import_batches): newest first, paged; and the rejected rows of one import. An actor bound to a
// unit (an importer token) sees only the imports it made itself; province-wide importers see all.
import 'server-only';
import type { ExpressionBuilder } from 'kysely';
import type { RowError } from '@/lib/import/dossier-row';
import type { Scope } from '@/lib/server/access';
import { db, sql, type DB } from '@/lib/server/sql';

export interface ImportBatchRow {
  id: number;
  kind: string;
  source: string;
  fileName: string | null;
  /** The signed-in user who imported, or null (CLI, API token: see `source`). */
  userName: string | null;
  status: 'running' | 'done' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Records that are not dossiers (not yet received, footer lines). */
  skipped: number;
  /** Names or identifiers that matched no unit or procedure, with their row counts. */
  unresolved: Array<{ kind: 'unit' | 'procedure'; value: string; rows: number }> | null;
  /** The latest import that imported its rejected rows again, if any. */
  retriedBy: number | null;
}

/** The `source` an upload or API call of this actor is recorded with. */
export const importSource = (scope: Scope, via: 'upload' | 'api') => `${via}:${scope.actor.label}`;

/** The imports the scope's actor may see, as a condition on `import_batches b`. */
const visible = (scope: Scope) => (eb: ExpressionBuilder<DB & { b: DB['import_batches'] }, 'b'>) =>
  scope.path === '/' ? eb.lit(true) : eb('b.source', 'in', [importSource(scope, 'upload'), importSource(scope, 'api')]);

export async function listImportBatches(
  scope: Scope,
  page: number,
  pageSize = 20,
): Promise<{ rows: ImportBatchRow[]; total: number }> {
  const counted = await db()
    .selectFrom('import_batches as b')
    .select(sql<number>`count(*)::int`.as('total'))
    .where(visible(scope))
    .executeTakeFirst();
  const rows = await db()
    .selectFrom('import_batches as b')
    .leftJoin('users as u', 'u.id', 'b.user_id')
    .select([
      'b.id',
      'b.kind',
      'b.source',
      'b.file_name as fileName',
      'u.name as userName',
      'b.status',
      'b.started_at as startedAt',
      'b.finished_at as finishedAt',
      'b.inserted',
      'b.updated',
      'b.unchanged',
      'b.rejected',
      'b.skipped',
      sql<ImportBatchRow['unresolved']>`b.unresolved`.as('unresolved'),
      sql<number | null>`(SELECT max(r.id) FROM import_batches r WHERE r.retry_of = b.id)`.as('retriedBy'),
    ])
    .where(visible(scope))
    .orderBy('b.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total: counted?.total ?? 0 };
}

/**
 * The rejected rows kept with an import (the first 10,000) and the name of its file of all of them, or null when
 * there is no such import for this actor.
 */
export async function getRejectedRows(
  scope: Scope,
  id: number,
): Promise<{ fileName: string | null; errors: RowError[]; rejectedFile: string | null } | null> {
  const row = await db()
    .selectFrom('import_batches as b')
    .select([
      'b.file_name as fileName',
      // jsonb, written only by the import's finishImport (lib/server/import/history.ts): its rejected rows' errors.
      sql<RowError[] | null>`b.errors`.as('errors'),
      'b.rejected_file as rejectedFile',
    ])
    .where('b.id', '=', id)
    .where(visible(scope))
    .executeTakeFirst();
  return row ? { fileName: row.fileName, errors: row.errors ?? [], rejectedFile: row.rejectedFile } : null;
}

/** The latest imports of the actor with names that matched no unit or procedure: the mapping step of the upload page. */
export async function listUnresolvedImports(scope: Scope, limit = 5): Promise<ImportBatchRow[]> {
  const { rows } = await listImportBatches(scope, 1, 50);
  return rows.filter((r) => r.status === 'done' && r.unresolved && r.unresolved.length > 0).slice(0, limit);
}
