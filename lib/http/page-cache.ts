// The public month page (SPEC §7) served from the web server's memory: a published record is frozen, and every
// anonymous reader is shown the same page, so it is rendered once per state of the publications and then sent as
// bytes — what lets the page hold when a notice goes out and the press and the public all open it at once.
//
// No framework, no database: scripts/serve.ts puts it in front of Next.js's handler, and the app registers, on its first
// render of such a page, the function that says the publications' state (`registerPublicPages`). Before that, and for
// anyone signed in or presenting a token, the request goes to Next.js as always.
//
// A nonce cannot be fresh in a copy: the copy's scripts are allowed by their sha256 instead (the policy of
// security-headers.ts with hashes), and Next.js's nonce attributes are taken out.
import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { SESSION_COOKIE } from '../auth/secrets';
import { hashedContentSecurityPolicy } from './security-headers';

/** What the app gives the cache: a text that changes whenever a month is published, republished or withdrawn. */
export interface PublicPagesSource {
  state(): Promise<string>;
}

/** Where the app leaves its source (one process: Next.js's bundles and this server share the global object). */
const shared = globalThis as typeof globalThis & { __tthcPublicPages?: PublicPagesSource };

export function registerPublicPages(source: PublicPagesSource): void {
  shared.__tthcPublicPages ??= source;
}

export const registeredPublicPages = (): PublicPagesSource | undefined => shared.__tthcPublicPages;

const PAGE = /^\/cong-khai\/\d{4}-(?:0[1-9]|1[0-2])$/;
const QUERY = /^(?:phienban=\d{1,6})?$/;
/** Requests of Next.js's client router (its payload, not the page) and of server actions. */
const ROUTER_HEADERS = ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-action'] as const;

/** The key of a request an anonymous reader's copy may answer, or null (anything else goes to Next.js). */
export function publicPageKey(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const [path = '', query = '', ...rest] = (req.url ?? '').split('?');
  if (rest.length > 0 || !PAGE.test(path) || !QUERY.test(query)) return null;
  if (req.headers.authorization !== undefined || SESSION_COOKIE.test(req.headers.cookie ?? '')) return null;
  if (ROUTER_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
  // Behind a trusted proxy (the only way X-Forwarded-Proto survives serve.ts): the HTTPS policy differs.
  const https = req.headers['x-forwarded-proto'] === 'https';
  return `${https ? 'https' : 'http'} ${path}?${query}`;
}

export interface CachedPage {
  state: string;
  etag: string;
  headers: OutgoingHttpHeaders;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** Response headers never copied from the render (the copy sets its own, or they belong to one response). */
const OWN_HEADERS = new Set([
  'content-security-policy',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'etag',
  'cache-control',
  'vary',
]);

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * A rendered page as the copy to keep: the render's nonce attributes removed, every inline script's sha256 in the
 * policy, compressed once for each encoding.
 */
export async function copyOfPage(
  html: string,
  renderHeaders: OutgoingHttpHeaders,
  state: string,
  https: boolean,
): Promise<CachedPage> {
  const nonce = /'nonce-([^']+)'/.exec(String(renderHeaders['content-security-policy'] ?? ''))?.[1];
  const body = nonce ? html.split(` nonce="${nonce}"`).join('') : html;
  const hashes: string[] = [];
  for (const [, attributes, text] of body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\ssrc=/.test(attributes!) || text === '') continue;
    hashes.push(createHash('sha256').update(text!, 'utf8').digest('base64'));
  }
  const identity = Buffer.from(body, 'utf8');
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(renderHeaders)) {
    if (value !== undefined && !OWN_HEADERS.has(name)) headers[name] = value;
  }
  headers['content-security-policy'] = hashedContentSecurityPolicy([...new Set(hashes)], { https });
  headers['cache-control'] = 'public, no-cache';
  headers['vary'] = 'Accept-Encoding, Cookie, Authorization';
  return {
    state,
    etag: `"page-${createHash('sha256').update(identity).digest('base64url').slice(0, 32)}"`,
    headers,
    identity,
    gzip: await gzip(identity, { level: 9 }),
    br: await brotli(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }),
  };
}

function send(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const etags = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (etags.includes(page.etag)) {
    res.writeHead(304, { etag: page.etag, 'cache-control': page.headers['cache-control'], vary: page.headers['vary'] });
    res.end();
    return;
  }
  const accepted = String(req.headers['accept-encoding'] ?? '');
  const [encoding, body] = /\bbr\b/.test(accepted)
    ? (['br', page.br] as const)
    : /\bgzip\b/.test(accepted)
      ? (['gzip', page.gzip] as const)
      : (['identity', page.identity] as const);
  res.writeHead(200, {
    ...page.headers,
    etag: page.etag,
    'content-length': body.length,
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    'x-page-cache': 'hit',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

type Render = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Tees what `render` writes to `res`; resolves with the page when it was a 200 HTML page for everyone (no cookie set,
 * not compressed), else null. The reader who asked gets the render itself, as it was.
 */
function capture(
  req: IncomingMessage,
  res: ServerResponse,
  render: Render,
): Promise<{ html: string; headers: OutgoingHttpHeaders } | null> {
  req.headers['accept-encoding'] = 'identity'; // the copy is compressed here, once
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string')
      chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    keep(args[0], args[1]);
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as ServerResponse['write'];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (typeof args[0] !== 'function') keep(args[0], args[1]);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['end'];
  return new Promise((resolve) => {
    res.on('close', () => {
      const headers = res.getHeaders();
      const html =
        res.writableFinished &&
        res.statusCode === 200 &&
        String(headers['content-type'] ?? '').startsWith('text/html') &&
        headers['set-cookie'] === undefined &&
        (headers['content-encoding'] ?? 'identity') === 'identity';
      resolve(html ? { html: Buffer.concat(chunks).toString('utf8'), headers } : null);
    });
    void Promise.resolve(render(req, res)).catch(() => undefined);
  });
}

/**
 * The copies, at most `max` (the least recently stored goes first). A copy answers while the publications' state is the
 * one it was rendered in; the first request after a change renders again (the others asking meanwhile wait for it).
 */
export class PublicPageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly pending = new Map<string, { state: string; page: Promise<CachedPage | null> }>();
  /** The state's read in flight: readers arriving meanwhile share it (one query, not one a request, under load). */
  private stateRead: Promise<string> | null = null;

  constructor(
    private readonly source: () => PublicPagesSource | undefined = registeredPublicPages,
    private readonly max = 64,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, render: Render): Promise<void> {
    const key = publicPageKey(req);
    const source = key === null ? undefined : this.source();
    if (key === null || source === undefined) return void render(req, res);
    let state: string;
    try {
      state = await (this.stateRead ??= source.state().finally(() => (this.stateRead = null)));
    } catch {
      return void render(req, res); // the page says what went wrong
    }
    const kept = this.pages.get(key);
    if (kept?.state === state) return send(req, res, kept);
    if (kept) this.pages.delete(key);
    const pending = this.pending.get(key);
    if (pending?.state === state) {
      const page = await pending.page;
      return page ? send(req, res, page) : void render(req, res);
    }
    const page = capture(req, res, render)
      .then((r) => (r ? copyOfPage(r.html, r.headers, state, key.startsWith('https')) : null))
      .catch(() => null);
    this.pending.set(key, { state, page });
    const copy = await page;
    if (this.pending.get(key)?.page === page) this.pending.delete(key);
    if (copy === null) return;
    this.pages.delete(key);
    this.pages.set(key, copy);
    for (const old of this.pages.keys()) {
      if (this.pages.size <= this.max) break;
      this.pages.delete(old);
    }
  }
}
