// Applies validated dossier records (SPEC §4) to the database: upsert by MaHoSo, in one transaction per batch so that
// every dossier is as before or as after and the roll-ups (kept by triggers in the same statement) never drift.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { DossierRecord, RowError } from '@/lib/import/dossier-row';
import { getDb } from '@/lib/server/db';

export type ImportKind = 'dossiers' | 'units' | 'procedures' | 'holidays' | 'feedback';

export interface BatchInput {
  /** Where each record came from: its row number in the file, or its index in a JSON array. */
  row: number;
  record: DossierRecord;
}

export interface ApplyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RowError[];
  /** Rows replaced by a later row with the same MaHoSo in the same batch (last wins). */
  duplicates: RowError[];
}

/** Opens an import in the history (by whom, when a signed-in user); returns its id. */
export async function startImport(source: string, fileName: string | null, kind: ImportKind, userId: number | null): Promise<number> {
  const rows = await getDb().$queryRaw<Array<{ id: number }>>`
    INSERT INTO import_batches (kind, source, file_name, user_id)
    VALUES (${kind}::import_kind, ${source}, ${fileName}, ${userId}) RETURNING id`;
  return rows[0]!.id;
}

/** Closes an import in the history with its counts and (the first 10,000) rejected rows. */
export async function finishImport(id: number, counts: Omit<ApplyCounts, 'duplicates'>, status: 'done' | 'failed' = 'done') {
  await getDb().$executeRaw`
    UPDATE import_batches SET status = ${status}::import_status, finished_at = now(), inserted = ${counts.inserted},
      updated = ${counts.updated}, unchanged = ${counts.unchanged}, rejected = ${counts.rejected.length},
      errors = ${JSON.stringify(counts.rejected.slice(0, 10_000))}::jsonb
    WHERE id = ${id}`;
}

