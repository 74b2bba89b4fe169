// The import history: one entry per import of any kind, opened when it starts and closed with its counts (SPEC §4).
import 'server-only';
import { getDb } from '@/lib/server/db';
import { db, sql } from '@/lib/server/sql';
import type { RowError } from '@/lib/import/dossier-row';
import { KEPT_REJECTED } from './rejected';
import type { Unresolved } from './resolve';

export type ImportKind = 'dossiers' | 'units' | 'unit_mapping' | 'procedures' | 'holidays' | 'feedback';

/** Opens an import in the history (by whom, when a signed-in user); returns its id. */
export async function startImport(
  source: string,
  fileName: string | null,
  kind: ImportKind,
  userId: number | null,
  retryOf: number | null = null,
): Promise<number> {
  const row = await db()
    .insertInto('import_batches')
    .values({ kind: sql<ImportKind>`${kind}::import_kind`, source, file_name: fileName, user_id: userId, retry_of: retryOf })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** The first rejected rows' errors (all of them are in the rejected-rows file). */
  rejected: RowError[];
  rejectedErrors: number;
  rejectedFileName: string | null;
  skipped: number;
  skipReasons: Record<string, number>;
  unresolved: Unresolved[];
}

/** Closes an import in the history with its counts and (the first 10,000) rejected rows; all are in its file. */
export async function finishImport(id: number, counts: ImportCounts, status: 'done' | 'failed' = 'done') {
  await getDb().$executeRaw`
    UPDATE import_batches SET status = ${status}::import_status, finished_at = now(), inserted = ${counts.inserted},
      updated = ${counts.updated}, unchanged = ${counts.unchanged}, rejected = ${counts.rejectedErrors},
      errors = ${JSON.stringify(counts.rejected.slice(0, KEPT_REJECTED))}::jsonb, rejected_file = ${counts.rejectedFileName},
      skipped = ${counts.skipped}, skip_reasons = ${JSON.stringify(counts.skipReasons)}::jsonb,
      unresolved = ${counts.unresolved.length > 0 ? JSON.stringify(counts.unresolved) : null}::jsonb
    WHERE id = ${id}`;
}
