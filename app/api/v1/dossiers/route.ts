// POST /api/v1/dossiers — a JSON array of SPEC §4 records (at most 10,000), upserted by MaHoSo in one transaction;
// answers the counts and, for each rejected record, its index, column, value and reason. SPEC §5. Needs the import
// right (an admin, or an importer token — bound to a unit, it may only write dossiers of that unit's subtree).
import { z } from 'zod';
import { parseDossierRow, type RawRow, type RowError } from '@/lib/import/dossier-row';
import { DOSSIER_COLUMNS, matchHeaders } from '@/lib/import/headers';
import { apiPost } from '@/lib/server/api';
import { audit } from '@/lib/server/audit';
import { applyDossierBatch, finishImport, startImport, type BatchInput } from '@/lib/server/import/dossiers';

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const body = z
  .array(z.record(z.string(), value), { error: 'Nội dung phải là một mảng JSON các hồ sơ' })
  .min(1, 'Mảng hồ sơ đang rỗng')
  .max(10_000, 'Tối đa 10.000 hồ sơ mỗi yêu cầu');

/** Keys may be the portal's names or the Vietnamese labels, like the file headers. */
function toRawRow(record: Record<string, z.infer<typeof value>>): RawRow {
  const keys = Object.keys(record);
  const { columns } = matchHeaders(keys, DOSSIER_COLUMNS);
  const raw: RawRow = {};
  keys.forEach((key, i) => {
    const column = columns[i];
    const v = record[key];
    if (column && v !== null && v !== undefined) raw[column] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  });
  return raw;
}

export const POST = apiPost(body, { action: 'import' }, async (records, scope) => {
  const valid: BatchInput[] = [];
  const errors: RowError[] = [];
  records.forEach((record, index) => {
    const parsed = parseDossierRow(toRawRow(record), index);
    if (parsed.ok) valid.push({ row: index, record: parsed.record });
    else errors.push(...parsed.errors);
  });
  const importId = await startImport(`api:${scope.actor.label}`, null);
  const counts = await applyDossierBatch(valid, importId, false, scope.path);
  const rejected = [...errors, ...counts.rejected].sort((a, b) => a.row - b.row);
  await finishImport(importId, { ...counts, rejected });
  await audit(scope.actor.label, 'import', `import:${importId}`, { kind: 'dossiers', source: 'api', received: records.length,
    inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged, rejected: rejected.length });
  return {
    importId,
    received: records.length,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    rejected: new Set(rejected.map((e) => e.row)).size,
    errors: rejected.map(({ row, ...e }) => ({ index: row, ...e })),
    duplicates: counts.duplicates.map(({ row, ...e }) => ({ index: row, ...e })),
  };
});
