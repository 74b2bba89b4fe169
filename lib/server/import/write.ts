// The write stage of a dossier import: applies validated, resolved records (SPEC §4) to the database: upsert by MaHoSo, in one transaction per batch so that
// every dossier is as before or as after and the roll-ups (kept by triggers in the same statement) never drift.
import 'server-only';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyBool, copyNullableText, copyNumber, copyRow, copyText, copyTime } from '@/lib/db/copy-text';
import type { DossierRecord, RowError } from '@/lib/import/dossier-row';
import { getPool } from '@/lib/server/db';
import { localDayOf } from '@/lib/calendar';
import { versionOn } from '@/lib/units';
import { formatDate } from '@/lib/format';
import type { OriginalRow } from './rejected';

/** The transaction-level advisory lock taken while an import creates procedures it does not know. */
const CREATE_PROCEDURES_LOCK = 766_0001;

export interface BatchInput {
  /** Where each record came from: its row number in the file, or its index in a JSON array. */
  row: number;
  record: DossierRecord;
  /** The record as a line of the staging table's COPY text (see `stageDossier`). */
  line: string;
  /** The row as it came, for the rejected-rows file. */
  original?: OriginalRow;
}

/**
 * A validated record ready for a batch. Its COPY line is written here, while the importer reads the file and the
 * database is busy with the previous batch, not while the database waits for the batch's COPY.
 */
export function stageDossier(row: number, r: DossierRecord, original?: OriginalRow): BatchInput {
  const line = copyRow([
    copyText(r.code),
    copyText(r.unitCode),
    copyText(r.procedureCode),
    copyNullableText(r.receivedUnitCode === r.unitCode ? null : r.receivedUnitCode),
    r.channel,
    copyTime(r.receivedAt),
    copyTime(r.dueAt),
    copyTime(r.processedAt),
    copyTime(r.returnedAt),
    copyTime(r.rejectedAt),
    copyTime(r.withdrawnAt),
    copyTime(r.supplementRequestedAt),
    copyTime(r.supplementCompletedAt),
    r.supplementCount,
    copyNumber(r.fee),
    copyNumber(r.onlinePayment),
    copyBool(r.digitized),
    copyBool(r.eResult),
    copyBool(r.reusedData),
    copyNumber(r.rating),
    copyTime(r.apologyAt),
    copyNullableText(r.handler),
  ]);
  return { row, record: r, line, original };
}

export interface ApplyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RowError[];
  /** Rows replaced by a later row with the same MaHoSo in the same batch (last wins). */
  duplicates: RowError[];
}

/** Upserts one batch (a few thousand records) in one transaction. */
export async function applyDossierBatch(
  batch: readonly BatchInput[],
  importId: number | null,
  dryRun = false,
  scopePath = '/',
): Promise<ApplyCounts> {
  const duplicates: RowError[] = [];
  // Last row wins for a MaHoSo given twice in the batch.
  const byCode = new Map<string, BatchInput>();
  for (const input of batch) {
    const earlier = byCode.get(input.record.code);
    if (earlier) {
      duplicates.push({
        row: earlier.row,
        code: input.record.code,
        column: 'MaHoSo',
        value: input.record.code,
        reason: `trùng mã hồ sơ, được thay bằng dòng ${input.row}`,
      });
    }
    byCode.set(input.record.code, input);
  }
  const inputs = [...byCode.values()];
  if (inputs.length === 0) return { inserted: 0, updated: 0, unchanged: 0, rejected: [], duplicates };

  const client = await getPool().connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const counts = await upsert(client, inputs, importId, dryRun, scopePath);
    await client.query(dryRun ? 'ROLLBACK' : 'COMMIT');
    return { ...counts, duplicates };
  } catch (error) {
    await client.query('ROLLBACK').catch((e: Error) => {
      broken = e;
    });
    throw error;
  } finally {
    client.release(broken); // a connection that could not roll back is closed, not reused
  }
}

