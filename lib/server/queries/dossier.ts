// One dossier, for its page: the raw SPEC §4 dates, its unit, procedure and field, and the working days it used and
// was allowed (from the database's working-day calendar, the one the KPIs use).
import 'server-only';
import type { KpiDossier } from '@/lib/kpi';
import { getDb } from '@/lib/server/db';
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
  const rows = await getDb().$queryRaw<Array<{ code: string }>>`
    SELECT u.code FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE d.code = ${code}`;
  return rows[0]?.code ?? null;
}

/** The dossier with code `code` inside the scope path, or null. `now` is T for an unfinished dossier. */
export async function getDossier(code: string, scopePath: string, now = requestNow()): Promise<DossierDetail | null> {
  const rows = await getDb().$queryRaw<Array<Record<string, unknown>>>`
    SELECT d.code, d.received_at, d.due_at, d.deadline_at, d.processed_at, d.returned_at, d.rejected_at, d.withdrawn_at,
           d.supplement_requested_at, d.supplement_completed_at, d.supplement_count, d.channel, d.fee, d.online_payment,
           d.digitized, d.e_result, d.reused_data, d.rating, d.apology_at, d.handler, d.updated_at,
           u.code AS unit_code, u.name AS unit_name, u.path AS unit_path,
           p.code AS procedure_code, p.name AS procedure_name, p.processing_time::float8 AS processing_time,
           p.time_unit::text AS time_unit, p.has_paper_result, f.code AS field_code, f.name AS field_name,
           tthc_work_days_between(tthc_local_day(d.received_at), tthc_local_day(d.deadline_at)) AS allowed,
           tthc_work_days_between(tthc_local_day(d.received_at), tthc_local_day(tthc_shift(
             coalesce(d.ended_at, ${now}::timestamptz), -tthc_supplement(d.supplement_requested_at, d.supplement_completed_at)))) AS used
    FROM dossiers d
    JOIN units u ON u.id = d.unit_id
    JOIN procedures p ON p.id = d.procedure_id
    JOIN fields f ON f.id = p.field_id
    WHERE d.code = ${code} AND u.path LIKE ${`${scopePath}%`}`;
  const r = rows[0];
  if (!r) return null;
  const date = (v: unknown) => (v as Date | null) ?? null;
  return {
    code: r.code as string,
    receivedAt: r.received_at as Date,
    dueAt: date(r.due_at),
    deadlineAt: r.deadline_at as Date,
    processedAt: date(r.processed_at),
    returnedAt: date(r.returned_at),
    rejectedAt: date(r.rejected_at),
    withdrawnAt: date(r.withdrawn_at),
    supplementRequestedAt: date(r.supplement_requested_at),
    supplementCompletedAt: date(r.supplement_completed_at),
    supplementCount: Number(r.supplement_count),
    channel: Number(r.channel),
    fee: r.fee === null ? null : Number(r.fee),
    onlinePayment: r.online_payment === null ? null : Number(r.online_payment),
    digitized: r.digitized as boolean,
    eResult: r.e_result as boolean,
    reusedData: r.reused_data as boolean,
    rating: r.rating === null ? null : Number(r.rating),
    apologyAt: date(r.apology_at),
    hasPaperResult: r.has_paper_result as boolean,
    handler: (r.handler as string | null) ?? null,
    updatedAt: r.updated_at as Date,
    unit: { code: r.unit_code as string, name: r.unit_name as string, path: r.unit_path as string },
    procedure: {
      code: r.procedure_code as string,
      name: r.procedure_name as string,
      processingTime: r.processing_time === null ? null : Number(r.processing_time),
      timeUnit: (r.time_unit as string | null) ?? null,
    },
    field: { code: r.field_code as string, name: r.field_name as string },
    allowedWorkDays: Number(r.allowed ?? 0),
    usedWorkDays: Math.max(0, Number(r.used ?? 0)),
  };
}
