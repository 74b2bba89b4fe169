// Late dossiers of a unit's subtree (SPEC §5): resolved late in the period, or pending and late at T.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { addDays, startOfLocalDay } from '@/lib/calendar';
import { asOfTime, type Period } from '@/lib/kpi';
import { getDb } from '@/lib/server/db';
import { findUnit, sumKpis } from './kpi';
import { NotFoundError } from './report';

export interface OverdueRow {
  code: string;
  status: 'resolved_late' | 'pending_late';
  unit: { code: string; name: string };
  procedure: { code: string; name: string };
  field: { code: string; name: string };
  handler: string | null;
  receivedAt: Date;
  dueAt: Date;
  endedAt: Date | null;
  /** Working days from the local day of D to that of E − S (or T − S while pending); at least 0. */
  daysLate: number;
  apologyAt: Date | null;
}

export interface OverdueList {
  unit: { code: string; name: string };
  period: Period;
  asOf: Date;
  total: number;
  page: number;
  pageSize: number;
  rows: OverdueRow[];
}

export interface OverdueQuery {
  /** The caller's scope (from the gate): a unit path prefix the rows must stay inside. */
  scopePath: string;
  unitCode: string;
  period: Period;
  now?: Date;
}

/**
 * The late dossiers of a unit's subtree, ordered: pending late first (by due), then resolved late (by due).
 * The scope is part of the `where`, whatever unit was asked for.
 */
export async function overdueSql(q: OverdueQuery) {
  const unit = await findUnit(q.unitCode);
  if (!unit) throw new NotFoundError('unit_not_found', `Không có đơn vị mã "${q.unitCode}".`);
  const t = asOfTime(q.period, q.now ?? new Date());
  const start = startOfLocalDay(q.period.from);
  const end = startOfLocalDay(addDays(q.period.to, 1));
  // Pending and late at T: the unfinished dossiers (partial index) and those ended after T (index on unit, end).
  const late = Prisma.sql`
      WITH sub AS (SELECT id FROM units WHERE path LIKE ${`${unit.path}%`} AND path LIKE ${`${q.scopePath}%`})
      SELECT d.id, 0 AS pri, d.deadline_at FROM dossiers d JOIN sub ON sub.id = d.unit_id
      WHERE d.ended_at IS NULL AND d.received_at <= ${t} AND d.late_after < ${t}
      UNION ALL
      SELECT d.id, 0, d.deadline_at FROM dossiers d JOIN sub ON sub.id = d.unit_id
      WHERE d.ended_at > ${t} AND d.received_at <= ${t} AND d.late_after < ${t}
      UNION ALL
      SELECT d.id, 1, d.deadline_at FROM dossiers d JOIN sub ON sub.id = d.unit_id
      WHERE d.outcome = 3 AND d.ended_at >= ${start} AND d.ended_at < ${end}`;
  const select = (rows: Prisma.Sql) => Prisma.sql`
      SELECT d.code, CASE page.pri WHEN 0 THEN 'pending_late' ELSE 'resolved_late' END AS status,
             u.code AS unit_code, u.name AS unit_name, p.code AS procedure_code, p.name AS procedure_name,
             f.code AS field_code, f.name AS field_name, d.handler, d.received_at, d.deadline_at, d.ended_at, d.apology_at,
             greatest(0, tthc_work_days_between(tthc_local_day(d.deadline_at), tthc_local_day(tthc_shift(
               CASE WHEN page.pri = 1 THEN d.ended_at ELSE ${t}::timestamptz END,
               -tthc_supplement(d.supplement_requested_at, d.supplement_completed_at))))) AS days_late
      FROM (${rows}) page
      JOIN dossiers d ON d.id = page.id
      JOIN units u ON u.id = d.unit_id
      JOIN procedures p ON p.id = d.procedure_id
      JOIN fields f ON f.id = p.field_id
      ORDER BY page.pri, page.deadline_at, page.id`;
  return { unit, t, late, select };
}

export function toOverdueRow(r: Record<string, unknown>): OverdueRow {
  return {
    code: r.code as string,
    status: r.status as OverdueRow['status'],
    unit: { code: r.unit_code as string, name: r.unit_name as string },
    procedure: { code: r.procedure_code as string, name: r.procedure_name as string },
    field: { code: r.field_code as string, name: r.field_name as string },
    handler: (r.handler as string | null) ?? null,
    receivedAt: r.received_at as Date,
    dueAt: r.deadline_at as Date,
    endedAt: (r.ended_at as Date | null) ?? null,
    daysLate: Number(r.days_late),
    apologyAt: (r.apology_at as Date | null) ?? null,
  };
}

/** One page of the late dossiers, with the total (the KPI engine's own count, from the roll-ups). */
export async function listOverdue(q: OverdueQuery & { page?: number; pageSize?: number }): Promise<OverdueList> {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const now = q.now ?? new Date();
  const { unit, t, late, select } = await overdueSql({ ...q, now });
  const [sums, rows] = await Promise.all([
    sumKpis([unit], q.period, now),
    getDb().$queryRaw<Array<Record<string, unknown>>>(select(Prisma.sql`
      SELECT id, pri, deadline_at FROM (${late}) late ORDER BY pri, deadline_at, id
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`)),
  ]);
  const s = sums.get(unit.id)!;
  return {
    unit: { code: unit.code, name: unit.name },
    period: q.period,
    asOf: t,
    total: s.resolvedLate + s.pendingLate,
    page,
    pageSize,
    rows: rows.map(toOverdueRow),
  };
}

/** Every late dossier of the query, for an export: the SQL to run through a cursor, and the unit. */
export async function overdueExportSql(q: OverdueQuery) {
  const { unit, t, late, select } = await overdueSql(q);
  return { unit, asOf: t, sql: select(Prisma.sql`SELECT id, pri, deadline_at FROM (${late}) late`) };
}
