// Dossiers about to be late: unfinished in a unit's subtree, not late yet, and late after the end of the next
// `workDays` working days at the latest — what a chair chases today. Inside the caller's scope.
import 'server-only';
import type { NearDueList } from '@/lib/views';
import { getDb } from '@/lib/server/db';
import { requestNow } from '@/lib/server/request-cache';
import { findUnit } from './units';
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
  const [window] = await getDb().$queryRaw<Array<{ until: Date }>>`
    SELECT tthc_end_of_day(day) AS until FROM work_days
    WHERE is_working AND day > tthc_local_day(${now}::timestamptz) ORDER BY day OFFSET ${workDays - 1} LIMIT 1`;
  const until = window!.until;
  // The unfinished dossiers' partial index (unit_id, late_after): one range per unit of the subtree.
  const rows = await getDb().$queryRaw<Array<Record<string, unknown>>>`
    WITH sub AS (SELECT id, code, name FROM units WHERE path LIKE ${`${unit.path}%`} AND path LIKE ${`${q.scopePath}%`}),
    near AS (
      SELECT d.id, d.code, d.unit_id, d.procedure_id, d.handler, d.received_at, d.late_after
      FROM dossiers d JOIN sub ON sub.id = d.unit_id
      WHERE d.ended_at IS NULL AND d.late_after >= ${now} AND d.late_after <= ${until} AND d.received_at <= ${now}
    )
    SELECT n.code, sub.code AS unit_code, sub.name AS unit_name, p.code AS procedure_code, p.name AS procedure_name,
           n.handler, n.received_at, n.late_after, count(*) OVER () AS total
    FROM near n JOIN sub ON sub.id = n.unit_id JOIN procedures p ON p.id = n.procedure_id
    ORDER BY n.late_after, n.id
    LIMIT ${q.limit ?? 20}`;
  return {
    until,
    total: rows.length === 0 ? 0 : Number(rows[0]!.total),
    rows: rows.map((r) => ({
      code: r.code as string,
      unit: { code: r.unit_code as string, name: r.unit_name as string },
      procedure: { code: r.procedure_code as string, name: r.procedure_name as string },
      handler: (r.handler as string | null) ?? null,
      receivedAt: r.received_at as Date,
      lateAfter: r.late_after as Date,
    })),
  };
}
