// Authorization, table-driven: every route handler, page and server action of the app has a row here (a new one
// without a row fails the first test), and each row is tried as every role — admin, province staff, a chair bound to
// TP Kon Tum, an auditor, API tokens, and nobody — on a unit inside the chair's subtree and one outside it.
// Expected: allowed, 401 (pages: to the sign-in page) or 403 (pages: "không có quyền"); and no response allowed to a
// chair carries a dossier of another unit. Every response carries the security headers. Then the write dimension:
// every write path tried by every role and token on a dossier inside and outside its scope, checked in the database.
import fs from 'node:fs';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import { hashToken, newToken } from '../../lib/auth/secrets';
import { NO_CONTENT_POLICY } from '../../lib/http/security-headers';
import { E2E } from '../../playwright.config';
import { ROOT, appFiles } from './app-files';
import { expect, signIn, test } from './fixtures';

const BASE = `http://localhost:${E2E.port}`;

type Who = 'nobody' | 'admin' | 'province' | 'chair' | 'auditor' | 'importerToken' | 'readerToken';
type Where = 'own' | 'other';
type Outcome = 'ok' | 401 | 403 | 404;
const WHO: Who[] = ['nobody', 'admin', 'province', 'chair', 'auditor', 'importerToken', 'readerToken'];
const USERS: Partial<Record<Who, string>> = {
  admin: 'quantri',
  province: 'vanphong',
  chair: 'lanhdao.tpkontum',
  auditor: 'kiemtra',
};
/** Inside: the chair's (and the importer token's) unit, TP Kon Tum (608); outside: a department. */
const UNIT: Record<Where, string> = { own: '608', other: 'STP' };
const MONTH = { from: '2026-10-01', to: '2026-10-31' };

/** Who may do what (lib/server/access.ts ROLE_ACTIONS), as the test expects it — written out again on purpose. */
function expected(kind: Row['kind'], who: Who, where: Where): Outcome {
  if (kind === 'public') return 'ok'; // the published months, sign-in and Auth.js endpoints
  // A national instance's pages (issue 20) do not exist on a province instance, for anyone: tests/e2e/national.spec.ts
  // tries them on a national one.
  if (kind === 'national') return 404;
  if (who === 'nobody') return 401;
  if (kind === 'admin') return who === 'admin' ? 'ok' : 403;
  if (kind === 'import') return who === 'admin' || who === 'importerToken' ? 'ok' : 403;
  if (who === 'importerToken') return 403;
  if (kind === 'dossiers' && who === 'chair' && where === 'other') return 403;
  return 'ok';
}

interface Row {
  kind: 'aggregates' | 'dossiers' | 'import' | 'admin' | 'public' | 'national';
  call: (api: APIRequestContext, where: Where, who: Who) => Promise<APIResponse>;
  /** The response is a page (401 = redirect to /login, 403 = the forbidden page) or a server action (status in its result). */
  shape: 'api' | 'page' | 'action';
  /** What a chair's allowed response must show only of the own subtree (default: dossiers, by their codes). */
  shows?: 'dossiers' | 'units';
  /** Outside the caller's scope the answer is 404, as for a code that does not exist (nothing tells them apart). */
  outsideIsNotFound?: true;
}

