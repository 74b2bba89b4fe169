// Late dossiers of a unit's subtree (SPEC §5): resolved late in the period, or pending and late at T.
import 'server-only';
import type { OverdueList, OverdueRow } from '@/lib/views';
import { Prisma } from '@/lib/generated/prisma/client';
import { addDays, startOfLocalDay } from '@/lib/calendar';
import { asOfTime, type Period } from '@/lib/kpi';
import { getDb } from '@/lib/server/db';
import { requestNow } from '@/lib/server/request-cache';
import { findUnit } from './units';
import { sumKpis, type KpiFilter } from './rollups';
import { resolveFilter } from './report';
import { type OverdueFilter, type UnitRef } from '@/lib/views';
import { NotFoundError } from '@/lib/server/errors';

export interface OverdueQuery {
  /** The caller's scope (from the gate): a unit path prefix the rows must stay inside. */
  scopePath: string;
  unitCode: string;
  period: Period;
  /** Field, procedure, status, apology issued or not, handler (a part of the name, case and accents ignored). */
  filter?: OverdueFilter;
  now?: Date;
}

/** "Nguyễn  Văn" → "nguyen van": the form both sides of the handler search are compared in. */
function foldName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The SQL conditions of a filter on the dossier alias `d` (status is applied by choosing the branches). */
async function conditionsSql(kpiFilter: KpiFilter, filter: OverdueFilter): Promise<Prisma.Sql> {
  const parts: Prisma.Sql[] = [];
  // The procedures as a constant list, compared through `+ 0`: otherwise the planner ANDs the (huge) bitmap of a
  // procedure's every dossier with the late-dossier index instead of filtering the few late ones (0.5 s → 25 ms at 10 M).
  if (kpiFilter.procedureId !== null) parts.push(Prisma.sql`AND d.procedure_id + 0 = ${kpiFilter.procedureId}`);
  else if (kpiFilter.fieldId !== null) {
    const ids = (
      await getDb().$queryRaw<Array<{ id: number }>>`SELECT id FROM procedures WHERE field_id = ${kpiFilter.fieldId}`
    ).map((r) => r.id);
    parts.push(Prisma.sql`AND d.procedure_id + 0 = ANY(${ids}::int[])`);
  }
  if (filter.apology === 'yes') parts.push(Prisma.sql`AND d.apology_at IS NOT NULL`);
  if (filter.apology === 'no') parts.push(Prisma.sql`AND d.apology_at IS NULL`);
  if (filter.handler) {
    const pattern = `%${foldName(filter.handler).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // tthc_fold_name (migration 20261202110000) folds as foldName does; the late dossiers' index keeps its value.
    parts.push(Prisma.sql`AND tthc_fold_name(d.handler) LIKE ${pattern}`);
  }
  return parts.length > 0 ? Prisma.join(parts, ' ') : Prisma.empty;
}

/**
 * The late dossiers of a unit's subtree, ordered: pending late first (by due), then resolved late (by due).
 * The scope is part of the `where`, whatever unit was asked for.
 */
export async function overdueSql(q: OverdueQuery) {
  const unit = await findUnit(q.unitCode);
  if (!unit) throw new NotFoundError('unit_not_found', `Không có đơn vị mã "${q.unitCode}".`);
  const filter = q.filter ?? {};
  const { filter: kpiFilter } = await resolveFilter({ fieldCode: filter.field, procedureCode: filter.procedure });
  const t = asOfTime(q.period, q.now ?? requestNow());
  const start = startOfLocalDay(q.period.from);
  const end = startOfLocalDay(addDays(q.period.to, 1));
  const where = await conditionsSql(kpiFilter, filter);
  // Pending and late at T: the unfinished dossiers (partial index) and those ended after T (index on unit, end).
  // Resolved late in P: the partial index of late dossiers. The filters are conditions of each branch.
  const branches: Prisma.Sql[] = [];
  if (filter.status !== 'resolved_late') {
    branches.push(
      Prisma.sql`
      SELECT d.id, 0 AS pri, d.deadline_at, d.unit_id, d.handler FROM dossiers d JOIN sub ON sub.id = d.unit_id
      WHERE d.ended_at IS NULL AND d.received_at <= ${t} AND d.late_after < ${t} ${where}`,
      Prisma.sql`
      SELECT d.id, 0 AS pri, d.deadline_at, d.unit_id, d.handler FROM dossiers d JOIN sub ON sub.id = d.unit_id
      WHERE d.ended_at > ${t} AND d.received_at <= ${t} AND d.late_after < ${t} ${where}`,
    );
  }
  if (filter.status !== 'pending_late') {
    branches.push(Prisma.sql`
      SELECT d.id, 1 AS pri, d.deadline_at, d.unit_id, d.handler FROM dossiers d JOIN sub ON sub.id = d.unit_id
      WHERE d.outcome = 3 AND d.ended_at >= ${start} AND d.ended_at < ${end} ${where}`);
  }
  const late = Prisma.sql`
      WITH sub AS (SELECT id FROM units WHERE path LIKE ${`${unit.path}%`} AND path LIKE ${`${q.scopePath}%`})
      ${Prisma.join(branches, ' UNION ALL ')}`;
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
  return { unit, t, late, select, kpiFilter, filter };
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

/**
 * The number of late dossiers of a query: the KPI engine's own count, from the roll-ups (which know fields,
 * procedures and apologies); counted from the dossiers only when a handler is searched.
 */
async function countOverdue(
  unit: UnitRef,
  period: Period,
  now: Date,
  kpiFilter: KpiFilter,
  filter: OverdueFilter,
  late: Prisma.Sql,
) {
  if (filter.handler) {
    const [row] = await getDb().$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM (${late}) late`;
    return row!.n;
  }
  const s = (await sumKpis([unit], period, now, kpiFilter)).get(unit.id)!;
  const pick = (all: number, withApology: number) =>
    filter.apology === 'yes' ? withApology : filter.apology === 'no' ? all - withApology : all;
  const resolved = filter.status === 'pending_late' ? 0 : pick(s.resolvedLate, s.resolvedLateApology);
  const pending = filter.status === 'resolved_late' ? 0 : pick(s.pendingLate, s.pendingLateApology);
  return resolved + pending;
}

/** One page of the late dossiers, with the total. */
export async function listOverdue(q: OverdueQuery & { page?: number; pageSize?: number }): Promise<OverdueList> {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const now = q.now ?? requestNow();
  const { unit, t, late, select, kpiFilter, filter } = await overdueSql({ ...q, now });
  const [total, rows] = await Promise.all([
    countOverdue(unit, q.period, now, kpiFilter, filter, late),
    getDb().$queryRaw<Array<Record<string, unknown>>>(
      select(Prisma.sql`
      SELECT id, pri, deadline_at FROM (${late}) late ORDER BY pri, deadline_at, id
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
    ),
  ]);
  return {
    unit: { code: unit.code, name: unit.name },
    period: q.period,
    filter,
    asOf: t,
    total,
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
