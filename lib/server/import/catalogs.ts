// Applies catalogue records (SPEC §4): procedures, holidays, feedback. Each batch is one transaction. A change that
// moves due dates (a procedure's processing time, the calendar) recomputes the dues of dossiers without NgayHenTra —
// the roll-up triggers follow — and a change of what the roll-ups are built from (the calendar's working days, a
// procedure's paper-result flag) rebuilds them once at the end of the file.
import 'server-only';
import type { FeedbackRecord, HolidayRecord, ProcedureRecord } from '@/lib/import/catalog-rows';
import type { RowError } from '@/lib/import/dossier-row';
import type { RawBuilder } from 'kysely';
import { getDb } from '@/lib/server/db';
import { db, sql } from '@/lib/server/sql';

/** Thrown inside a catalogue's transaction to roll a dry run back once its counts are known. */
export class DryRun extends Error {
  constructor(readonly counts: CatalogCounts) {
    super('dry run');
  }
}

export interface CatalogCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RowError[];
  /** Rows replaced by a later row with the same code (last wins). */
  duplicates?: RowError[];
  /** The roll-ups must be rebuilt once the file is in. */
  rebuild: boolean;
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['$transaction']>[0]>[0];

export async function applyProcedures(batch: ReadonlyArray<{ row: number; record: ProcedureRecord }>): Promise<CatalogCounts> {
  return getDb().$transaction(
    async (tx) => {
      const counts: CatalogCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: [], rebuild: false };
      const existing = new Map(
        (
          await db(tx)
            .selectFrom('procedures as p')
            .innerJoin('fields as f', 'f.id', 'p.field_id')
            .select(['p.id', 'p.code', 'p.name', 'f.code as fieldCode', 'p.time_unit as unit', 'p.online_level as online'])
            .select(['p.has_paper_result as paper', sql<string | null>`p.processing_time::text`.as('time')])
            .where('p.code', '=', sql<string>`ANY(${batch.map((b) => b.record.code)}::text[])`)
            .forUpdate('p')
            .execute()
        ).map((p) => [p.code, p]),
      );
      const retimed: number[] = [];
      for (const { record: r } of batch) {
        const field = await db(tx)
          .insertInto('fields')
          .values({ code: r.fieldCode, name: r.fieldName ?? r.fieldCode })
          .onConflict((oc) => oc.column('code').doUpdateSet({ name: sql<string>`COALESCE(${r.fieldName}, fields.name)` }))
          .returning('id')
          .executeTakeFirstOrThrow();
        const old = existing.get(r.code);
        const time = r.processingTime === null ? null : Number(r.processingTime).toFixed(2);
        if (!old) {
          await tx.$executeRaw`
          INSERT INTO procedures (code, name, field_id, processing_time, time_unit, online_level, has_paper_result)
          VALUES (${r.code}, ${r.name}, ${field.id}, ${time}::numeric, ${r.timeUnit}::time_unit, ${r.onlineLevel}::online_level, ${r.hasPaperResult})`;
          counts.inserted++;
          continue;
        }
        const same =
          old.name === r.name &&
          old.fieldCode === r.fieldCode &&
          old.time === time &&
          old.unit === r.timeUnit &&
          old.online === r.onlineLevel &&
          old.paper === r.hasPaperResult;
        if (same) {
          counts.unchanged++;
          continue;
        }
        await tx.$executeRaw`
        UPDATE procedures SET name = ${r.name}, field_id = ${field.id}, processing_time = ${time}::numeric,
          time_unit = ${r.timeUnit}::time_unit, online_level = ${r.onlineLevel}::online_level,
          has_paper_result = ${r.hasPaperResult}, updated_at = now()
        WHERE id = ${old.id}`;
        counts.updated++;
        if (old.paper !== r.hasPaperResult) counts.rebuild = true;
        if (old.time !== time || old.unit !== r.timeUnit) retimed.push(old.id);
      }
      if (retimed.length) await recomputeDues(tx, retimed);
      return counts;
    },
    { timeout: 600_000 },
  );
}

/**
 * Runs an upsert whose CTE `written` returns `(xmax = 0) AS inserted` for each row written (a row left as it was is not
 * returned): how many were inserted and how many updated.
 */
async function upsertCounts(tx: Tx, upsert: RawBuilder<unknown>): Promise<{ inserted: number; updated: number }> {
  const counts = sql<{ inserted: number; updated: number }>`${upsert}
      SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`;
  return (await counts.execute(db(tx))).rows[0]!;
}

/** New dues for dossiers without NgayHenTra (of some procedures, or all): the triggers move their roll-ups. */
async function recomputeDues(tx: Tx, procedureIds: number[] | null) {
  await tx.$executeRaw`
    UPDATE dossiers d SET deadline_at = tthc_due(d.received_at, p.processing_time, p.time_unit), updated_at = now()
    FROM procedures p
    WHERE p.id = d.procedure_id AND d.due_at IS NULL AND p.processing_time IS NOT NULL
      AND (${procedureIds}::int[] IS NULL OR d.procedure_id = ANY(${procedureIds}::int[]))
      AND d.deadline_at IS DISTINCT FROM tthc_due(d.received_at, p.processing_time, p.time_unit)`;
}

