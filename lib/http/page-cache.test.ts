// The public page's copies, in front of a real HTTP server whose "render" writes a page the way Next.js does (a policy
// with a nonce, nonce attributes on its scripts, the HTML in several writes).
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { PublicPageCache, publicPageKey } from './page-cache';

const INLINE = 'self.__next_f.push([1,"{\\"record\\":\\"2026-11\\"}"])';
let renders = 0;
let state = 'v1';
let status = 200;
let failState = false;

function render(req: http.IncomingMessage, res: http.ServerResponse) {
  renders++;
  const nonce = `n${renders}`;
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cache-Control', 'private, no-cache, no-store, max-age=0, must-revalidate');
  res.write(`<!DOCTYPE html><html><head><script src="/_next/static/chunks/main.js" nonce="${nonce}" async=""></script>`);
  setTimeout(() => {
    res.write(`</head><body><h1>Kết quả ${state} · ${req.headers['accept-encoding']}</h1>`);
    res.end(`<script nonce="${nonce}">${INLINE}</script></body></html>`);
  }, 20);
}

const cache = new PublicPageCache(() => ({
  state: async () => {
    if (failState) throw new Error('database down');
    return state;
  },
}));
const server = http.createServer((req, res) => void cache.handle(req, res, render));
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  state = `v${Math.random()}`; // every test starts without a copy
  status = 200;
  failState = false;
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });

describe('an anonymous reader of a published month', () => {
  test('the first request is rendered; the next ones get the copy: no nonce, its inline scripts by sha256', async () => {
    const before = renders;
    const first = await get('/cong-khai/2026-11');
    expect(first.headers.get('content-security-policy')).toContain(`'nonce-n${renders}'`);
    expect(first.headers.get('x-page-cache')).toBeNull();
    const html = await first.text();
    const second = await get('/cong-khai/2026-11');
    expect(renders).toBe(before + 1);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-page-cache')).toBe('hit');
    const copy = await second.text();
    // The page as rendered, less the nonce attributes — and rendered uncompressed (the copy is compressed once).
    expect(copy).toBe(html.replaceAll(` nonce="n${before + 1}"`, ''));
    expect(copy).toContain('· identity</h1>');
    expect(copy).not.toContain('nonce');
    const sha = createHash('sha256').update(INLINE).digest('base64');
    expect(second.headers.get('content-security-policy')).toMatch(
      new RegExp(`^default-src 'self'; script-src 'self' 'sha256-${sha.replace(/[+/]/g, '\\$&')}'; `),
    );
    expect(second.headers.get('content-security-policy')).not.toContain('nonce');
    expect(second.headers.get('x-frame-options')).toBe('DENY');
    expect(second.headers.get('cache-control')).toBe('public, no-cache');
    expect(second.headers.get('vary')).toBe('Accept-Encoding, Cookie, Authorization');
  });

  test('compressed once for each encoding; a conditional request is answered 304 without a body', async () => {
    await (await get('/cong-khai/2026-10')).text();
    const identity = await (await get('/cong-khai/2026-10', { 'Accept-Encoding': 'identity' })).text();
    for (const [encoding, decode] of [
      ['gzip', zlib.gunzipSync],
      ['br', zlib.brotliDecompressSync],
    ] as const) {
      const raw = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(`${base}/cong-khai/2026-10`, { headers: { 'Accept-Encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
      expect(raw.headers['content-encoding']).toBe(encoding);
      expect(Number(raw.headers['content-length'])).toBe(raw.body.length);
      expect(decode(raw.body).toString('utf8')).toBe(identity);
    }
    const etag = (await get('/cong-khai/2026-10')).headers.get('etag')!;
    const again = await get('/cong-khai/2026-10', { 'If-None-Match': `W/${etag}` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  test('a change of the publications renders again; readers asking meanwhile wait for that one render', async () => {
    await (await get('/cong-khai/2026-09?phienban=2')).text();
    state = 'republished';
    const before = renders;
    const pages = await Promise.all(Array.from({ length: 20 }, () => get('/cong-khai/2026-09?phienban=2').then((r) => r.text())));
    expect(renders).toBe(before + 1);
    expect(new Set(pages.map((p) => p.replace(/ nonce="n\d+"/g, ''))).size).toBe(1);
    expect(pages[0]).toContain('Kết quả republished');
  });

  test('a page that is not a 200 is never kept; the state unknown (database down), the page is rendered', async () => {
    status = 404;
    const before = renders;
    await (await get('/cong-khai/2026-08')).text();
    await (await get('/cong-khai/2026-08')).text();
    expect(renders).toBe(before + 2);
    status = 200;
    failState = true;
    await (await get('/cong-khai/2026-08')).text();
    await (await get('/cong-khai/2026-08')).text();
    expect(renders).toBe(before + 4);
  });
});

describe('what is never answered from a copy', () => {
  const request = (url: string, headers: http.IncomingHttpHeaders = {}, method = 'GET') =>
    ({ method, url, headers }) as http.IncomingMessage;

  test.each([
    ['a reader who signed in', request('/cong-khai/2026-11', { cookie: 'a=1; authjs.session-token=x' })],
    ['a split session cookie over HTTPS', request('/cong-khai/2026-11', { cookie: '__Secure-authjs.session-token.0=x' })],
    ['a bearer token', request('/cong-khai/2026-11', { authorization: 'Bearer tthc_x' })],
    ["Next.js's router payload", request('/cong-khai/2026-11', { rsc: '1' })],
    ['a prefetch', request('/cong-khai/2026-11', { 'next-router-prefetch': '1' })],
    ['a server action', request('/cong-khai/2026-11', { 'next-action': 'abc' }, 'POST')],
    ['another query', request('/cong-khai/2026-11?_rsc=abc')],
    ['a version that is not a number', request('/cong-khai/2026-11?phienban=x')],
    ['two queries', request('/cong-khai/2026-11?phienban=1?phienban=2')],
    ['another page', request('/rankings')],
    ['a month that cannot be', request('/cong-khai/2026-13')],
    ['the list of months', request('/cong-khai')],
  ])('%s', (_label, req) => {
    expect(publicPageKey(req)).toBeNull();
  });

  test('other cookies do not matter; HTTPS behind a trusted proxy has its own copy', () => {
    expect(publicPageKey(request('/cong-khai/2026-11', { cookie: 'authjs.csrf-token=x' }))).toBe('http /cong-khai/2026-11?');
    expect(publicPageKey(request('/cong-khai/2026-11?phienban=3', { 'x-forwarded-proto': 'https' }))).toBe(
      'https /cong-khai/2026-11?phienban=3',
    );
    expect(publicPageKey(request('/cong-khai/2026-11', {}, 'HEAD'))).toBe('http /cong-khai/2026-11?');
  });
});
