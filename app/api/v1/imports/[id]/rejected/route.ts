// GET /api/v1/imports/{id}/rejected — the rejected rows of one import (row, column, value, reason) as CSV for Excel:
// the import's rejected-rows file, streamed (every row), or for an import without one (made elsewhere, or before the
// file was kept) the first 10,000 kept in the history.
// Needs the import right; an importer bound to a unit sees only its own imports (404 for the others).
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { apiGet } from '@/lib/server/api';
import { rejectedRowsCsv } from '@/lib/server/import/run';
import { rejectedRowsPath } from '@/lib/server/import/rejected';
import { getRejectedRows } from '@/lib/server/queries/imports';
import { NotFoundError } from '@/lib/server/errors';

/** The import's file of every rejected row, streamed; null when it has none here (made on another machine). */
async function openRejectedFile(name: string | null): Promise<ReadableStream<Uint8Array> | null> {
  const file = rejectedRowsPath(name);
  if (!file) return null;
  try {
    const handle = await fs.promises.open(file, 'r');
    return Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return apiGet(z.object({}), { action: 'import' }, async (_, scope) => {
    const batch = /^\d{1,9}$/.test(id) ? await getRejectedRows(scope, Number(id)) : null;
    if (!batch) throw new NotFoundError('import_not_found', `Không có lần nạp số ${id}.`);
    const name = `${id}-${(batch.fileName ?? 'nap').replace(/\.(csv|xlsx)$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '_')}-loi.csv`;
    const body = (await openRejectedFile(batch.rejectedFile)) ?? rejectedRowsCsv(batch.errors);
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Disposition': `attachment; filename="${id}-loi.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      },
    });
  })(request);
}
