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

export async function listOverdue(
  unitCode: string, period: Period, options: { page?: number; pageSize?: number; now?: Date } = {},
): Promise<OverdueList> {
  const now = options.now ?? new Date();
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? 50;
  const unit = await findUnit(unitCode);
  if (!unit) throw new NotFoundError('unit_not_found', `Không có đơn vị mã "${unitCode}".`);
  const t = asOfTime(period, now);
  const start = startOfLocalDay(period.from);
  const end = startOfLocalDay(addDays(period.to, 1));
  // Pending and late at T: the unfinished dossiers (partial index) and those ended after T (index on unit, end).
  const pendingLate = Prisma.sql`
      SELECT d.id, 0 AS pri, d.deadline_at FROM dossiers d JOIN sub ON sub.id = d.unit_id
      WHERE d.ended_at IS NULL AND d.received_at <= ${t} AND d.late_after < ${t}
      UNION ALL
      SELECT d.id, 0, d.deadline_at FROM dossiers d JOIN sub ON sub.id = d.unit_id
      WHERE d.ended_at > ${t} AND d.received_at <= ${t} AND d.late_after < ${t}`;
  const db = getDb();
  // The total is the KPI engine's own count of late dossiers (resolved late + pending late), read from the roll-ups.
  const [sums, rows] = await Promise.all([
    sumKpis([unit], period, now),
    db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
      WITH sub AS (SELECT id FROM units WHERE path LIKE ${`${unit.path}%`}),
      late AS (
        ${pendingLate}
        UNION ALL
        SELECT d.id, 1, d.deadline_at FROM dossiers d JOIN sub ON sub.id = d.unit_id
        WHERE d.outcome = 3 AND d.ended_at >= ${start} AND d.ended_at < ${end}
      ),
      page AS (SELECT id, pri, deadline_at FROM late ORDER BY pri, deadline_at, id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize})
      SELECT d.code, CASE page.pri WHEN 0 THEN 'pending_late' ELSE 'resolved_late' END AS status,
             u.code AS unit_code, u.name AS unit_name, p.code AS procedure_code, p.name AS procedure_name,
             f.code AS field_code, f.name AS field_name, d.handler, d.received_at, d.deadline_at, d.ended_at, d.apology_at,
             greatest(0, tthc_work_days_between(tthc_local_day(d.deadline_at), tthc_local_day(tthc_shift(
               CASE WHEN page.pri = 1 THEN d.ended_at ELSE ${t}::timestamptz END,
               -tthc_supplement(d.supplement_requested_at, d.supplement_completed_at))))) AS days_late
      FROM page
      JOIN dossiers d ON d.id = page.id
      JOIN units u ON u.id = d.unit_id
      JOIN procedures p ON p.id = d.procedure_id
      JOIN fields f ON f.id = p.field_id
      ORDER BY page.pri, page.deadline_at, page.id`),
  ]);
  const s = sums.get(unit.id)!;
  return {
    unit: { code: unit.code, name: unit.name },
    period,
    asOf: t,
    total: s.resolvedLate + s.pendingLate,
    page,
    pageSize,
    rows: rows.map((r) => ({
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
    })),
  };
}
