// POST /api/v1/dossiers — a JSON array of SPEC §4 records (at most 10,000), upserted by MaHoSo in one transaction;
// answers the counts and, for each rejected record, its index, column, value and reason. SPEC §5. Needs the import
// right (an admin, or an importer token — bound to a unit, it may only write dossiers of that unit's subtree).
// Goes through the same `importFile` as the CLI and the upload page.
import { z } from 'zod';
import { apiPost } from '@/lib/server/api';
import { audit } from '@/lib/server/audit';
import { importFile } from '@/lib/server/import/run';

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const body = z
  .array(z.record(z.string(), value), { error: 'Nội dung phải là một mảng JSON các hồ sơ' })
  .min(1, 'Mảng hồ sơ đang rỗng')
  .max(10_000, 'Tối đa 10.000 hồ sơ mỗi yêu cầu');

export const POST = apiPost(body, { action: 'import' }, async (records, scope) => {
  const s = await importFile(
    'dossiers',
    { records },
    {
      fileName: null,
      source: `api:${scope.actor.label}`,
      userId: scope.actor.kind === 'user' ? scope.actor.id : null,
      scopePath: scope.path,
      batchSize: 10_000,
    },
  );
  await audit(scope.actor.label, 'import', `import:${s.importId}`, {
    kind: 'dossiers',
    source: 'api',
    received: records.length,
    inserted: s.inserted,
    updated: s.updated,
    unchanged: s.unchanged,
    rejected: s.rejectedErrors,
  });
  return {
    importId: s.importId,
    received: records.length,
    inserted: s.inserted,
    updated: s.updated,
    unchanged: s.unchanged,
    rejected: s.rejectedRows,
    errors: s.rejected.map(({ row, ...e }) => ({ index: row, ...e })),
    duplicates: s.duplicates.map(({ row, ...e }) => ({ index: row, ...e })),
  };
});
