// "Phi địa giới" (SPEC §6): of a unit's dossiers received in a period, how many were received by another unit, and
// how many it received for others. KPIs stay with the handling unit; these two counts are shown beside them. Both read
// only the dossiers that have a receiving unit (two partial indexes), a small share of all.
import 'server-only';
import { addDays, startOfLocalDay } from '@/lib/calendar';
import type { Period } from '@/lib/kpi';
import type { UnitView } from '@/lib/units';
import type { UnitRef } from '@/lib/views';
import { db, sql } from '@/lib/server/sql';
import { versionsUnder } from './unit-history';

export interface ReceivingCounts {
  /** Its dossiers (handled in its subtree) received by a unit outside it. */
  receivedElsewhere: number;
  /** Dossiers received in its subtree for a unit outside it. */
  receivedForOthers: number;
}

export async function receivingCounts(unit: UnitRef, period: Period, view: UnitView = 'current'): Promise<ReceivingCounts> {
  const ids = await versionsUnder(unit.path, view, '/');
  const start = startOfLocalDay(period.from);
  const end = startOfLocalDay(addDays(period.to, 1));
  const among = (column: 'd.unit_id' | 'd.received_unit_id') => sql<boolean>`${sql.ref(column)} = ANY(${ids}::int[])`;
  const count = (inside: 'd.unit_id' | 'd.received_unit_id', outside: 'd.unit_id' | 'd.received_unit_id') =>
    db()
      .selectFrom('dossiers as d')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('d.received_unit_id', 'is not', null)
      .where(among(inside))
      .where(sql<boolean>`NOT ${among(outside)}`)
      .where('d.received_at', '>=', start)
      .where('d.received_at', '<', end)
      .executeTakeFirstOrThrow();
  const [elsewhere, forOthers] = await Promise.all([
    count('d.unit_id', 'd.received_unit_id'),
    count('d.received_unit_id', 'd.unit_id'),
  ]);
  return { receivedElsewhere: elsewhere.n, receivedForOthers: forOthers.n };
}
