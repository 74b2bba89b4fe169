// GET /api/v1/overdue?unit=&from=&to=[&page=1][&pageSize=50] — SPEC §5 (JSON; CSV/XLSX come with the pages).
import { z } from 'zod';
import { apiGet, periodQuery, unitCode } from '@/lib/server/api';
import { listOverdue } from '@/lib/server/queries/overdue';

const query = z.intersection(periodQuery, z.object({
  unit: unitCode('unit'),
  format: z.enum(['json'], { error: 'format: chỉ json ở phiên bản này' }).default('json'),
  page: z.coerce.number({ error: 'page là số nguyên ≥ 1' }).int().min(1).default(1),
  pageSize: z.coerce.number({ error: 'pageSize là số nguyên từ 1 đến 500' }).int().min(1).max(500).default(50),
}));

export const GET = apiGet(query, (q) =>
  listOverdue(q.unit, { from: q.from, to: q.to }, { page: q.page, pageSize: q.pageSize }));