let actionIds: Map<string, string>;
function action(file: string, name: string) {
  const id = actionIds.get(`${file}#${name}`);
  if (!id) throw new Error(`no server action ${file}#${name} in the build`);
  return id;
}
/** Calls a server action the way the browser does: multipart fields of a FormData argument, then the argument list. */
function callAction(api: APIRequestContext, pagePath: string, id: string, fields: Record<string, string>, args: string) {
  const form = new FormData(); // in this order: React reads the argument's fields before the argument list
  for (const [k, v] of Object.entries(fields)) form.append(`_1_${k}`, v);
  form.append('0', args);
  return api.post(pagePath, { headers: { 'Next-Action': id }, multipart: form, maxRedirects: 0 });
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
let records = 0;

const ROUTES: Record<string, Row[]> = {
  'route GET /api/v1/kpi': [
    { kind: 'aggregates', shape: 'api', call: (api, where) => api.get(`/api/v1/kpi?${q({ unit: UNIT[where], ...MONTH })}`) },
  ],
  'route GET /api/v1/published': [{ kind: 'public', shape: 'api', call: (api) => api.get('/api/v1/published') }],
  'route GET /api/v1/published/[month]': [
    { kind: 'public', shape: 'api', call: (api) => api.get(`/api/v1/published/${PUBLISHED}`) },
  ],
  'route GET /api/v1/published/[month]/notice.docx': [
    { kind: 'public', shape: 'api', call: (api) => api.get(`/api/v1/published/${PUBLISHED}/notice.docx`) },
  ],
  'route GET /api/v1/rankings': [
    {
      kind: 'aggregates',
      shape: 'api',
      call: (api, where) => api.get(`/api/v1/rankings?${q({ parent: where === 'own' ? '608' : '62', level: 'xa', ...MONTH })}`),
    },
  ],
  'route GET /api/v1/overdue': [
    {
      kind: 'dossiers',
      shape: 'api',
      call: (api, where) => api.get(`/api/v1/overdue?${q({ unit: UNIT[where], ...MONTH, pageSize: '500' })}`),
    },
    {
      kind: 'dossiers',
      shape: 'api',
      call: (api, where) => api.get(`/api/v1/overdue?${q({ unit: UNIT[where], ...MONTH, format: 'csv' })}`),
    },
  ],
  'route POST /api/v1/dossiers': [
    {
      kind: 'import',
      shape: 'api',
      call: (api, where, who) =>
        api.post('/api/v1/dossiers', {
          data: [
            {
              MaHoSo: `AUTHZ-${who}-${where}-${++records}`,
              MaDonVi: UNIT[where],
              MaTTHC: '2.000815',
              NgayTiepNhan: '2026-10-05T08:00:00+07:00',
            },
          ],
        }),
    },
  ],
  'route POST /api/v1/imports': [
    {
      kind: 'import',
      shape: 'api',
      call: (api, where, who) =>
        api.post(`/api/v1/imports?${q({ kind: 'dossiers', fileName: 'authz.csv' })}`, {
          headers: { 'Content-Type': 'text/csv' },
          data: Buffer.from(
            `MaHoSo,MaDonVi,MaTTHC,NgayTiepNhan\nAUTHZ-UP-${who}-${where}-${++records},${UNIT[where]},2.000815,2026-10-05T08:00:00+07:00\n`,
          ),
        }),
    },
  ],
  'route GET /api/v1/imports/[id]/rejected': [
    {
      kind: 'import',
      shape: 'api',
      call: (api, _where, who) => api.get(`/api/v1/imports/${who === 'importerToken' ? IMPORTS.importer : IMPORTS.cli}/rejected`),
    },
  ],
  'route GET|POST /api/auth/[...nextauth]': [{ kind: 'public', shape: 'api', call: (api) => api.get('/api/auth/session') }],
  'page /': [{ kind: 'aggregates', shape: 'page', call: (api) => api.get('/', { maxRedirects: 0 }) }],
  'page /rankings': [
    {
      kind: 'aggregates',
      shape: 'page',
      call: (api, where) => api.get(`/rankings?${q({ cha: UNIT[where], cap: 'xa', ky: '2026-10' })}`, { maxRedirects: 0 }),
    },
  ],
  'page /dossiers/[code]': [
    {
      kind: 'dossiers',
      shape: 'page',
      outsideIsNotFound: true,
      call: (api, where) => api.get(`/dossiers/${DOSSIER[where]}`, { maxRedirects: 0 }),
    },
  ],
  'page /late': [
    {
      kind: 'dossiers',
      shape: 'page',
      shows: 'units',
      call: (api, where) => api.get(`/late?${q({ donvi: UNIT[where], ky: '2026-10' })}`, { maxRedirects: 0 }),
    },
  ],
  'page /units/[code]': [
    {
      kind: 'dossiers',
      shape: 'page',
      call: (api, where) => api.get(`/units/${UNIT[where]}?month=2026-10`, { maxRedirects: 0 }),
    },
  ],
  'page /overdue': [
    {
      kind: 'dossiers',
      shape: 'page',
      call: (api, where) => api.get(`/overdue?${q({ unit: UNIT[where], ky: '2026-10' })}`, { maxRedirects: 0 }),
    },
    {
      kind: 'dossiers',
      shape: 'page',
      call: (api, where) =>
        api.get(`/overdue?${q({ unit: UNIT[where], ky: '2026-10', status: 'resolved_late', apology: 'no' })}`, {
          maxRedirects: 0,
        }),
    },
  ],
  'page /admin/audit': [{ kind: 'admin', shape: 'page', call: (api) => api.get('/admin/audit', { maxRedirects: 0 }) }],
  'page /admin/import': [{ kind: 'import', shape: 'page', call: (api) => api.get('/admin/import', { maxRedirects: 0 }) }],
  'page /admin/publish': [{ kind: 'admin', shape: 'page', call: (api) => api.get('/admin/publish', { maxRedirects: 0 }) }],
  'page /quoc-gia': [{ kind: 'national', shape: 'page', call: (api) => api.get('/quoc-gia', { maxRedirects: 0 }) }],
  'page /quoc-gia/[tinh]': [{ kind: 'national', shape: 'page', call: (api) => api.get('/quoc-gia/62', { maxRedirects: 0 }) }],
  'page /quoc-gia/don-vi': [
    { kind: 'national', shape: 'page', call: (api) => api.get('/quoc-gia/don-vi?cap=xa', { maxRedirects: 0 }) },
  ],
  'page /login': [{ kind: 'public', shape: 'page', call: (api) => api.get('/login?next=/cong-khai', { maxRedirects: 0 }) }],
  'page /cong-khai': [{ kind: 'public', shape: 'page', call: (api) => api.get('/cong-khai', { maxRedirects: 0 }) }],
  'page /cong-khai/[month]': [
    { kind: 'public', shape: 'page', call: (api) => api.get(`/cong-khai/${PUBLISHED}`, { maxRedirects: 0 }) },
  ],
  // The mapping step changes the catalogue: province-wide importers only (an admin; the importer token is bound to 608).
  'action app/(dashboard)/admin/import/actions.ts#mapName': [
    {
      kind: 'admin',
      shape: 'action',
      call: (api) =>
        callAction(
          api,
          '/admin/import',
          action('app/(dashboard)/admin/import/actions.ts', 'mapName'),
          { kind: 'unit', name: 'UBND phường Thử Quyền', target: '23281' },
          '[null,"$K1"]',
        ),
    },
  ],
  'action app/(dashboard)/admin/import/actions.ts#retryRejected': [
    {
      kind: 'import',
      shape: 'action',
      call: (api, _where, who) =>
        callAction(
          api,
          '/admin/import',
          action('app/(dashboard)/admin/import/actions.ts', 'retryRejected'),
          { importId: String(who === 'importerToken' ? IMPORTS.importer : IMPORTS.cli) },
          '[null,"$K1"]',
        ),
    },
  ],
  'action app/(dashboard)/admin/publish/actions.ts#setPublication': [
    {
      kind: 'admin',
      shape: 'action',
      call: (api) =>
        callAction(
          api,
          '/admin/publish',
          action('app/(dashboard)/admin/publish/actions.ts', 'setPublication'),
          { op: 'publish', month: '2025-01' },
          '[null,"$K1"]',
        ),
    },
  ],
  'action app/login/actions.ts#signInAction': [
    {
      kind: 'public',
      shape: 'action',
      call: (api) =>
        callAction(
          api,
          '/login',
          action('app/login/actions.ts', 'signInAction'),
          { username: 'khong-co-ai', password: 'sai-mat-khau-1' },
          '[{"error":null,"username":""},"$K1"]',
        ),
    },
  ],
  'action app/login/actions.ts#signOutAction': [
    {
      kind: 'public',
      shape: 'action',
      call: (api) => callAction(api, '/', action('app/login/actions.ts', 'signOutAction'), {}, '[]'),
    },
  ],
};
let PUBLISHED = '';
/** Imports with rejected rows: one from the CLI (for province-wide importers) and one by the importer token itself. */
const IMPORTS = { cli: 0, importer: 0 };
/** A dossier of a unit inside the chair's subtree and one of a department. */
const DOSSIER: Record<Where, string> = { own: '', other: '' };

/** Every route handler, page and server action in app/. */
function appEntries(): string[] {
  const out: string[] = [];
  for (const { name, rel, route, source } of appFiles()) {
    if (name === 'route.ts') {
      const methods = [...source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
      out.push(`route ${methods.join('|')} ${route}`);
    } else if (name === 'page.tsx') {
      out.push(`page ${route}`);
    }
    if (/^\s*['"]use server['"]/.test(source)) {
      for (const m of source.matchAll(/export async function (\w+)/g)) out.push(`action ${rel}#${m[1]}`);
    }
  }
  return out.sort();
}

test.describe.configure({ mode: 'serial' });

const contexts = new Map<Who, APIRequestContext>();
let tokens: Partial<Record<Who, string>> = {};
const ownSubtree = new Set<string>();

test.beforeAll(async ({ sql }) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  actionIds = new Map(Object.entries(manifest.node).map(([id, v]) => [`${v.filename}#${v.exportedName}`, id]));
  const [published] = await sql<{ month: string }>(
    `SELECT to_char(month, 'YYYY-MM') AS month FROM publications WHERE withdrawn_at IS NULL ORDER BY month DESC LIMIT 1`,
  );
  PUBLISHED = published!.month;
  for (const where of ['own', 'other'] as const) {
    const [d] = await sql<{ code: string }>(
      `SELECT d.code FROM dossiers d JOIN units u ON u.id = d.unit_id
      WHERE u.path LIKE (SELECT path FROM units WHERE code = $1) || '%' ORDER BY d.id LIMIT 1`,
      [UNIT[where]],
    );
    DOSSIER[where] = d!.code;
  }
  const errors = JSON.stringify([{ row: 2, column: 'MaDonVi', value: 'X', reason: 'không có đơn vị mã "X"' }]);
  for (const source of ['cli', 'upload:token:authz-importer'] as const) {
    const [batch] = await sql<{ id: number }>(
      `INSERT INTO import_batches (kind, source, file_name, status, rejected, errors)
      VALUES ('dossiers', $1, 'authz.csv', 'done', 1, $2::jsonb) RETURNING id`,
      [source, errors],
    );
    IMPORTS[source === 'cli' ? 'cli' : 'importer'] = batch!.id;
    // Its rejected-rows file on the server, so that "Nhập lại các dòng bị từ chối" has rows to import again.
    const file = `${batch!.id}-00000000000000aa-loi.csv`;
    fs.mkdirSync(path.join(E2E.dataDir, 'imports'), { recursive: true });
    fs.writeFileSync(
      path.join(E2E.dataDir, 'imports', file),
      '\uFEFFMaHoSo,MaDonVi,MaTTHC,NgayTiepNhan,Dòng,Lý do\r\nAUTHZ-R,X,2.000815,2026-10-05T08:00:00+07:00,2,MaDonVi: không có\r\n',
    );
    await sql(`UPDATE import_batches SET rejected_file = $1 WHERE id = $2`, [file, batch!.id]);
  }
  for (const r of await sql<{ code: string }>(
    `SELECT code FROM units WHERE path LIKE (SELECT path FROM units WHERE code = '608') || '%'`,
  )) {
    ownSubtree.add(r.code);
  }
  // Tokens: an importer bound to TP Kon Tum (a one-stop system) and a read-only integration with province staff rights.
  tokens = { importerToken: newToken(), readerToken: newToken() };
  await sql(`DELETE FROM api_tokens WHERE name LIKE 'authz-%'`);
  await sql(
    `INSERT INTO api_tokens (name, token_hash, role, unit_id, created_by) VALUES
    ('authz-importer', $1, 'importer', (SELECT id FROM units WHERE code = '608'), 'test'),
    ('authz-reader', $2, 'province', NULL, 'test')`,
    [hashToken(tokens.importerToken!), hashToken(tokens.readerToken!)],
  );
  for (const who of WHO) {
    // A browser sends Origin with its writes (fetch, forms); the signed-in contexts do the same.
    const headers: Record<string, string> = tokens[who] ? { Authorization: `Bearer ${tokens[who]}` } : { Origin: BASE };
    const api = await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: headers });
    if (USERS[who]) expect((await signIn(api, USERS[who]!)).status()).toBe(302);
    contexts.set(who, api);
  }
});