async function upsert(client: PoolClient, inputs: BatchInput[], importId: number | null, dryRun: boolean, scopePath: string) {
  const rejected: RowError[] = [];
  // An importer bound to a unit writes only inside its subtree: the unit a record names, and the unit an existing
  // dossier of that code belongs to (an update must not pull another unit's dossier in), and it creates no catalogue.
  const scoped = scopePath !== '/';
  // The unit versions (in scope) the batch names: a record belongs to the version of its MaDonVi in force on its
  // NgayTiepNhan (SPEC §6); the upsert resolves codes and days to ids itself, the same way.
  const { rows: unitRows } = await client.query<{ code: string; validFrom: string; validTo: string | null }>(
    `SELECT code, valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM units
     WHERE code = ANY($1::text[]) AND starts_with(path, $2)`,
    [[...new Set(inputs.map((i) => i.record.unitCode))], scopePath],
  );
  const units = new Map<string, Array<{ validFrom: string; validTo: string | null }>>();
  for (const u of unitRows) units.set(u.code, [...(units.get(u.code) ?? []), u]);
  // The receiving units (MaDonViTiepNhan), anywhere: a dossier may be received outside the handling unit's subtree.
  const receivingCodes = [...new Set(inputs.flatMap((i) => i.record.receivedUnitCode ?? []))];
  const { rows: receivingRows } =
    receivingCodes.length === 0
      ? { rows: [] }
      : await client.query<{ code: string; validFrom: string; validTo: string | null }>(
          `SELECT code, valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM units WHERE code = ANY($1::text[])`,
          [receivingCodes],
        );
  const receiving = new Map<string, Array<{ validFrom: string; validTo: string | null }>>();
  for (const u of receivingRows) receiving.set(u.code, [...(receiving.get(u.code) ?? []), u]);
  // Existing dossiers of the batch's codes that belong to a unit outside the scope (none without a scope). They are
  // locked until the transaction ends (in code order, as the upsert locks, so two imports cannot deadlock on them),
  // so that what is checked here is what the upsert meets and every refused row is reported.
  const { rows: foreignRows } = scoped
    ? await client.query<{ code: string }>(
        `
    SELECT d.code FROM dossiers d JOIN units u ON u.id = d.unit_id
    WHERE d.code = ANY($1::text[]) AND NOT starts_with(u.path, $2) ORDER BY d.code FOR SHARE OF d`,
        [inputs.map((i) => i.record.code), scopePath],
      )
    : { rows: [] };
  const foreign = new Set(foreignRows.map((d) => d.code));

  // Procedures: known ones, and unknown ones created from TenTTHC (and MaLinhVuc/TenLinhVuc) when given (SPEC §4).
  const { rows: procedureRows } = await client.query<{ id: number; code: string; timed: boolean }>(
    'SELECT id, code, processing_time IS NOT NULL AS timed FROM procedures WHERE code = ANY($1::text[])',
    [[...new Set(inputs.map((i) => i.record.procedureCode))]],
  );
  const procedures = new Map(procedureRows.map((p) => [p.code, p]));
  const unknown = dryRun || scoped ? [] : inputs.filter((i) => !procedures.has(i.record.procedureCode) && i.record.procedureName);
  if (unknown.length > 0) {
    // Batches written at once may name the same new procedure: one creates it, the other waits and finds it.
    await client.query('SELECT pg_advisory_xact_lock($1)', [CREATE_PROCEDURES_LOCK]);
    for (const { record: r } of unknown) {
      if (procedures.has(r.procedureCode)) continue;
      const fieldCode = r.fieldCode ?? 'KHAC';
      const {
        rows: [field],
      } = await client.query<{ id: number }>(
        'INSERT INTO fields (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET code = excluded.code RETURNING id',
        [fieldCode, r.fieldName ?? (r.fieldCode ? r.fieldCode : 'Khác')],
      );
      const {
        rows: [procedure],
      } = await client.query<{ id: number; timed: boolean }>(
        `
        WITH created AS (
          INSERT INTO procedures (code, name, field_id) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING id, false AS timed
        )
        SELECT id, timed FROM created UNION ALL SELECT id, processing_time IS NOT NULL FROM procedures WHERE code = $1`,
        [r.procedureCode, r.procedureName, field!.id],
      );
      procedures.set(r.procedureCode, { id: procedure!.id, code: r.procedureCode, timed: procedure!.timed });
    }
  }

  const valid: BatchInput[] = [];
  for (const input of inputs) {
    const r = input.record;
    const procedure = procedures.get(r.procedureCode);
    const received = localDayOf(r.receivedAt);
    if (!units.has(r.unitCode)) {
      rejected.push({
        row: input.row,
        code: r.code,
        column: 'MaDonVi',
        value: r.unitCode,
        reason: scoped ? `không có đơn vị mã "${r.unitCode}" trong phạm vi được phép` : `không có đơn vị mã "${r.unitCode}"`,
      });
    } else if (!versionOn(units.get(r.unitCode)!, received)) {
      rejected.push({
        row: input.row,
        code: r.code,
        column: 'MaDonVi',
        value: r.unitCode,
        reason: `đơn vị mã "${r.unitCode}" không có hiệu lực vào ngày tiếp nhận ${formatDate(r.receivedAt)}`,
      });
    } else if (r.receivedUnitCode && !versionOn(receiving.get(r.receivedUnitCode) ?? [], received)) {
      rejected.push({
        row: input.row,
        code: r.code,
        column: 'MaDonViTiepNhan',
        value: r.receivedUnitCode,
        reason: receiving.has(r.receivedUnitCode)
          ? `đơn vị tiếp nhận mã "${r.receivedUnitCode}" không có hiệu lực vào ngày tiếp nhận ${formatDate(r.receivedAt)}`
          : `không có đơn vị tiếp nhận mã "${r.receivedUnitCode}"`,
      });
    } else if (foreign.has(r.code)) {
      rejected.push({
        row: input.row,
        code: r.code,
        column: 'MaHoSo',
        value: r.code,
        reason: 'mã hồ sơ đã có ở một đơn vị ngoài phạm vi được phép: không được sửa hay chuyển hồ sơ đó',
      });
    } else if (!procedure && scoped) {
      rejected.push({
        row: input.row,
        code: r.code,
        column: 'MaTTHC',
        value: r.procedureCode,
        reason: `không có thủ tục mã "${r.procedureCode}"; chỉ quản trị toàn tỉnh được thêm thủ tục mới vào danh mục`,
      });
    } else if (!procedure && !(dryRun && r.procedureName)) {
      rejected.push({
        row: input.row,
        code: r.code,
        column: 'MaTTHC',
        value: r.procedureCode,
        reason: `không có thủ tục mã "${r.procedureCode}" và dòng không có Tên TTHC để tạo mới`,
      });
    } else if (!r.dueAt && !procedure?.timed) {
      rejected.push({
        row: input.row,
        code: r.code,
        column: 'NgayHenTra',
        value: '',
        reason: `thủ tục "${r.procedureCode}" chưa có thời hạn giải quyết: cần Ngày hẹn trả`,
      });
    } else if (procedure) {
      valid.push(input);
    }
  }
  if (dryRun || valid.length === 0) return { inserted: dryRun ? valid.length : 0, updated: 0, unchanged: 0, rejected };

  // COPY into a staging table (dropped at the end of the transaction), then one set-based upsert from it: COPY parses
  // rows several times faster than bound parameters, and has no limit on their number.
  await client.query(
    `CREATE TEMP TABLE import_dossiers (${STAGED.map(([name, type]) => `${name} ${type}`).join(', ')}) ON COMMIT DROP`,
  );
  await pipeline(Readable.from(copyChunks(valid)), client.query(copyFrom('COPY import_dossiers FROM STDIN')));
  const {
    rows: [result],
  } = await client.query<{ inserted: string; updated: string }>(
    `
    WITH written AS (
      INSERT INTO dossiers AS d (code, ${COMPARED.join(', ')}, import_batch_id)
      SELECT i.code, u.id, p.id, ru.id, ${STAGED.slice(4)
        .map(([name]) => `i.${name}`)
        .join(', ')},
             COALESCE(i.due_at, tthc_due(i.received_at, p.processing_time, p.time_unit)), $1::int
      FROM import_dossiers i
      JOIN units u ON u.code = i.unit_code AND u.valid_from <= tthc_local_day(i.received_at)
        AND (u.valid_to IS NULL OR tthc_local_day(i.received_at) <= u.valid_to)
      JOIN procedures p ON p.code = i.procedure_code
      LEFT JOIN units ru ON ru.code = i.received_unit_code AND ru.valid_from <= tthc_local_day(i.received_at)
        AND (ru.valid_to IS NULL OR tthc_local_day(i.received_at) <= ru.valid_to)
      ORDER BY i.code
      ON CONFLICT (code) DO UPDATE SET ${UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = now()
      -- A row that changes nothing is not written: a re-import leaves the database (and its roll-ups) untouched.
      WHERE (${COMPARED.map((c) => `d.${c}`).join(', ')}) IS DISTINCT FROM (${COMPARED.map((c) => `excluded.${c}`).join(', ')})
      -- Under a scope, never a dossier of another unit, whatever was checked above (the statement holds it alone).
      ${scoped ? 'AND d.unit_id IN (SELECT id FROM units WHERE starts_with(path, $2))' : ''}
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM written`,
    scoped ? [importId, scopePath] : [importId],
  );
  const inserted = Number(result!.inserted);
  const updated = Number(result!.updated);
  return { inserted, updated, unchanged: valid.length - inserted - updated, rejected };
}

