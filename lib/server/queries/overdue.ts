// Late dossiers of a unit's subtree (SPEC §5): resolved late in the period, or pending and late at T.
import 'server-only';
import type { InferResult, QueryCreator, SqlBool } from 'kysely';
import type { OverdueList, OverdueRow } from '@/lib/views';
import { addDays, localDayOf, startOfLocalDay } from '@/lib/calendar';
import { asOfTime, type Period } from '@/lib/kpi';
import { db, sql, type DB } from '@/lib/server/sql';
import { requestNow } from '@/lib/server/request-cache';
import type { UnitView } from '@/lib/units';
import { findUnit, unitDay } from './units';
import { unitHistory, versionsUnder } from './unit-history';
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
  /** Units as they are today (default) or as they were (SPEC §6). */
  view?: UnitView;
}

/** "Nguyễn  Văn" → "nguyen van": the form both sides of the handler search are compared in. */
function foldName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The unit versions counted under the unit in the view, inside the scope (./unit-history): `sub`, the CTE every branch
 * of the late dossiers joins.
 */
function subtree(ids: readonly number[]) {
  return db()
    .selectFrom(sql<{ id: number }>`(SELECT unnest(${ids}::int[]) AS id)`.as('v'))
    .select('v.id');
}

/** What a branch of the late dossiers reads: the tables, and `sub`. */
type LateDb = DB & { sub: InferResult<ReturnType<typeof subtree>>[number] };

/** The dossiers `d` of the subtree. */
function subtreeDossiers(qc: QueryCreator<LateDb>) {
  return qc.selectFrom('dossiers as d').innerJoin('sub', 'sub.id', 'd.unit_id');
}

/** Conditions on the dossiers `d` of a branch. */
type Conditions = (qb: ReturnType<typeof subtreeDossiers>) => ReturnType<typeof subtreeDossiers>;

/** A branch of the late dossiers: the priority of its rows (0 pending late, 1 resolved late) and its conditions. */
interface Branch {
  pri: 0 | 1;
  where: Conditions;
}

/** The rows of a branch that pass the filter: their id, priority, due, unit, handler and apology letter. */
function lateBranch(qc: QueryCreator<LateDb>, { pri, where }: Branch, filtered: Conditions) {
  return filtered(where(subtreeDossiers(qc))).select([
    'd.id',
    sql.lit<number>(pri).as('pri'),
    'd.deadline_at',
    'd.unit_id',
    'd.handler',
    // In the late dossiers' indexes (INCLUDE): the late-official list counts apology letters without a visit.
    'd.apology_at',
  ]);
}

/** The late dossiers of a query (WITH sub … SELECT … UNION ALL SELECT …). */
type LateQuery = ReturnType<typeof lateBranch>;