/** Upserts one batch (a few thousand records) in one transaction. */
export async function applyDossierBatch(
  batch: readonly BatchInput[], importId: number | null, dryRun = false, scopePath = '/',
): Promise<ApplyCounts> {
  const rejected: RowError[] = [];
  const duplicates: RowError[] = [];
  // Last row wins for a MaHoSo given twice in the batch.
  const byCode = new Map<string, BatchInput>();
  for (const input of batch) {
    const earlier = byCode.get(input.record.code);
    if (earlier) {
      duplicates.push({ row: earlier.row, column: 'MaHoSo', value: input.record.code, reason: `trùng mã hồ sơ, được thay bằng dòng ${input.row}` });
    }
    byCode.set(input.record.code, input);
  }
  const inputs = [...byCode.values()];
  if (inputs.length === 0) return { inserted: 0, updated: 0, unchanged: 0, rejected, duplicates };

  // maxWait: the importer reads and validates the next batch while this one starts; on a busy machine that can keep
  // the event loop from reaching BEGIN for longer than Prisma's default 2 s.
  return getDb().$transaction(async (tx) => {
    const units = new Map((await tx.$queryRaw<Array<{ id: number; code: string }>>`
      SELECT id, code FROM units WHERE code = ANY(${[...new Set(inputs.map((i) => i.record.unitCode))]}::text[])
        AND path LIKE ${`${scopePath}%`}`).map((u) => [u.code, u.id]));

    // Procedures: known ones, and unknown ones created from TenTTHC (and MaLinhVuc/TenLinhVuc) when given (SPEC §4).
    const procedureCodes = [...new Set(inputs.map((i) => i.record.procedureCode))];
    const procedures = new Map((await tx.$queryRaw<Array<{ id: number; code: string; timed: boolean }>>`
      SELECT id, code, processing_time IS NOT NULL AS timed FROM procedures WHERE code = ANY(${procedureCodes}::text[])`)
      .map((p) => [p.code, p]));
    for (const input of inputs) {
      const r = input.record;
      if (procedures.has(r.procedureCode) || !r.procedureName || dryRun) continue;
      const fieldCode = r.fieldCode ?? 'KHAC';
      const [field] = await tx.$queryRaw<Array<{ id: number }>>`
        INSERT INTO fields (code, name) VALUES (${fieldCode}, ${r.fieldName ?? (r.fieldCode ? r.fieldCode : 'Khác')})
        ON CONFLICT (code) DO UPDATE SET code = excluded.code RETURNING id`;
      const [created] = await tx.$queryRaw<Array<{ id: number }>>`
        INSERT INTO procedures (code, name, field_id) VALUES (${r.procedureCode}, ${r.procedureName}, ${field!.id}) RETURNING id`;
      procedures.set(r.procedureCode, { id: created!.id, code: r.procedureCode, timed: false });
    }

    const valid: Array<BatchInput & { unitId: number; procedureId: number }> = [];
    for (const input of inputs) {
      const r = input.record;
      const unitId = units.get(r.unitCode);
      const procedure = procedures.get(r.procedureCode);
      if (unitId === undefined) {
        rejected.push({ row: input.row, column: 'MaDonVi', value: r.unitCode, reason: scopePath === '/' ? `không có đơn vị mã "${r.unitCode}"`
          : `không có đơn vị mã "${r.unitCode}" trong phạm vi được phép` });
      } else if (!procedure && !(dryRun && r.procedureName)) {
        rejected.push({ row: input.row, column: 'MaTTHC', value: r.procedureCode,
          reason: `không có thủ tục mã "${r.procedureCode}" và dòng không có Tên TTHC để tạo mới` });
      } else if (!r.dueAt && !procedure?.timed) {
        rejected.push({ row: input.row, column: 'NgayHenTra', value: '',
          reason: `thủ tục "${r.procedureCode}" chưa có thời hạn giải quyết: cần Ngày hẹn trả` });
      } else if (procedure) {
        valid.push({ ...input, unitId, procedureId: procedure.id });
      }
    }
    if (dryRun || valid.length === 0) {
      return { inserted: dryRun ? valid.length : 0, updated: 0, unchanged: 0, rejected, duplicates };
    }

    const col = <T,>(f: (v: (typeof valid)[number]) => T) => valid.map(f);
    const [result] = await tx.$queryRaw<Array<{ inserted: bigint; updated: bigint }>>(Prisma.sql`
      WITH input AS (
        SELECT i.*, COALESCE(i.due_at, tthc_due(i.received_at, p.processing_time, p.time_unit)) AS deadline_at
        FROM unnest(
          ${col((v) => v.record.code)}::text[], ${col((v) => v.unitId)}::int[], ${col((v) => v.procedureId)}::int[],
          ${col((v) => v.record.channel)}::smallint[], ${col((v) => v.record.receivedAt)}::timestamptz[],
          ${col((v) => v.record.dueAt)}::timestamptz[], ${col((v) => v.record.processedAt)}::timestamptz[],
          ${col((v) => v.record.returnedAt)}::timestamptz[], ${col((v) => v.record.rejectedAt)}::timestamptz[],
          ${col((v) => v.record.withdrawnAt)}::timestamptz[], ${col((v) => v.record.supplementRequestedAt)}::timestamptz[],
          ${col((v) => v.record.supplementCompletedAt)}::timestamptz[], ${col((v) => v.record.supplementCount)}::smallint[],
          ${col((v) => v.record.fee)}::bigint[], ${col((v) => v.record.onlinePayment)}::smallint[],
          ${col((v) => v.record.digitized)}::boolean[], ${col((v) => v.record.eResult)}::boolean[],
          ${col((v) => v.record.reusedData)}::boolean[], ${col((v) => v.record.rating)}::smallint[],
          ${col((v) => v.record.apologyAt)}::timestamptz[], ${col((v) => v.record.handler)}::text[]
        ) AS i(code, unit_id, procedure_id, channel, received_at, due_at, processed_at, returned_at, rejected_at,
               withdrawn_at, supplement_requested_at, supplement_completed_at, supplement_count, fee, online_payment,
               digitized, e_result, reused_data, rating, apology_at, handler)
        JOIN procedures p ON p.id = i.procedure_id
      ),
      written AS (
        INSERT INTO dossiers AS d (code, unit_id, procedure_id, channel, received_at, due_at, processed_at, returned_at,
          rejected_at, withdrawn_at, supplement_requested_at, supplement_completed_at, supplement_count, fee, online_payment,
          digitized, e_result, reused_data, rating, apology_at, handler, deadline_at, import_batch_id)
        SELECT code, unit_id, procedure_id, channel, received_at, due_at, processed_at, returned_at, rejected_at,
          withdrawn_at, supplement_requested_at, supplement_completed_at, supplement_count, fee, online_payment,
          digitized, e_result, reused_data, rating, apology_at, handler, deadline_at, ${importId}
        FROM input ORDER BY code
        ON CONFLICT (code) DO UPDATE SET
          unit_id = excluded.unit_id, procedure_id = excluded.procedure_id, channel = excluded.channel,
          received_at = excluded.received_at, due_at = excluded.due_at, processed_at = excluded.processed_at,
          returned_at = excluded.returned_at, rejected_at = excluded.rejected_at, withdrawn_at = excluded.withdrawn_at,
          supplement_requested_at = excluded.supplement_requested_at, supplement_completed_at = excluded.supplement_completed_at,
          supplement_count = excluded.supplement_count, fee = excluded.fee, online_payment = excluded.online_payment,
          digitized = excluded.digitized, e_result = excluded.e_result, reused_data = excluded.reused_data,
          rating = excluded.rating, apology_at = excluded.apology_at, handler = excluded.handler,
          deadline_at = excluded.deadline_at, import_batch_id = excluded.import_batch_id, updated_at = now()
        -- A row that changes nothing is not written: a re-import leaves the database (and its roll-ups) untouched.
        WHERE (d.unit_id, d.procedure_id, d.channel, d.received_at, d.due_at, d.processed_at, d.returned_at, d.rejected_at,
               d.withdrawn_at, d.supplement_requested_at, d.supplement_completed_at, d.supplement_count, d.fee,
               d.online_payment, d.digitized, d.e_result, d.reused_data, d.rating, d.apology_at, d.handler, d.deadline_at)
          IS DISTINCT FROM
              (excluded.unit_id, excluded.procedure_id, excluded.channel, excluded.received_at, excluded.due_at,
               excluded.processed_at, excluded.returned_at, excluded.rejected_at, excluded.withdrawn_at,
               excluded.supplement_requested_at, excluded.supplement_completed_at, excluded.supplement_count, excluded.fee,
               excluded.online_payment, excluded.digitized, excluded.e_result, excluded.reused_data, excluded.rating,
               excluded.apology_at, excluded.handler, excluded.deadline_at)
        RETURNING (xmax = 0) AS inserted
      )
      SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM written`);
    const inserted = Number(result!.inserted);
    const updated = Number(result!.updated);
    return { inserted, updated, unchanged: valid.length - inserted - updated, rejected, duplicates };
  }, { timeout: 120_000, maxWait: 60_000 });
}
