// The one way into the JSON API: parses the query with zod, runs the handler, and answers errors in one
// machine-readable shape { error, message, issues? }. The access-control gate will live here too.
import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { isLocalDay, daysBetween } from '@/lib/calendar';
import { KPI_KEYS } from '@/lib/kpi';
import { NotFoundError } from '@/lib/server/queries/report';

export interface ApiErrorBody {
  error: string;
  message: string;
  issues?: Array<{ param: string; message: string }>;
}

function error(status: number, body: ApiErrorBody) {
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** Validates input with zod, runs the handler, and maps failures to the one error shape. */
async function respond<S extends z.ZodType>(
  schema: S, input: unknown, kind: 'query' | 'body', handler: (value: z.infer<S>) => Promise<unknown>,
): Promise<Response> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return error(400, {
      error: kind === 'query' ? 'invalid_query' : 'invalid_body',
      message: kind === 'query' ? 'Tham số truy vấn không hợp lệ.' : 'Nội dung yêu cầu không hợp lệ.',
      issues: parsed.error.issues.map((i) => ({ param: i.path.join('.') || `(${kind})`, message: i.message })),
    });
  }
  try {
    const data = await handler(parsed.data);
    return data instanceof Response ? data : NextResponse.json(data, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    if (e instanceof NotFoundError) return error(404, { error: e.code, message: e.message });
    console.error(e);
    return error(500, { error: 'internal', message: 'Lỗi máy chủ, vui lòng thử lại sau.' });
  }
}

export function apiGet<S extends z.ZodType>(schema: S, handler: (query: z.infer<S>) => Promise<unknown>) {
  return (request: Request): Promise<Response> =>
    respond(schema, Object.fromEntries(new URL(request.url).searchParams), 'query', handler);
}

/** The same for a JSON body (at most `maxBytes`). */
export function apiPost<S extends z.ZodType>(schema: S, handler: (body: z.infer<S>) => Promise<unknown>, maxBytes = 20 * 2 ** 20) {
  return async (request: Request): Promise<Response> => {
    const length = Number(request.headers.get('content-length') ?? 0);
    if (length > maxBytes) return error(413, { error: 'too_large', message: `Nội dung quá lớn (tối đa ${maxBytes / 2 ** 20} MB).` });
    let json: unknown;
    try {
      json = await request.json();
    } catch {
      return error(400, { error: 'invalid_json', message: 'Nội dung không phải JSON hợp lệ.' });
    }
    return respond(schema, json, 'body', handler);
  };
}

const day = (name: string) =>
  z.string({ error: `${name} là bắt buộc (YYYY-MM-DD)` }).refine(isLocalDay, `${name} phải là một ngày có thật, dạng YYYY-MM-DD`);

const bothDays = (p: { from: string; to: string }) => isLocalDay(p.from) && isLocalDay(p.to);

/** from/to: a period of local days, from ≤ to, at most 5 years. */
export const periodQuery = z
  .object({ from: day('from'), to: day('to') })
  .refine((p) => !bothDays(p) || p.from <= p.to, { message: 'from phải không sau to', path: ['to'] })
  .refine((p) => !bothDays(p) || daysBetween(p.from, p.to) < 5 * 366, { message: 'Kỳ dài nhất là 5 năm', path: ['to'] });

export const unitCode = (name: string) =>
  z.string({ error: `${name} là bắt buộc (mã đơn vị)` }).trim().min(1, `${name} là bắt buộc (mã đơn vị)`).max(64);

export const optionalCode = z.string().trim().min(1).max(64).optional();

export const levelParam = z.enum(['tinh', 'so_nganh', 'huyen', 'xa'], { error: 'level là một trong: tinh, so_nganh, huyen, xa' });

export const rankingKpiParam = z.enum([...KPI_KEYS, 'score'], { error: `kpi là một trong: score, ${KPI_KEYS.join(', ')}` });
