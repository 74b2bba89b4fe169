// Dossiers about to be late: unfinished in a unit's subtree, not late yet, and late after the end of the next
// `workDays` working days at the latest — what a chair chases today. Inside the caller's scope.
import 'server-only';
import type { NearDueList } from '@/lib/views';
import { db, sql } from '@/lib/server/sql';
import { requestNow } from '@/lib/server/request-cache';
import { findUnit } from './units';
import { versionsUnder } from './unit-history';
import { NotFoundError } from '@/lib/server/errors';

export async function listNearDue(q: {
  scopePath: string;
  unitCode: string;
  now?: Date;
  workDays?: number;
  limit?: number;
}): Promise<NearDueList> {
  const unit = await findUnit(q.unitCode);
  if (!unit) throw new NotFoundError('unit_not_found', `Không có đơn vị mã "${q.unitCode}".`);
  const now = q.now ?? requestNow();
  const workDays = q.workDays ?? 2;
  const ids = await versionsUnder(unit.path, 'current', q.scopePath);
  const { until } = await db()
    .selectFrom('work_days')
    .select(sql<Date>`tthc_end_of_day(day)`.as('until'))
    .where((eb) => eb.ref('is_working'))
    .where('day', '>', sql<Date>`tthc_local_day(${now}::timestamptz)`)
    .orderBy('day')
    .offset(workDays - 1)
    .limit(1)
    .executeTakeFirstOrThrow();
  // The unfinished dossiers' partial index (unit_id, late_after): one range per unit of the subtree.
  const rows = await db()
    // Today's unit and every version counted under it (SPEC §6: a dossier received by a merged commune before the
    // merger and still open is chased by the new one), inside the scope.
    .with('sub', (qc) =>
      qc
        .selectFrom('units')
        .select(['id', 'code', 'name'])
        .where((eb) => eb('id', '=', eb.fn.any(eb.val(ids)))),
    )
    .with('near', (qc) =>
      qc
        .selectFrom('dossiers as d')
        .innerJoin('sub', 'sub.id', 'd.unit_id')
        .select(['d.id', 'd.code', 'd.unit_id', 'd.procedure_id', 'd.handler', 'd.received_at', 'd.late_after'])
        .where('d.ended_at', 'is', null)
        .where('d.late_after', '>=', now)
        .where('d.late_after', '<=', until)
        .where('d.received_at', '<=', now),
    )
    .selectFrom('near as n')
    .innerJoin('sub', 'sub.id', 'n.unit_id')
    .innerJoin('procedures as p', 'p.id', 'n.procedure_id')
    .select([
      'n.code',
      'sub.code as unit_code',
      'sub.name as unit_name',
      'p.code as procedure_code',
      'p.name as procedure_name',
      'n.handler',
      'n.received_at',
      'n.late_after',
      sql<bigint>`count(*) OVER ()`.as('total'),
    ])
    .orderBy('n.late_after')
    .orderBy('n.id')
    .limit(q.limit ?? 20)
    .execute();
  return {
    until,
    total: rows.length === 0 ? 0 : Number(rows[0]!.total),
    rows: rows.map((r) => ({
      code: r.code,
      unit: { code: r.unit_code, name: r.unit_name },
      procedure: { code: r.procedure_code, name: r.procedure_name },
      handler: r.handler,
      receivedAt: r.received_at,
      lateAfter: r.late_after,
    })),
  };
}
