// GET /api/v1/overdue?unit=&from=&to=[&field=][&procedure=][&status=resolved_late|pending_late][&apology=yes|no]
// [&handler=][&page=1][&pageSize=50][&format=json|csv|xlsx][&view=current|historical] — SPEC §5, §6. JSON pages, or the whole filtered list as CSV or
// XLSX (streamed, audited, rate-limited). Dossier-level data: only inside the caller's unit scope.
import { z } from 'zod';
import { overdueFormat } from '@/lib/export/overdue';
import { apiGet, periodQuery, unitCode, viewParam } from '@/lib/server/api';
import { exportResponse } from '@/lib/server/export';
import { listOverdue, overdueExportSql, toOverdueRow } from '@/lib/server/queries/overdue';
import { overdueFilterSchema, overdueFilterSearch } from '@/lib/views';

const query = z.intersection(
  periodQuery,
  overdueFilterSchema.extend({
    unit: unitCode('unit'),
    format: z.enum(['json', 'csv', 'xlsx'], { error: 'format là json, csv hoặc xlsx' }).default('json'),
    page: z.coerce.number({ error: 'page là số nguyên ≥ 1' }).int().min(1).default(1),
    pageSize: z.coerce.number({ error: 'pageSize là số nguyên từ 1 đến 500' }).int().min(1).max(500).default(50),
    view: viewParam,
  }),
);

export const GET = apiGet(query, { action: 'dossiers', unit: (q) => q.unit }, async (q, scope) => {
  const period = { from: q.from, to: q.to };
  const filter = { field: q.field, procedure: q.procedure, status: q.status, apology: q.apology, handler: q.handler };
  if (q.format === 'json') {
    return listOverdue({
      scopePath: scope.path,
      unitCode: q.unit,
      period,
      filter,
      page: q.page,
      pageSize: q.pageSize,
      view: q.view,
    });
  }
  const { query } = await overdueExportSql({ scopePath: scope.path, unitCode: q.unit, period, filter, view: q.view });
  return exportResponse({
    scope,
    what: 'overdue',
    filter: { unit: q.unit, from: q.from, to: q.to, ...overdueFilterSearch(filter), format: q.format, view: q.view },
    query,
    format: overdueFormat(q.format, toOverdueRow),
    fileName: `ho-so-tre-han_${q.unit}_${q.from}_${q.to}.${q.format}`,
  });
});