test.afterAll(async () => {
  for (const api of contexts.values()) await api.dispose();
});

test('every route handler, page and server action has a row in this table', () => {
  expect(appEntries()).toEqual(Object.keys(ROUTES).sort());
});

/** The headers every response carries (proxy.ts and next.config.ts), whatever its status. */
function expectSecurityHeaders(res: APIResponse, label: string) {
  const h = res.headers();
  const csp = h['content-security-policy'] ?? '';
  // Pages and most routes: scripts only with this response's nonce. The two routes that stream a request body
  // (proxy.ts leaves them alone) answer JSON under a policy that runs nothing at all.
  if (/^route POST \/api\/v1\/(dossiers|imports) /.test(label)) {
    expect(csp, label).toBe(NO_CONTENT_POLICY);
  } else if (h['x-page-cache'] === 'hit') {
    // The public month page sent from the server's copy (lib/http/page-cache.ts): its own inline scripts by their hashes.
    expect(label, label).toMatch(/^page \/cong-khai\/\[month\] .* as nobody /);
    expect(csp, `${label}: Content-Security-Policy`).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
    expect(csp, label).toContain("object-src 'none'");
    expect(csp, label).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  } else {
    expect(csp, `${label}: Content-Security-Policy`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(csp, label).toContain("object-src 'none'");
    expect(csp, label).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  }
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(h['x-frame-options'], label).toBe('DENY');
  expect(h['x-content-type-options'], label).toBe('nosniff');
  expect(h['referrer-policy'], label).toBe('same-origin');
  expect(h['strict-transport-security'], `${label}: no HSTS over plain HTTP`).toBeUndefined();
}

/** The status the row got, in the API's terms. */
async function outcome(row: Row, res: APIResponse): Promise<number> {
  if (row.shape === 'action') {
    const m = /"status":(\d{3})/.exec(await res.text());
    return m ? Number(m[1]) : res.status();
  }
  if (row.shape === 'page' && (res.status() === 307 || res.status() === 303)) {
    return /\/login\?next=/.test(res.headers().location ?? '') ? 401 : 200;
  }
  return res.status();
}

/** No dossier of a unit outside TP Kon Tum in what the chair (or the importer) received. */
async function onlyOwnDossiers(res: APIResponse) {
  const text = await res.text();
  const codes = [...text.matchAll(/\b([A-Z0-9]{2,8})-\d{6}-\d{4}\b/g)].map((m) => m[1]!);
  for (const unit of codes) expect(ownSubtree.has(unit), `dossier of unit ${unit} shown to the chair`).toBe(true);
  return codes.length;
}

/** The units a page lists (rows marked data-unit): all inside the chair's subtree. */
async function onlyOwnUnits(res: APIResponse) {
  const codes = [...(await res.text()).matchAll(/data-unit="([^"]+)"/g)].map((m) => m[1]!);
  for (const unit of codes) expect(ownSubtree.has(unit), `unit ${unit} shown to the chair`).toBe(true);
  return codes.length;
}

for (const [entry, rows] of Object.entries(ROUTES)) {
  test(`${entry}: each role, own unit and other unit`, async () => {
    for (const [i, row] of rows.entries()) {
      for (const who of WHO) {
        for (const where of ['own', 'other'] as const) {
          const res = await row.call(contexts.get(who)!, where, who);
          const got = await outcome(row, res);
          const scoped = expected(row.kind, who, where);
          const want = scoped === 403 && row.outsideIsNotFound && expected(row.kind, who, 'own') === 'ok' ? 404 : scoped;
          const label = `${entry} [${i}] as ${who} on ${where} unit`;
          expectSecurityHeaders(res, label);
          if (want === 'ok') expect(got, label).toBeLessThan(400);
          else expect(got, label).toBe(want);
          if (want !== 'ok' && row.shape === 'page' && want === 403)
            expect(await res.text(), label).toContain('Không có quyền truy cập');
          if (want === 404) expect(await res.text(), label).toContain('Không tìm thấy trang');
          if (want === 'ok' && who === 'chair' && row.kind === 'dossiers') {
            expect(await (row.shows === 'units' ? onlyOwnUnits(res) : onlyOwnDossiers(res)), label).toBeGreaterThan(0);
          }
        }
      }
    }
  });
}

// The write dimension. Each attempt takes a dossier of its own (in the chair's district, or of a department) and tries
// to move it into a ward of TP Kon Tum with a new handler, and to insert a new dossier into that unit. Allowed: an admin
// anywhere, the importer token bound to TP Kon Tum inside it; every other attempt changes no row.
const WRITES: Record<string, (api: APIRequestContext, code: string, unit: string) => Promise<APIResponse>> = {
  'POST /api/v1/dossiers': (api, code, unit) =>
    api.post('/api/v1/dossiers', {
      data: [
        { MaHoSo: code, MaDonVi: unit, MaTTHC: '2.000815', NgayTiepNhan: '2026-10-05T08:00:00+07:00', CanBoXuLy: 'AUTHZ-WRITE' },
      ],
    }),
  'POST /api/v1/imports (upload)': (api, code, unit) =>
    api.post(`/api/v1/imports?${q({ kind: 'auto', fileName: 'authz-write.csv' })}`, {
      headers: { 'Content-Type': 'text/csv' },
      data: Buffer.from(
        `MaHoSo,MaDonVi,MaTTHC,NgayTiepNhan,CanBoXuLy\n${code},${unit},2.000815,2026-10-05T08:00:00+07:00,AUTHZ-WRITE\n`,
      ),
    }),
};

const mayWrite = (who: Who, where: Where) => who === 'admin' || (who === 'importerToken' && where === 'own');

/** Signs the users' contexts in again: the sign-out row above ended their sessions on the server. */
async function signInAgain() {
  for (const who of WHO) if (USERS[who]) expect((await signIn(contexts.get(who)!, USERS[who]!)).status()).toBe(302);
}

test('signing out (the row above) ended the users’ sessions: their old cookies are refused', async () => {
  const res = await contexts.get('admin')!.get(`/api/v1/kpi?${q({ unit: '62', ...MONTH })}`);
  expect(res.status()).toBe(401);
});

test('write dimension: no write outside its scope changes any row, by any role or token, on any write path', async ({ sql }) => {
  await signInAgain();
  const victims: Record<Where, string[]> = { own: [], other: [] };
  for (const where of ['own', 'other'] as const) {
    victims[where] = (
      await sql<{ code: string }>(
        `SELECT d.code FROM dossiers d JOIN units u ON u.id = d.unit_id
      WHERE u.path LIKE (SELECT path FROM units WHERE code = $1) || '%' AND d.handler IS DISTINCT FROM 'AUTHZ-WRITE'
      ORDER BY d.id DESC LIMIT 40`,
        [UNIT[where]],
      )
    ).map((r) => r.code);
  }
  const target = '23281'; // a ward of TP Kon Tum
  const row = async (code: string) =>
    (
      await sql<{ unit: string; handler: string | null; updated_at: Date }>(
        `
    SELECT u.code AS unit, d.handler, d.updated_at FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE d.code = $1`,
        [code],
      )
    )[0];
  let n = 0;
  for (const [path, write] of Object.entries(WRITES)) {
    for (const who of WHO) {
      for (const where of ['own', 'other'] as const) {
        const label = `${path} as ${who} on a dossier of the ${where} unit`;
        const victim = victims[where].pop()!;
        const before = await row(victim);
        const moved = await write(contexts.get(who)!, victim, target);
        await moved.body();
        const after = await row(victim);
        if (mayWrite(who, where)) expect(after, label).toMatchObject({ unit: target, handler: 'AUTHZ-WRITE' });
        else expect(after, label).toEqual(before);
        // A new dossier written straight into the unit.
        const fresh = `AUTHZ-NEW-${++n}-${Date.now()}`;
        await (await write(contexts.get(who)!, fresh, where === 'own' ? target : UNIT.other)).body();
        expect(await row(fresh), `${label}: a new dossier`).toEqual(
          mayWrite(who, where) ? expect.objectContaining({ handler: 'AUTHZ-WRITE' }) : undefined,
        );
      }
    }
  }
  // Publishing a month is a write too: only an admin's changes the published months.
  const published = async () =>
    (
      await sql<{ months: string }>(
        `SELECT string_agg(month::text || ':' || version || show_handlers || coalesce(withdrawn_at::text, ''), ',' ORDER BY month, version) AS months FROM publications`,
      )
    )[0]!.months;
  for (const who of WHO) {
    const before = await published();
    await callAction(
      contexts.get(who)!,
      '/admin/publish',
      action('app/(dashboard)/admin/publish/actions.ts', 'setPublication'),
      { op: 'publish', month: '2024-03' },
      '[null,"$K1"]',
    );
    const after = await published();
    if (who === 'admin') expect(after, who).toContain('2024-03-01');
    else expect(after, who).toBe(before);
    await sql(`DELETE FROM publications WHERE month = '2024-03-01'`);
  }
});

test('a write with the session cookie from another site is refused (CSRF), with a token it is not', async ({ sql }) => {
  const victim = DOSSIER.own;
  const [before] = await sql(`SELECT unit_id, handler, updated_at FROM dossiers WHERE code = $1`, [victim]);
  const post = (api: APIRequestContext, headers: Record<string, string>) =>
    api.post('/api/v1/dossiers', {
      headers,
      data: [
        { MaHoSo: victim, MaDonVi: '23284', MaTTHC: '2.000815', NgayTiepNhan: '2026-10-05T08:00:00+07:00', CanBoXuLy: 'CSRF' },
      ],
    });
  for (const origin of ['http://evil.example', 'null', `http://localhost.evil.example:${E2E.port}`]) {
    const res = await post(contexts.get('admin')!, { Origin: origin });
    expect(res.status(), origin).toBe(403);
    expect((await res.json()).error).toBe('cross_origin');
  }
  // Without Origin, a Referer of another site is refused too; and with neither, the write is refused.
  const bare = await playwrightRequest.newContext({ baseURL: BASE });
  try {
    expect((await signIn(bare, 'quantri')).status()).toBe(302);
    expect((await post(bare, { Referer: 'http://evil.example/form' })).status()).toBe(403);
    expect((await post(bare, {})).status()).toBe(403);
    expect(
      (
        await bare.post(`/api/v1/imports?${q({ kind: 'dossiers', fileName: 'csrf.csv' })}`, {
          headers: { Origin: 'http://evil.example' },
          data: Buffer.from(`MaHoSo,MaDonVi,MaTTHC,NgayTiepNhan\n${victim},23284,2.000815,2026-10-05T08:00:00+07:00\n`),
        })
      ).status(),
    ).toBe(403);
  } finally {
    await bare.dispose();
  }
  expect((await sql(`SELECT unit_id, handler, updated_at FROM dossiers WHERE code = $1`, [victim]))[0]).toEqual(before);
  // X-Forwarded-Host is not believed (no trusted proxy): it cannot make another site's origin look like ours.
  const forwarded = await post(contexts.get('admin')!, { Origin: 'http://evil.example', 'X-Forwarded-Host': 'evil.example' });
  expect(forwarded.status()).toBe(403);
  // A bearer token is not sent by a browser on its own: the Origin does not matter.
  const withToken = await contexts.get('importerToken')!.post('/api/v1/dossiers', {
    headers: { Origin: 'http://evil.example' },
    data: [
      { MaHoSo: `CSRF-TOKEN-${Date.now()}`, MaDonVi: '23281', MaTTHC: '2.000815', NgayTiepNhan: '2026-10-05T08:00:00+07:00' },
    ],
  });
  expect(withToken.status()).toBe(200);
});

test('an importer token bound to a district writes its own units’ dossiers and is refused the others, row by row', async () => {
  const res = await contexts.get('importerToken')!.post('/api/v1/dossiers', {
    data: [
      { MaHoSo: 'AUTHZ-SCOPE-OWN', MaDonVi: '23281', MaTTHC: '2.000815', NgayTiepNhan: '2026-10-06T08:00:00+07:00' },
      { MaHoSo: 'AUTHZ-SCOPE-OTHER', MaDonVi: 'STP', MaTTHC: '2.000815', NgayTiepNhan: '2026-10-06T08:00:00+07:00' },
    ],
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.inserted + body.updated + body.unchanged).toBe(1);
  expect(body.errors).toEqual([
    expect.objectContaining({ index: 1, column: 'MaDonVi', reason: expect.stringContaining('trong phạm vi được phép') }),
  ]);
});

test('a revoked or malformed token is refused with 401 and a Bearer challenge', async ({ sql }) => {
  const token = newToken();
  await sql(
    `INSERT INTO api_tokens (name, token_hash, role, created_by, revoked_at) VALUES ('authz-revoked', $1, 'admin', 'test', now())
    ON CONFLICT (name) DO UPDATE SET token_hash = excluded.token_hash`,
    [hashToken(token)],
  );
  for (const value of [`Bearer ${token}`, 'Bearer nonsense', 'Basic YWRtaW46YWRtaW4=']) {
    const res = await contexts
      .get('nobody')!
      .get(`/api/v1/kpi?${q({ unit: '62', ...MONTH })}`, { headers: { Authorization: value } });
    expect(res.status(), value).toBe(401);
    expect(res.headers()['www-authenticate']).toBe('Bearer');
  }
});

test('token use, refusals and exports are in the audit log', async ({ sql }) => {
  const rows = await sql<{ actor: string; action: string }>(
    `SELECT DISTINCT actor, action FROM audit_log WHERE actor IN ('token:authz-importer', 'token:authz-reader', 'user:lanhdao.tpkontum')`,
  );
  expect(rows).toEqual(
    expect.arrayContaining([
      { actor: 'token:authz-reader', action: 'token_use' },
      { actor: 'token:authz-importer', action: 'token_use' },
      { actor: 'token:authz-importer', action: 'access_denied' },
      { actor: 'user:lanhdao.tpkontum', action: 'access_denied' },
      { actor: 'user:lanhdao.tpkontum', action: 'export' },
    ]),
  );
});

test('five wrong passwords lock the username for a while: 429 with Retry-After, on the right password too', async () => {
  const api = await playwrightRequest.newContext({ baseURL: BASE });
  try {
    await api.get('/');
    for (let i = 0; i < 5; i++) expect((await signIn(api, 'vanphong-locked-test', 'wrong-password-1')).status()).toBe(302);
    const locked = await signIn(api, 'vanphong-locked-test', 'wrong-password-1');
    expect(locked.status()).toBe(429);
    expect(Number(locked.headers()['retry-after'])).toBeGreaterThan(0);
    expect((await locked.json()).error).toBe('rate_limited');
  } finally {
    await api.dispose();
  }
});
