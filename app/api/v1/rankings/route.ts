// GET /api/v1/rankings?parent=&level=&from=&to=[&kpi=score][&field=][&minSample=10][&view=current|historical] —
// SPEC §3, §5, §6. Aggregate figures of peers (published anyway): any signed-in role or token.
import { z } from 'zod';
import { apiGet, levelParam, optionalCode, periodQuery, rankingKpiParam, unitCode, viewParam } from '@/lib/server/api';
import { getRankings } from '@/lib/server/queries/report';

const query = z.intersection(
  periodQuery,
  z.object({
    parent: unitCode('parent'),
    level: levelParam,
    kpi: rankingKpiParam.default('score'),
    field: optionalCode,
    minSample: z.coerce.number({ error: 'minSample là số nguyên ≥ 0' }).int().min(0).max(1_000_000).default(10),
    view: viewParam,
  }),
);

export const GET = apiGet(
  query,
  { action: 'aggregates', unit: (q) => q.parent },
  (q) =>
    getRankings(
      q.parent,
      q.level,
      { from: q.from, to: q.to },
      { kpi: q.kpi, fieldCode: q.field, minSample: q.minSample, view: q.view },
    ),
  { read: 'rankings', period: (q) => ({ from: q.from, to: q.to }) },
);
