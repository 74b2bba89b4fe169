// One dossier, for its page: the raw SPEC §4 dates, its unit, procedure and field, and the working days it used and
// was allowed (from the database's working-day calendar, the one the KPIs use).
import 'server-only';
import type { KpiDossier } from '@/lib/kpi';
import { db, sql } from '@/lib/server/sql';
import { requestNow } from '@/lib/server/request-cache';

export interface DossierDetail extends KpiDossier {
  code: string;
  /** NgayHenTra as received (null when D was computed from the processing time). */
  dueAt: Date | null;
  handler: string | null;
  unit: { code: string; name: string; path: string };
  procedure: { code: string; name: string; processingTime: number | null; timeUnit: string | null };
  field: { code: string; name: string };
  /** Working days from the local day of R to that of D. */
  allowedWorkDays: number;
  /** Working days from the local day of R to that of E − S (T − S while unfinished). */
  usedWorkDays: number;
  updatedAt: Date;
}

/** The unit a dossier belongs to, to pass the gate before anything else is read; null when there is no such code. */
export async function dossierUnit(code: string): Promise<string | null> {
  const row = await db()
    .selectFrom('dossiers as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select('u.code')
    .where('d.code', '=', code)
    .executeTakeFirst();
  return row?.code ?? null;
}

/** The dossier with code `code` inside the scope path, or null. `now` is T for an unfinished dossier. */
export async function getDossier(code: string, scopePath: string, now = requestNow()): Promise<DossierDetail | null> {
  const r = await db()
    .selectFrom('dossiers as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('fields as f', 'f.id', 'p.field_id')
    .select([
      'd.code',
      'd.received_at',
      'd.due_at',
      'd.deadline_at',
      'd.processed_at',
      'd.returned_at',
      'd.rejected_at',
      'd.withdrawn_at',
      'd.supplement_requested_at',
      'd.supplement_completed_at',
      'd.supplement_count',
      'd.channel',
      'd.fee',
      'd.online_payment',
      'd.digitized',
      'd.e_result',
      'd.reused_data',
      'd.rating',
      'd.apology_at',
      'd.handler',
      'd.updated_at',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
      'p.code as procedure_code',
      'p.name as procedure_name',
      sql<number | null>`p.processing_time::float8`.as('processing_time'),
      'p.time_unit',
      'p.has_paper_result',
      'f.code as field_code',
      'f.name as field_name',
      sql<number>`tthc_work_days_between(tthc_local_day(d.received_at), tthc_local_day(d.deadline_at))`.as('allowed'),
      sql<number>`tthc_work_days_between(tthc_local_day(d.received_at), tthc_local_day(tthc_shift(
        coalesce(d.ended_at, ${now}::timestamptz), -tthc_supplement(d.supplement_requested_at, d.supplement_completed_at))))`.as(
        'used',
      ),
    ])
    .where('d.code', '=', code)
    .where('u.path', 'like', `${scopePath}%`)
    .executeTakeFirst();
  if (!r) return null;
  return {
    code: r.code,
    receivedAt: r.received_at,
    dueAt: r.due_at,
    deadlineAt: r.deadline_at,
    processedAt: r.processed_at,
    returnedAt: r.returned_at,
    rejectedAt: r.rejected_at,
    withdrawnAt: r.withdrawn_at,
    supplementRequestedAt: r.supplement_requested_at,
    supplementCompletedAt: r.supplement_completed_at,
    supplementCount: r.supplement_count,
    channel: r.channel,
    fee: r.fee === null ? null : Number(r.fee),
    onlinePayment: r.online_payment,
    digitized: r.digitized,
    eResult: r.e_result,
    reusedData: r.reused_data,
    rating: r.rating,
    apologyAt: r.apology_at,
    hasPaperResult: r.has_paper_result,
    handler: r.handler,
    updatedAt: r.updated_at,
    unit: { code: r.unit_code, name: r.unit_name, path: r.unit_path },
    procedure: { code: r.procedure_code, name: r.procedure_name, processingTime: r.processing_time, timeUnit: r.time_unit },
    field: { code: r.field_code, name: r.field_name },
    allowedWorkDays: Number(r.allowed ?? 0),
    usedWorkDays: Math.max(0, Number(r.used ?? 0)),
  };
}
