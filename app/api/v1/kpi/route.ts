// GET /api/v1/kpi?unit=&from=&to=[&field=][&procedure=] — SPEC §5. Aggregate figures: any signed-in role or token.
import { z } from 'zod';
import { apiGet, optionalCode, periodQuery, unitCode } from '@/lib/server/api';
import { getKpiReport } from '@/lib/server/queries/report';

const query = z.intersection(periodQuery, z.object({ unit: unitCode('unit'), field: optionalCode, procedure: optionalCode }));

export const GET = apiGet(query, { action: 'aggregates', unit: (q) => q.unit }, (q) =>
  getKpiReport(q.unit, { from: q.from, to: q.to }, { fieldCode: q.field, procedureCode: q.procedure }),
);
