// POST /api/v1/imports?kind=&fileName=[&dryRun=1][&sheet=][&retryOf=] (kind `auto`: the kind the file's header shows) — the
// body is the file itself (CSV, XLSX — canonical or a one-stop export — or a DongBoHoSoMC JSON file), streamed into
// the same `importFile` as the CLI, never held in memory whole. The answer is a stream of JSON lines (NDJSON):
// `{"type":"progress","rows","bytes"}` while it runs, then `{"type":"done",…counts,errors}` or `{"type":"error",message}`.
// Used by the upload page (/admin/import). Needs the import right; an importer bound to a unit imports only dossiers,
// and only of its own units.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { apiUpload } from '@/lib/server/api';
import { audit } from '@/lib/server/audit';
import { IMPORT_KINDS, ImportFileError, formatOf, importFile } from '@/lib/server/import/run';
import { importSource } from '@/lib/server/queries/imports';
import { AccessError } from '@/lib/server/errors';

const query = z.object({
  // unit-mapping or unit_mapping: the CLI's spelling and the history's.
  kind: z
    .string()
    .transform((k) => k.replace('-', '_'))
    .pipe(z.enum([...IMPORT_KINDS, 'auto'], { error: `kind là một trong: auto, ${IMPORT_KINDS.join(', ')}` })),
  fileName: z
    .string({ error: 'Thiếu tên tệp' })
    .trim()
    .max(255)
    .regex(/\.(csv|xlsx|json)$/i, 'Chỉ nạp được tệp .csv (UTF-8, dấu phẩy hoặc chấm phẩy), .xlsx hoặc .json (gói DongBoHoSoMC)'),
  dryRun: z.enum(['0', '1']).optional(),
  sheet: z.string().trim().min(1).max(100).optional(),
});

/** Rejected rows sent with the result; all of them download as CSV from the history. */
const FIRST_ERRORS = 50;

export const POST = apiUpload(query, { action: 'import' }, async (input, scope, body) => {
  if (input.kind !== 'dossiers' && input.kind !== 'auto' && scope.path !== '/') {
    throw new AccessError(403, 'forbidden', 'Danh mục (đơn vị, thủ tục, ngày nghỉ, phản ánh) chỉ quản trị toàn tỉnh được nạp.');
  }
  let bytes = 0;
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
  );
  const file = Readable.fromWeb(counted as NodeReadableStream<Uint8Array>);
  const encoder = new TextEncoder();
  // A reader that went away (tab closed) does not stop the import: it finishes and stays in the history.
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: object) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          open = false;
        }
      };
      send({ type: 'progress', rows: 0, bytes: 0 });
      try {
        const s = await importFile(input.kind, file, {
          fileName: input.fileName,
          source: importSource(scope, 'upload'),
          userId: scope.actor.kind === 'user' ? scope.actor.id : null,
          format: formatOf(input.fileName) ?? 'csv',
          sheet: input.sheet,
          dryRun: input.dryRun === '1',
          scopePath: scope.path,
          onProgress: (rows) => send({ type: 'progress', rows, bytes }),
        });
        if (s.importId !== null) {
          await audit(scope.actor.label, 'import', `import:${s.importId}`, {
            kind: s.kind,
            source: 'upload',
            file: input.fileName,
            rows: s.rows,
            inserted: s.inserted,
            updated: s.updated,
            unchanged: s.unchanged,
            skipped: s.skipped,
            rejected: s.rejectedErrors,
          });
        }
        send({
          type: 'done',
          importId: s.importId,
          kind: s.kind,
          dryRun: input.dryRun === '1',
          rows: s.rows,
          inserted: s.inserted,
          updated: s.updated,
          unchanged: s.unchanged,
          skipped: s.skipped,
          skipReasons: s.skipReasons,
          unresolved: s.unresolved,
          rejectedRows: s.rejectedRows,
          errorCount: s.rejectedErrors,
          errors: s.rejected.slice(0, FIRST_ERRORS),
          duplicates: s.duplicateCount,
          ignoredColumns: s.ignoredColumns,
        });
      } catch (e) {
        if (!(e instanceof ImportFileError)) console.error(e);
        send({
          type: 'error',
          message:
            e instanceof ImportFileError
              ? e.message
              : 'Nạp thất bại do lỗi máy chủ; các lô đã ghi vẫn giữ nguyên, nạp lại tệp để hoàn tất.',
        });
        file.destroy();
      }
      try {
        if (open) controller.close();
      } catch {
        // The reader cancelled between the last line and the close: nothing left to tell it.
      }
    },
    cancel() {
      open = false;
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' },
  });
});
