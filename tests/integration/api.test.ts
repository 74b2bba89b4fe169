// The JSON API (SPEC §5): shapes, validation errors (400), unknown codes (404), numbers equal to the queries'.
import { beforeAll, describe, expect, test } from 'vitest';
import { GET as getKpi } from '../../app/api/v1/kpi/route';
import { GET as getOverdueList } from '../../app/api/v1/overdue/route';
import { GET as getRankingTable } from '../../app/api/v1/rankings/route';
import { KPI_KEYS } from '../../lib/kpi';
import { getKpiReport } from '../../lib/server/queries/report';
import { seedDemoData } from '../../prisma/seed/load';
import { apiTokenHeaders, connect } from './helpers';

let auth: Record<string, string> = {};
const call = async (handler: (r: Request) => Promise<Response>, path: string, headers = auth) => {
  const response = await handler(new Request(`http://localhost${path}`, { headers }));
  return { status: response.status, body: await response.json() };
};
let province: string;
let district: string;
let field: string;
let procedure: string;

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'kon-tum-2024', dossiers: 20_000, seed: 9, until: new Date() });
  const client = await connect();
  province = (await client.query(`SELECT code FROM units WHERE parent_id IS NULL`)).rows[0].code;
  district = (await client.query(`SELECT code FROM units WHERE level = 'huyen' ORDER BY sort_order LIMIT 1`)).rows[0].code;
  field =
    (await client.query(`SELECT code FROM fields WHERE code = 'HT'`)).rows[0]?.code ??
    (await client.query(`SELECT code FROM fields LIMIT 1`)).rows[0].code;
  procedure = (await client.query(`SELECT code FROM procedures LIMIT 1`)).rows[0].code;
  await client.end();
  auth = await apiTokenHeaders('auditor');
});

const lastMonth = () => {
  const d = new Date();
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
};

describe('GET /api/v1/kpi', () => {
  test('answers the SPEC §5 shape with the numbers of the KPI report', async () => {
    const { from, to } = lastMonth();
    const { status, body } = await call(getKpi, `/api/v1/kpi?unit=${province}&from=${from}&to=${to}`);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['asOf', 'counts', 'filter', 'kpis', 'period', 'score', 'unit']);
    expect(Object.keys(body.kpis).sort()).toEqual([...KPI_KEYS].sort());
    for (const k of KPI_KEYS)
      expect(Object.keys(body.kpis[k]).sort()).toEqual(['denominator', 'met', 'numerator', 'target', 'value']);
    const report = JSON.parse(JSON.stringify(await getKpiReport(province, { from, to })));
    expect(body).toEqual(report);
    expect(body.counts.received).toBeGreaterThan(0);
    expect(body.kpis.onTime.target).toBe(0.95);
    expect(typeof body.score.value).toBe('number');
  });

  test('narrows to a field or a procedure', async () => {
    const { from, to } = lastMonth();
    const all = (await call(getKpi, `/api/v1/kpi?unit=${province}&from=${from}&to=${to}`)).body;
    const one = (await call(getKpi, `/api/v1/kpi?unit=${province}&from=${from}&to=${to}&field=${field}`)).body;
    const proc = (await call(getKpi, `/api/v1/kpi?unit=${province}&from=${from}&to=${to}&procedure=${procedure}`)).body;
    expect(one.filter).toEqual({ field, procedure: null });
    expect(one.counts.received).toBeLessThan(all.counts.received);
    expect(proc.counts.received).toBeLessThanOrEqual(all.counts.received);
  });

  test.each([
    ['no unit', '?from=2026-01-01&to=2026-01-31', 'unit'],
    ['an impossible date', '?unit=X&from=2026-02-31&to=2026-03-31', 'from'],
    ['from after to', '?unit=X&from=2026-03-01&to=2026-01-31', 'to'],
    ['a period over 5 years', '?unit=X&from=2015-01-01&to=2026-01-31', 'to'],
  ])('400 with the parameter named for %s', async (_name, query, param) => {
    const { status, body } = await call(getKpi, `/api/v1/kpi${query}`);
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_query');
    expect(body.issues.map((i: { param: string }) => i.param)).toContain(param);
  });

  test.each([
    ['unit', '?unit=NOPE&from=2026-01-01&to=2026-01-31', 'unit_not_found'],
    ['field', `?unit=UNIT&from=2026-01-01&to=2026-01-31&field=NOPE`, 'field_not_found'],
    ['procedure', `?unit=UNIT&from=2026-01-01&to=2026-01-31&procedure=9.999999`, 'procedure_not_found'],
  ])('404 for an unknown %s', async (_name, query, code) => {
    const { status, body } = await call(getKpi, `/api/v1/kpi${query.replace('UNIT', province)}`);
    expect(status).toBe(404);
    expect(body.error).toBe(code);
    expect(body.message).toMatch(/Không có/);
  });
});

