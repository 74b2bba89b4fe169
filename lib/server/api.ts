// The one way into the JSON API: finds who is asking, parses the query with zod, passes the access gate, runs the
// handler, and answers errors in one machine-readable shape { error, message, issues? }.
import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { isLocalDay, daysBetween } from '@/lib/calendar';
import { KPI_KEYS } from '@/lib/kpi';
import { PUBLIC, currentActor, gate, requireActor, type Action, type Scope } from '@/lib/server/access';
import { audit } from '@/lib/server/audit';
import { isSameOrigin } from '@/lib/server/client';
import { AccessError, ImportFileError, NotFoundError, RateLimitedError } from '@/lib/server/errors';
import { liveBody, liveTag, matchesETag } from '@/lib/server/live-cache';
import { withRequestCache } from '@/lib/server/request-cache';
import type { Period } from '@/lib/kpi';

export interface ApiErrorBody {
  error: string;
  message: string;
  issues?: Array<{ param: string; message: string }>;
}

function error(status: number, body: ApiErrorBody, headers: Record<string, string> = {}) {
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/** What a route needs: an action of the gate, and the unit the request is about (read from the parsed input). */
export interface Access<T> {
  action: Action;
  unit?: (input: T) => string | null | undefined;
  /** `published`: the month and version of the public view the request is about. */
  month?: (input: T) => string | null | undefined;
  version?: (input: T) => number | null | undefined;
}

/** The dynamic segments of a route (`/published/[month]`): validated with the query by the same schema. */
export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

type Handler<T> = (input: T, scope: Scope) => Promise<unknown>;

/**
 * A read whose answer is kept in the live-read cache (lib/server/live-cache.ts) and answered conditionally: its JSON
 * carries an ETag, and a request naming it in If-None-Match is answered 304 before anything is read. The answer must
 * depend only on the parsed input, the data and the scope's path (the key holds those).
 */
export interface Live<T> {
  /** The read's name in the key. */
  read: string;
  /** The period the answer is judged over (an answer judged at T = now is kept a minute at most). */
  period: (input: T) => Period;
}

/**
 * Answers of a live read: `private` (they need a token or a session; no shared cache may keep them), `no-cache` (a
 * client may keep one but must ask again each time — a cheap 304 when the data did not change). The other answers stay
 * `no-store`: dossier-level lists and exports are the actor's scope's data, and are never kept.
 */
const LIVE_HEADERS = { 'Cache-Control': 'private, no-cache', Vary: 'Authorization, Cookie' };
/** Answers of a published record: the same for everyone, so `public`; revalidated each time (see `respond`). */
const PUBLISHED_CACHE = 'public, no-cache';

function failure(e: unknown): Response {
  if (e instanceof AccessError) {
    return error(e.status, { error: e.code, message: e.message }, e.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
  }
  if (e instanceof RateLimitedError) {
    return error(429, { error: 'rate_limited', message: e.message }, { 'Retry-After': String(e.retryAfterSeconds) });
  }
  if (e instanceof NotFoundError) return error(404, { error: e.code, message: e.message });
  if (e instanceof ImportFileError) return error(400, { error: e.code, message: e.message });
  console.error(e);
  return error(500, { error: 'internal', message: 'Lỗi máy chủ, vui lòng thử lại sau.' });
}

/**
 * Authenticates (401 before anything else is looked at), refuses a cross-site write made with the session cookie
 * (CSRF: `write`), validates input with zod, passes the gate, runs the handler — all with one request store (one "now",
 * one memo: what the credentials' read brought along counts for the rest).
 */
function respond<S extends z.ZodType>(...args: Parameters<typeof answer<S>>): Promise<Response> {
  return withRequestCache(() => answer(...args));
}

async function answer<S extends z.ZodType>(
  request: Request,
  schema: S,
  read: () => Promise<unknown>,
  kind: 'query' | 'body',
  access: Access<z.infer<S>>,
  handler: Handler<z.infer<S>>,
  write = false,
  live?: Live<z.infer<S>>,
): Promise<Response> {
  let actor;
  try {
    // The public view needs nobody (a bad token is still a 401); everything else authenticates first.
    actor =
      access.action === 'published' ? ((await currentActor(request.headers)) ?? PUBLIC) : await requireActor(request.headers);
  } catch (e) {
    return failure(e);
  }
  // A bearer token is sent only by the client that holds it; a cookie is sent by the browser to any site's form or
  // script, so a write that a cookie authenticates must come from a page of this site (SameSite=Lax is not enough).
  if (write && actor.kind === 'user' && !isSameOrigin(request.headers, request.url)) {
    await audit(actor.label, 'access_denied', null, {
      reason: 'cross_origin',
      origin: request.headers.get('origin') ?? request.headers.get('referer'),
    });
    return error(403, {
      error: 'cross_origin',
      message: 'Yêu cầu ghi dữ liệu phải gửi từ chính trang TTHC Monitor (Origin không khớp).',
    });
  }
  let input: unknown;
  try {
    input = await read();
  } catch (e) {
    return e instanceof Response ? e : failure(e);
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return error(400, {
      error: kind === 'query' ? 'invalid_query' : 'invalid_body',
      message: kind === 'query' ? 'Tham số truy vấn không hợp lệ.' : 'Nội dung yêu cầu không hợp lệ.',
      issues: parsed.error.issues.map((i) => ({ param: i.path.join('.') || `(${kind})`, message: i.message })),
    });
  }
  try {
    const scope = await gate(
      access.action,
      { unit: access.unit?.(parsed.data), month: access.month?.(parsed.data), version: access.version?.(parsed.data) },
      actor,
    );
    if (live) {
      // Keyed by the scope the gate returned: an answer is never served across scopes.
      const tag = await liveTag({ read: live.read, scope: scope.path, input: parsed.data, period: live.period(parsed.data) });
      const headers = { ...LIVE_HEADERS, ETag: tag.etag };
      if (matchesETag(request.headers.get('if-none-match'), tag.etag)) return new Response(null, { status: 304, headers });
      const body = await liveBody(tag, () => handler(parsed.data, scope));
      return new Response(body, { headers: { ...headers, 'Content-Type': 'application/json' } });
    }
    if (scope.published) {
      // A published record never changes (SPEC §7): its answer is that of (month, version) while the month's latest
      // version stays the same. Any cache may keep it but must ask again (a month can be withdrawn: the gate then
      // answers 404 whatever the tag); a tag that still matches is a 304 before the record is read.
      const { month, version, latest } = scope.published;
      const headers = { ETag: `W/"pub-${month}-v${version}-l${latest}"`, 'Cache-Control': PUBLISHED_CACHE };
      if (matchesETag(request.headers.get('if-none-match'), headers.ETag)) return new Response(null, { status: 304, headers });
      const data = await handler(parsed.data, scope);
      if (!(data instanceof Response)) return NextResponse.json(data, { headers });
      for (const [k, v] of Object.entries(headers)) data.headers.set(k, v);
      return data;
    }
    const data = await handler(parsed.data, scope);
    return data instanceof Response ? data : NextResponse.json(data, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return e instanceof Response ? e : failure(e);
  }
}

/** A GET of the JSON API (query and path parameters); `live`: its answers are cached and conditional (see `Live`). */
export function apiGet<S extends z.ZodType>(
  schema: S,
  access: Access<z.infer<S>>,
  handler: Handler<z.infer<S>>,
  live?: Live<z.infer<S>>,
) {
  return (request: Request, context?: RouteContext): Promise<Response> =>
    respond(
      request,
      schema,
      async () => ({ ...Object.fromEntries(new URL(request.url).searchParams), ...(context ? await context.params : {}) }),
      'query',
      access,
      handler,
      false,
      live,
    );
}

/**
 * A write whose body is streamed to the handler (a file upload, a one-stop system's push: no size limit, never held
 * in memory whole — the readers bound what they hold, e.g. one JSON record); the query string carries the parameters.
 */
export function apiUpload<S extends z.ZodType>(
  schema: S,
  access: Access<z.infer<S>>,
  handler: (input: z.infer<S>, scope: Scope, body: ReadableStream<Uint8Array>) => Promise<unknown>,
) {
  return (request: Request): Promise<Response> =>
    respond(
      request,
      schema,
      async () => Object.fromEntries(new URL(request.url).searchParams),
      'query',
      access,
      (input, scope) => {
        if (!request.body || request.headers.get('content-length') === '0') {
          throw error(400, { error: 'empty_file', message: 'Tệp rỗng: không có gì để nạp.' });
        }
        return handler(input, scope, request.body);
      },
      true,
    );
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
  z
    .string({ error: `${name} là bắt buộc (mã đơn vị)` })
    .trim()
    .min(1, `${name} là bắt buộc (mã đơn vị)`)
    .max(64);

export const optionalCode = z.string().trim().min(1).max(64).optional();

/** SPEC §6: units as they are today (`current`, the default) or as they were (`historical`). */
export const viewParam = z.enum(['current', 'historical'], { error: 'view là current hoặc historical' }).default('current');

export const levelParam = z.enum(['tinh', 'so_nganh', 'huyen', 'xa'], { error: 'level là một trong: tinh, so_nganh, huyen, xa' });

export const rankingKpiParam = z.enum([...KPI_KEYS, 'score'], { error: `kpi là một trong: score, ${KPI_KEYS.join(', ')}` });

/** A month of the public view, 'YYYY-MM' (a path segment). */
export const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Tháng cần dạng YYYY-MM');

/** `version=N`: a version of a published month (default: the latest shown). */
export const versionParam = z.coerce.number({ error: 'version là số nguyên ≥ 1' }).int().min(1).max(100_000).optional();