/** The staging table's columns, in the order of the COPY lines of `stageDossier`: the record as read, codes unresolved. */
const STAGED = [
  ['code', 'text'],
  ['unit_code', 'text'],
  ['procedure_code', 'text'],
  ['received_unit_code', 'text'],
  ['channel', 'smallint'],
  ['received_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['processed_at', 'timestamptz'],
  ['returned_at', 'timestamptz'],
  ['rejected_at', 'timestamptz'],
  ['withdrawn_at', 'timestamptz'],
  ['supplement_requested_at', 'timestamptz'],
  ['supplement_completed_at', 'timestamptz'],
  ['supplement_count', 'smallint'],
  ['fee', 'bigint'],
  ['online_payment', 'smallint'],
  ['digitized', 'boolean'],
  ['e_result', 'boolean'],
  ['reused_data', 'boolean'],
  ['rating', 'smallint'],
  ['apology_at', 'timestamptz'],
  ['handler', 'text'],
] as const;
/** What a newer record of the same dossier replaces; the row is rewritten only when one of them differs. */
const COMPARED = ['unit_id', 'procedure_id', 'received_unit_id', ...STAGED.slice(4).map(([name]) => name), 'deadline_at'];
const UPDATED = [...COMPARED, 'import_batch_id'];

function* copyChunks(valid: readonly BatchInput[]) {
  for (let i = 0; i < valid.length; i += 1_000)
    yield valid
      .slice(i, i + 1_000)
      .map((v) => v.line)
      .join('');
}