describe('GET /api/v1/rankings', () => {
  test('ranks every commune of a district by the score, with the previous period', async () => {
    const { from, to } = lastMonth();
    const { status, body } = await call(getRankingTable, `/api/v1/rankings?parent=${district}&level=xa&from=${from}&to=${to}`);
    expect(status).toBe(200);
    expect(body.kpi).toBe('score');
    expect(body.rows.length).toBeGreaterThan(3);
    const ranked = body.rows.filter((r: { rank: number | null }) => r.rank !== null);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i].value).toBeLessThanOrEqual(ranked[i - 1].value);
    for (const r of body.rows)
      expect(Object.keys(r).sort()).toEqual([
        'denominator',
        'met',
        'numerator',
        'previous',
        'rank',
        'rankChange',
        'sample',
        'target',
        'unit',
        'value',
        'valueChange',
      ]);
  });

  test('by one KPI, with numerator and denominator', async () => {
    const { from, to } = lastMonth();
    const { body } = await call(
      getRankingTable,
      `/api/v1/rankings?parent=${province}&level=huyen&from=${from}&to=${to}&kpi=online`,
    );
    expect(body.rows).toHaveLength(10);
    expect(body.rows[0].value).toBe(body.rows[0].numerator / body.rows[0].denominator);
  });

  test.each([
    ['level', '&level=thon', 'level'],
    ['kpi', '&level=xa&kpi=speed', 'kpi'],
    ['minSample', '&level=xa&minSample=-1', 'minSample'],
  ])('400 for a bad %s', async (_name, extra, param) => {
    const { status, body } = await call(
      getRankingTable,
      `/api/v1/rankings?parent=${province}&from=2026-01-01&to=2026-01-31${extra}`,
    );
    expect(status).toBe(400);
    expect(body.issues.map((i: { param: string }) => i.param)).toContain(param);
  });
});

describe('GET /api/v1/overdue', () => {
  test('lists late dossiers, pending ones first, with days late and a total for paging', async () => {
    const { from, to } = lastMonth();
    const { status, body } = await call(getOverdueList, `/api/v1/overdue?unit=${province}&from=${from}&to=${to}&pageSize=20`);
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(20);
    expect(body.rows).toHaveLength(20);
    // Every page together holds exactly `total` distinct dossiers: the list agrees with the KPI engine's count.
    const codes = new Set<string>();
    for (let page = 1; ; page++) {
      const { body: b } = await call(
        getOverdueList,
        `/api/v1/overdue?unit=${province}&from=${from}&to=${to}&pageSize=500&page=${page}`,
      );
      for (const r of b.rows) codes.add(r.code);
      if (b.rows.length < 500) break;
    }
    expect(codes.size).toBe(body.total);
    const report = (await call(getKpi, `/api/v1/kpi?unit=${province}&from=${from}&to=${to}`)).body;
    expect(body.total).toBe(report.counts.resolved.late + report.counts.pending.late);
    for (const r of body.rows) {
      expect(['resolved_late', 'pending_late']).toContain(r.status);
      expect(r.daysLate).toBeGreaterThanOrEqual(0);
      expect(Object.keys(r).sort()).toEqual([
        'apologyAt',
        'code',
        'daysLate',
        'dueAt',
        'endedAt',
        'field',
        'handler',
        'procedure',
        'receivedAt',
        'status',
        'unit',
      ]);
    }
    const page2 = (await call(getOverdueList, `/api/v1/overdue?unit=${province}&from=${from}&to=${to}&pageSize=20&page=2`)).body;
    expect(page2.rows.map((r: { code: string }) => r.code)).not.toContain(body.rows[0].code);
  });

  test('the current month (T = now) lists the dossiers late now, pending ones first', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const { status, body } = await call(
      getOverdueList,
      `/api/v1/overdue?unit=${province}&from=${today.slice(0, 8)}01&to=${today}`,
    );
    expect(status).toBe(200);
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.rows[0].status).toBe('pending_late');
    expect(body.rows[0].endedAt).toBeNull();
  });

  test('400 for a page size over 500', async () => {
    const { status } = await call(getOverdueList, `/api/v1/overdue?unit=${province}&from=2026-01-01&to=2026-01-31&pageSize=1000`);
    expect(status).toBe(400);
  });
});

