// GET /api/v1/imports/{id}/rejected — the rejected rows of one import (row, column, value, reason) as CSV for Excel.
// Needs the import right; an importer bound to a unit sees only its own imports (404 for the others).
import { z } from 'zod';
import { apiGet } from '@/lib/server/api';
import { rejectedRowsCsv } from '@/lib/server/import/run';
import { getRejectedRows } from '@/lib/server/queries/imports';
import { NotFoundError } from '@/lib/server/queries/report';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return apiGet(z.object({}), { action: 'import' }, async (_, scope) => {
    const batch = /^\d{1,9}$/.test(id) ? await getRejectedRows(scope, Number(id)) : null;
    if (!batch) throw new NotFoundError('import_not_found', `Không có lần nạp số ${id}.`);
    const name = `${id}-${(batch.fileName ?? 'nap').replace(/\.(csv|xlsx)$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '_')}-loi.csv`;
    return new Response(rejectedRowsCsv(batch.errors), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8', 'Cache-Control': 'no-store',
        'Content-Disposition': `attachment; filename="${id}-loi.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      },
    });
  })(request);
}
