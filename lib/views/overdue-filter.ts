// The filters of the overdue list (SPEC §5), checked once with zod: shared by GET /api/v1/overdue and the /overdue page.
import { z } from 'zod';

/** A blank parameter (an empty field of a GET form) means "no filter". */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const OVERDUE_STATUSES = ['pending_late', 'resolved_late'] as const;
export type OverdueStatus = (typeof OVERDUE_STATUSES)[number];

export const overdueFilterShape = {
  field: z.preprocess(blank, z.string().trim().max(64, 'field: mã lĩnh vực dài quá 64 ký tự').optional()),
  procedure: z.preprocess(blank, z.string().trim().max(64, 'procedure: mã thủ tục dài quá 64 ký tự').optional()),
  status: z.preprocess(blank, z.enum(OVERDUE_STATUSES, { error: 'status là resolved_late hoặc pending_late' }).optional()),
  apology: z.preprocess(blank, z.enum(['yes', 'no'], { error: 'apology là yes hoặc no' }).optional()),
  handler: z.preprocess(blank, z.string().trim().max(100, 'handler: tên cán bộ dài quá 100 ký tự').optional()),
};

export const overdueFilterSchema = z.object(overdueFilterShape);
export type OverdueFilter = z.infer<typeof overdueFilterSchema>;
export type OverdueFilterKey = keyof typeof overdueFilterShape;
export const OVERDUE_FILTER_KEYS = Object.keys(overdueFilterShape) as OverdueFilterKey[];

/**
 * For a page: each filter parsed on its own, so one bad value is reported (in Vietnamese) and dropped while the others
 * still apply.
 */
export function parseOverdueFilter(raw: Record<string, string | undefined>): { filter: OverdueFilter; errors: string[] } {
  const filter: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const key of OVERDUE_FILTER_KEYS) {
    const parsed = overdueFilterShape[key].safeParse(raw[key]);
    if (parsed.success) filter[key] = parsed.data;
    else errors.push(...parsed.error.issues.map((i) => i.message));
  }
  return { filter: filter as OverdueFilter, errors };
}

/** The filter as URL parameters (only those set), for links to the API and to other pages of the list. */
export function overdueFilterSearch(filter: OverdueFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of OVERDUE_FILTER_KEYS) if (filter[key]) out[key] = filter[key]!;
  return out;
}
