// GET /api/v1/kpi?unit=&from=&to=[&field=][&procedure=][&view=current|historical] — SPEC §5, §6. Aggregate figures: any signed-in role or token.
import { z } from 'zod';
import { apiGet, optionalCode, periodQuery, unitCode, viewParam } from '@/lib/server/api';
import { getKpiReport } from '@/lib/server/queries/report';

const query = z.intersection(
  periodQuery,
  z.object({ unit: unitCode('unit'), field: optionalCode, procedure: optionalCode, view: viewParam }),
);

export const GET = apiGet(
  query,
  { action: 'aggregates', unit: (q) => q.unit },
  (q) => getKpiReport(q.unit, { from: q.from, to: q.to }, { fieldCode: q.field, procedureCode: q.procedure, view: q.view }),
  { read: 'kpi', period: (q) => ({ from: q.from, to: q.to }) },
);