export async function applyHolidays(batch: ReadonlyArray<{ row: number; record: HolidayRecord }>): Promise<CatalogCounts> {
  return getDb().$transaction(
    async (tx) => {
      const counts: CatalogCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: [], rebuild: false };
      const result = await upsertCounts(
        tx,
        sql`
      WITH written AS (
        INSERT INTO calendar_days AS c (day, kind, name)
        SELECT * FROM unnest(${batch.map((b) => b.record.day)}::date[], ${batch.map((b) => b.record.kind)}::calendar_day_kind[],
                             ${batch.map((b) => b.record.name)}::text[])
        ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name
        WHERE (c.kind, c.name) IS DISTINCT FROM (excluded.kind, excluded.name)
        RETURNING (xmax = 0) AS inserted
      )`,
      );
      counts.inserted = result.inserted;
      counts.updated = result.updated;
      counts.unchanged = batch.length - counts.inserted - counts.updated;
      if (counts.inserted + counts.updated > 0) {
        // The working days changed (a trigger refreshed work_days): dues in working days move, and so do the
        // processing times in the roll-ups.
        await recomputeDues(tx, null);
        counts.rebuild = true;
      }
      return counts;
    },
    { timeout: 600_000 },
  );
}

export async function applyFeedback(batch: ReadonlyArray<{ row: number; record: FeedbackRecord }>): Promise<CatalogCounts> {
  return getDb().$transaction(
    async (tx) => {
      const counts: CatalogCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: [], rebuild: false };
      const units = new Map(
        (
          await db(tx)
            .selectFrom('units')
            .select(['id', 'code'])
            .where('code', '=', sql<string>`ANY(${batch.map((b) => b.record.unitCode)}::text[])`)
            .execute()
        ).map((u) => [u.code, u.id]),
      );
      const procedures = new Map(
        (
          await db(tx)
            .selectFrom('procedures')
            .select(['id', 'code'])
            .where('code', '=', sql<string>`ANY(${batch.flatMap((b) => b.record.procedureCode ?? [])}::text[])`)
            .execute()
        ).map((p) => [p.code, p.id]),
      );
      const valid = batch.filter(({ row, record: r }) => {
        if (!units.has(r.unitCode)) {
          counts.rejected.push({ row, column: 'MaDonVi', value: r.unitCode, reason: `không có đơn vị mã "${r.unitCode}"` });
          return false;
        }
        if (r.procedureCode && !procedures.has(r.procedureCode)) {
          counts.rejected.push({
            row,
            column: 'MaTTHC',
            value: r.procedureCode,
            reason: `không có thủ tục mã "${r.procedureCode}"`,
          });
          return false;
        }
        return true;
      });
      if (valid.length === 0) return counts;
      const result = await upsertCounts(
        tx,
        sql`
      WITH input AS (
        SELECT i.*, COALESCE(i.due_at, tthc_due(i.received_at, 15, 'ngay_lam_viec')) AS deadline_at -- SPEC §3: 15 working days
        FROM unnest(${valid.map((v) => v.record.code)}::text[], ${valid.map((v) => units.get(v.record.unitCode)!)}::int[],
                    ${valid.map((v) => (v.record.procedureCode ? procedures.get(v.record.procedureCode)! : null))}::int[],
                    ${valid.map((v) => v.record.receivedAt)}::timestamptz[], ${valid.map((v) => v.record.dueAt)}::timestamptz[],
                    ${valid.map((v) => v.record.resolvedAt)}::timestamptz[])
          AS i(code, unit_id, procedure_id, received_at, due_at, resolved_at)
      ),
      written AS (
        INSERT INTO feedback AS f (code, unit_id, procedure_id, received_at, due_at, deadline_at, resolved_at)
        SELECT code, unit_id, procedure_id, received_at, due_at, deadline_at, resolved_at FROM input ORDER BY code
        ON CONFLICT (code) DO UPDATE SET unit_id = excluded.unit_id, procedure_id = excluded.procedure_id,
          received_at = excluded.received_at, due_at = excluded.due_at, deadline_at = excluded.deadline_at,
          resolved_at = excluded.resolved_at
        WHERE (f.unit_id, f.procedure_id, f.received_at, f.due_at, f.deadline_at, f.resolved_at) IS DISTINCT FROM
              (excluded.unit_id, excluded.procedure_id, excluded.received_at, excluded.due_at, excluded.deadline_at, excluded.resolved_at)
        RETURNING (xmax = 0) AS inserted
      )`,
      );
      counts.inserted = result.inserted;
      counts.updated = result.updated;
      counts.unchanged = valid.length - counts.inserted - counts.updated;
      return counts;
    },
    { timeout: 120_000 },
  );
}

export async function rebuildRollups(): Promise<void> {
  await getDb().$executeRaw`SELECT tthc_rebuild_rollups()`;
}
