// GET /api/v1/imports/{id}/rejected — the rejected rows of one import: the import's rejected-rows file, streamed (every
// row in its original columns with Dòng and Lý do, in the input's format — CSV, XLSX or JSON — so that it can be
// corrected and imported again as it is), or for an import without one (made elsewhere, or before the file was kept)
// the first 10,000 kept in the history, as CSV (row, MaHoSo, column, value, reason).
// Needs the import right; an importer bound to a unit sees only its own imports (404 for the others).
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { apiGet } from '@/lib/server/api';
import { rejectedRowsCsv, rejectedRowsPath } from '@/lib/server/import/rejected';
import { getRejectedRows } from '@/lib/server/queries/imports';
import { NotFoundError } from '@/lib/server/errors';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

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
    const file = await openRejectedFile(batch.rejectedFile);
    const ext = file ? (/\.(csv|xlsx|json)$/.exec(batch.rejectedFile!)?.[1] ?? 'csv') : 'csv';
    const stem = (batch.fileName ?? 'nap').replace(/\.(csv|xlsx|json)$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '_');
    const name = `${id}-${stem}-loi.${ext}`;
    return new Response(file ?? rejectedRowsCsv(batch.errors), {
      headers: {
        'Content-Type': CONTENT_TYPES[ext as keyof typeof CONTENT_TYPES],
        'Cache-Control': 'no-store',
        'Content-Disposition': `attachment; filename="${id}-loi.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      },
    });
  })(request);
}