describe('access: the gate in front of every API route', () => {
  test('no credentials: 401 with a Bearer challenge, before the query is even read', async () => {
    const response = await getKpi(new Request(`http://localhost/api/v1/kpi?unit=nonsense`));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ error: 'unauthenticated', message: expect.stringContaining('Cần đăng nhập') });
  });

  test('a chair’s token reads its district’s late dossiers, never another unit’s (403), and every peer’s aggregates', async () => {
    const client = await connect();
    const {
      rows: [other],
    } = await client.query(`SELECT code FROM units WHERE level = 'huyen' AND code <> $1 ORDER BY code LIMIT 1`, [district]);
    const { rows: own } = await client.query(
      `SELECT code FROM units WHERE path LIKE (SELECT path FROM units WHERE code = $1) || '%'`,
      [district],
    );
    await client.end();
    const chair = await apiTokenHeaders('chair', district);
    const { from, to } = lastMonth();
    const mine = await call(getOverdueList, `/api/v1/overdue?unit=${district}&from=${from}&to=${to}&pageSize=500`, chair);
    expect(mine.status).toBe(200);
    expect(mine.body.rows.length).toBeGreaterThan(0);
    const ownCodes = new Set(own.map((u: { code: string }) => u.code));
    for (const r of mine.body.rows) expect(ownCodes.has(r.unit.code)).toBe(true);
    const theirs = await call(getOverdueList, `/api/v1/overdue?unit=${other.code}&from=${from}&to=${to}`, chair);
    expect(theirs).toEqual({ status: 403, body: { error: 'forbidden', message: expect.stringContaining('Không có quyền') } });
    const wider = await call(getOverdueList, `/api/v1/overdue?unit=${province}&from=${from}&to=${to}`, chair);
    expect(wider.status).toBe(403);
    expect((await call(getKpi, `/api/v1/kpi?unit=${other.code}&from=${from}&to=${to}`, chair)).status).toBe(200);
    expect(
      (await call(getRankingTable, `/api/v1/rankings?parent=${province}&level=huyen&from=${from}&to=${to}`, chair)).status,
    ).toBe(200);
  });

  test('an importer token reads nothing (403); a unit that does not exist is 404 only for those allowed to ask', async () => {
    const importer = await apiTokenHeaders('importer');
    const { from, to } = lastMonth();
    expect((await call(getKpi, `/api/v1/kpi?unit=${province}&from=${from}&to=${to}`, importer)).status).toBe(403);
    expect((await call(getOverdueList, `/api/v1/overdue?unit=${province}&from=${from}&to=${to}`, importer)).status).toBe(403);
    expect((await call(getKpi, `/api/v1/kpi?unit=KHONG-CO&from=${from}&to=${to}`)).status).toBe(404);
  });

  test("a token's bookkeeping is one write a minute, not one a request: its last use, and its use per action and unit", async () => {
    const reader = await apiTokenHeaders('province');
    const { from, to } = lastMonth();
    for (let i = 0; i < 5; i++)
      expect((await call(getKpi, `/api/v1/kpi?unit=${province}&from=${from}&to=${to}`, reader)).status).toBe(200);
    expect((await call(getOverdueList, `/api/v1/overdue?unit=${province}&from=${from}&to=${to}`, reader)).status).toBe(200);
    const name = `test-province-all-${reader.Authorization.slice(12, 20)}`;
    const client = await connect();
    const uses = await client.query(
      `SELECT details->>'action' AS action, count(*)::int AS n FROM audit_log WHERE actor = $1 AND action = 'token_use'
       GROUP BY 1 ORDER BY 1`,
      [`token:${name}`],
    );
    const token = await client.query(`SELECT last_used_at FROM api_tokens WHERE name = $1`, [name]);
    await client.end();
    expect(uses.rows).toEqual([
      { action: 'aggregates', n: 1 },
      { action: 'dossiers', n: 1 },
    ]);
    expect(token.rows[0].last_used_at).toBeInstanceOf(Date);
  });

  test('refusals and token use are written to the audit log', async () => {
    const client = await connect();
    const { rows } = await client.query(`SELECT DISTINCT action FROM audit_log WHERE actor LIKE 'token:test-%'`);
    await client.end();
    expect(rows.map((r: { action: string }) => r.action).sort()).toEqual(['access_denied', 'token_use']);
  });
});