/** The conditions of a filter on the dossiers `d` (status is applied by choosing the branches). */
async function filterConditions(kpiFilter: KpiFilter, filter: OverdueFilter): Promise<Conditions> {
  const { procedureId, fieldId } = kpiFilter;
  const fieldProcedures =
    procedureId === null && fieldId !== null
      ? (await db().selectFrom('procedures').select('id').where('field_id', '=', fieldId).execute()).map((r) => r.id)
      : null;
  const handler = filter.handler ? `%${foldName(filter.handler).replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return (qb) => {
    // The procedures as a constant list, compared through `+ 0`: otherwise the planner ANDs the (huge) bitmap of a
    // procedure's every dossier with the late-dossier index instead of filtering the few late ones (0.5 s → 25 ms at 10 M).
    if (procedureId !== null) qb = qb.where(sql<SqlBool>`d.procedure_id + 0 = ${procedureId}`);
    if (fieldProcedures) qb = qb.where(sql<SqlBool>`d.procedure_id + 0 = ANY(${fieldProcedures}::int[])`);
    if (filter.apology === 'yes') qb = qb.where('d.apology_at', 'is not', null);
    if (filter.apology === 'no') qb = qb.where('d.apology_at', 'is', null);
    // tthc_fold_name (migration 20261202110000) folds as foldName does; the late dossiers' index keeps its value.
    if (handler) qb = qb.where(sql<string>`tthc_fold_name(d.handler)`, 'like', handler);
    return qb;
  };
}

/** The ids of the late dossiers, with what they are ordered by (a page of them, once ordered and limited). */
function lateIds(late: LateQuery) {
  return db().selectFrom(late.as('late')).select(['id', 'pri', 'deadline_at']);
}

/** The late dossiers `page` names, in its order, with their unit, procedure, field and working days late at `t`. */
function overdueRows(page: ReturnType<typeof lateIds>, t: Date) {
  return db()
    .selectFrom(page.as('page'))
    .innerJoin('dossiers as d', 'd.id', 'page.id')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('fields as f', 'f.id', 'p.field_id')
    .select([
      'd.code',
      sql<OverdueRow['status']>`CASE page.pri WHEN 0 THEN 'pending_late' ELSE 'resolved_late' END`.as('status'),
      'u.code as unit_code',
      'u.name as unit_name',
      'p.code as procedure_code',
      'p.name as procedure_name',
      'f.code as field_code',
      'f.name as field_name',
      'd.handler',
      'd.received_at',
      'd.deadline_at',
      'd.ended_at',
      'd.apology_at',
      sql<number>`greatest(0, tthc_work_days_between(tthc_local_day(d.deadline_at), tthc_local_day(tthc_shift(
        CASE WHEN page.pri = 1 THEN d.ended_at ELSE ${t}::timestamptz END,
        -tthc_supplement(d.supplement_requested_at, d.supplement_completed_at)))))`.as('days_late'),
    ])
    .orderBy('page.pri')
    .orderBy('page.deadline_at')
    .orderBy('page.id');
}

/** A row of the late dossiers' query, as it comes back. */
export type OverdueQueryRow = InferResult<ReturnType<typeof overdueRows>>[number];

/**
 * The late dossiers of a unit's subtree, ordered: pending late first (by due), then resolved late (by due).
 * The scope is part of the `where`, whatever unit was asked for.
 */
export async function overdueSql(q: OverdueQuery) {
  const view = q.view ?? 'current';
  const unit = await findUnit(q.unitCode, unitDay(view, q.period, q.now ?? requestNow()));
  if (!unit) throw new NotFoundError('unit_not_found', `Không có đơn vị mã "${q.unitCode}".`);
  const filter = q.filter ?? {};
  const { filter: kpiFilter } = await resolveFilter({ fieldCode: filter.field, procedureCode: filter.procedure });
  const t = asOfTime(q.period, q.now ?? requestNow());
  const start = startOfLocalDay(q.period.from);
  const end = startOfLocalDay(addDays(q.period.to, 1));
  const filtered = await filterConditions(kpiFilter, filter);
  // Pending and late at T: the unfinished dossiers (partial index) and those ended after T (index on unit, end).
  // Resolved late in P: the partial index of late dossiers (`outcome = 3` a literal, as in the index's predicate).
  // The filters are conditions of each branch.
  const ids = await versionsUnder(unit.path, view, q.scopePath);
  const { versions } = await unitHistory();
  const receivedBy = localDayOf(t);
  const open = new Set(ids);
  const openIds = versions.filter((v) => open.has(v.id) && v.validFrom <= receivedBy).map((v) => v.id);
  const branches: Branch[] = [];
  if (filter.status !== 'resolved_late') {
    branches.push(
      { pri: 0, where: (qb) => qb.where('d.ended_at', 'is', null).where('d.received_at', '<=', t).where('d.late_after', '<', t) },
      // Ended after T but late at T: ended after its late instant, so resolved late (`outcome = 3`, a literal as in the
      // late dossiers' partial index), and received by T, so by a unit version in force by then. The versions as a
      // constant list let that index bound the branch unit by unit: for a past T (a 2025 quarter at 10 M) the join
      // alone read every dossier received before T, or every late one since (0.9–1.2 s → under 0.1 s).
      {
        pri: 0,
        where: (qb) =>
          qb
            .where('d.outcome', '=', sql.lit(3))
            .where(sql<SqlBool>`d.unit_id = ANY(${openIds}::int[])`)
            .where('d.ended_at', '>', t)
            .where('d.received_at', '<=', t)
            .where('d.late_after', '<', t),
      },
    );
  }
  if (filter.status !== 'pending_late') {
    const where: Conditions = (qb) =>
      qb.where('d.outcome', '=', sql.lit(3)).where('d.ended_at', '>=', start).where('d.ended_at', '<', end);
    branches.push({ pri: 1, where });
  }
  // WITH sub AS (…) SELECT … UNION ALL SELECT …: the first branch carries the CTE; the others only declare its type.
  const withSub = db().with('sub', () => subtree(ids));
  const knowingSub = db().withTables<Pick<LateDb, 'sub'>>();
  const [first, ...others] = branches;
  const late = lateBranch(withSub, first!, filtered).unionAll(others.map((b) => lateBranch(knowingSub, b, filtered)));
  return { unit, t, late, kpiFilter, filter };
}

export function toOverdueRow(r: OverdueQueryRow): OverdueRow {
  return {
    code: r.code,
    status: r.status,
    unit: { code: r.unit_code, name: r.unit_name },
    procedure: { code: r.procedure_code, name: r.procedure_name },
    field: { code: r.field_code, name: r.field_name },
    handler: r.handler,
    receivedAt: r.received_at,
    dueAt: r.deadline_at,
    endedAt: r.ended_at,
    daysLate: r.days_late,
    apologyAt: r.apology_at,
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
  late: LateQuery,
  view: UnitView,
) {
  if (filter.handler) {
    const row = await db()
      .selectFrom(late.as('late'))
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }
  const s = (await sumKpis([unit], period, now, kpiFilter, view)).get(unit.id)!;
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
  const { unit, t, late, kpiFilter, filter } = await overdueSql({ ...q, now });
  const ids = lateIds(late).orderBy('pri').orderBy('deadline_at').orderBy('id');
  const [total, rows] = await Promise.all([
    countOverdue(unit, q.period, now, kpiFilter, filter, late, q.view ?? 'current'),
    overdueRows(ids.limit(pageSize).offset((page - 1) * pageSize), t).execute(),
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

/** Every late dossier of the query, for an export: the query to run through a cursor, and the unit. */
export async function overdueExportSql(q: OverdueQuery) {
  const { unit, t, late } = await overdueSql(q);
  return { unit, asOf: t, query: overdueRows(lateIds(late), t) };
}
