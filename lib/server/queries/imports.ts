// The import history (import_batches): newest first, paged; and the rejected rows of one import. An actor bound to a
// unit (an importer token) sees only the imports it made itself; province-wide importers see all.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { RowError } from '@/lib/import/dossier-row';
import type { Scope } from '@/lib/server/access';
import { getDb } from '@/lib/server/db';

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
}

/** The `source` an upload or API call of this actor is recorded with. */
export const importSource = (scope: Scope, via: 'upload' | 'api') => `${via}:${scope.actor.label}`;

const visible = (scope: Scope) =>
  scope.path === '/'
    ? Prisma.sql`true`
    : Prisma.sql`b.source IN (${importSource(scope, 'upload')}, ${importSource(scope, 'api')})`;

export async function listImportBatches(
  scope: Scope,
  page: number,
  pageSize = 20,
): Promise<{ rows: ImportBatchRow[]; total: number }> {
  const db = getDb();
  const [counted] = await db.$queryRaw<Array<{ total: number }>>`
    SELECT count(*)::int AS total FROM import_batches b WHERE ${visible(scope)}`;
  const rows = await db.$queryRaw<ImportBatchRow[]>`
    SELECT b.id, b.kind::text AS kind, b.source, b.file_name AS "fileName", u.name AS "userName", b.status::text AS status,
           b.started_at AS "startedAt", b.finished_at AS "finishedAt", b.inserted, b.updated, b.unchanged, b.rejected
    FROM import_batches b LEFT JOIN users u ON u.id = b.user_id
    WHERE ${visible(scope)}
    ORDER BY b.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
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
  const [row] = await getDb().$queryRaw<
    Array<{ fileName: string | null; errors: RowError[] | null; rejectedFile: string | null }>
  >`
    SELECT b.file_name AS "fileName", b.errors, b.rejected_file AS "rejectedFile"
    FROM import_batches b WHERE b.id = ${id} AND ${visible(scope)}`;
  return row ? { fileName: row.fileName, errors: row.errors ?? [], rejectedFile: row.rejectedFile } : null;
}
