// POST /api/v1/dossiers — dossiers pushed by a one-stop system: the national sync payload as it is sent to the national
// portal (`{"service": "DongBoHoSoMC", "isUpdating": …, "data": [ … ]}`, SPEC §4.1) or a bare JSON array of SPEC §4
// records. The body is streamed (never held in memory whole) through the same `importFile` as the CLI and the upload
// page; up to 20,000 records are applied in one transaction, a larger body in transactions of 20,000. Answers the
// counts — skipped records (not yet received) apart from rejected ones — and, for each rejected record, its index in
// `data`, MaHoSo, column, value and reason (SPEC §5). Personal fields are dropped on read. Needs the import right (an
// admin, or an importer token — bound to a unit, it may only write dossiers of that unit's subtree).
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { apiUpload } from '@/lib/server/api';
import { audit } from '@/lib/server/audit';
import { importFile } from '@/lib/server/import/run';

export const POST = apiUpload(z.object({}), { action: 'import' }, async (_, scope, body) => {
  const input = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  // A body that is not JSON, or not the payload, is answered 400 invalid_file by the API wrapper.
  const s = await importFile('dossiers', input, {
    fileName: null,
    source: `api:${scope.actor.label}`,
    userId: scope.actor.kind === 'user' ? scope.actor.id : null,
    format: 'json',
    scopePath: scope.path,
  });
  await audit(scope.actor.label, 'import', `import:${s.importId}`, {
    kind: 'dossiers',
    source: 'api',
    received: s.rows,
    inserted: s.inserted,
    updated: s.updated,
    unchanged: s.unchanged,
    skipped: s.skipped,
    rejected: s.rejectedErrors,
  });
  return {
    importId: s.importId,
    received: s.rows,
    inserted: s.inserted,
    updated: s.updated,
    unchanged: s.unchanged,
    skipped: s.skipped,
    skipReasons: s.skipReasons,
    rejected: s.rejectedRows,
    errors: s.rejected.map(({ row, ...e }) => ({ index: row, ...e })),
    duplicates: s.duplicates.map(({ row, ...e }) => ({ index: row, ...e })),
    unresolved: s.unresolved,
  };
});
