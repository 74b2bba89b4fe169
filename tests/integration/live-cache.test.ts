// The live-read cache (issue 19) on a real database: the data version moves with every committed write and only then;
// after an import or a direct SQL write every cached KPI and ranking answer reflects it (new figures, new ETag, the old
// ETag no longer answered 304); an answer is never served across the access boundary.
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET as getKpi } from '../../app/api/v1/kpi/route';
import { GET as getOverdueList } from '../../app/api/v1/overdue/route';
import { GET as getRankingTable } from '../../app/api/v1/rankings/route';
import { importFile } from '../../lib/server/import/run';
import { liveBody, liveCacheStats, liveTag } from '../../lib/server/live-cache';
import { getKpiReport, getRankings } from '../../lib/server/queries/report';
import { seedDemoData } from '../../prisma/seed/load';
import { apiTokenHeaders, connect } from './helpers';

let client: pg.Client;
let admin: Record<string, string>;
const TP_KON_TUM = '608';
const DAK_GLEI = '610';

/** Last month as local days: a period over, judged at its end (its answers do not age with the clock). */
const lastMonth = () => {
  const d = new Date();
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
};

const read = async (
  handler: (r: Request) => Promise<Response>,
  path: string,
  headers: Record<string, string>,
  ifNoneMatch?: string,
) => {
  const response = await handler(
    new Request(`http://localhost${path}`, { headers: { ...headers, ...(ifNoneMatch ? { 'If-None-Match': ifNoneMatch } : {}) } }),
  );
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    cacheControl: response.headers.get('cache-control'),
    text,
    body: text ? JSON.parse(text) : null,
  };
};

const version = async () => (await client.query(`SELECT version FROM data_version`)).rows[0].version as string;

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'kon-tum-2024', dossiers: 3_000, seed: 19, until: new Date() });
  client = await connect();
  admin = await apiTokenHeaders('admin');
});
afterAll(() => client.end());

describe('the data version', () => {
  test('moves once per writing transaction, at its commit, and not for a rollback or an untracked table', async () => {
    const writer = await connect();
    try {
      const v0 = await version();
      await writer.query('BEGIN');
      await writer.query(`UPDATE targets SET threshold = threshold WHERE kpi = 'onTime'`);
      await writer.query(`UPDATE kpi_weights SET points = points`);
      expect(await version()).toBe(v0); // not before the commit: a read now must not key old data by a new version
      await writer.query('COMMIT');
      const v1 = await version();
      expect(BigInt(v1)).toBe(BigInt(v0) + 1n);

      await writer.query('BEGIN');
      await writer.query(`DELETE FROM targets`);
      await writer.query('ROLLBACK');
      expect(await version()).toBe(v1);

      await writer.query(`INSERT INTO audit_log (actor, action) VALUES ('test', 'test')`);
      expect(await version()).toBe(v1);
      expect((await writer.query(`SELECT count(*)::int AS n FROM data_change_marks`)).rows[0].n).toBe(0);

      // A statement outside any transaction block is its own transaction.
      await writer.query(`UPDATE units SET sort_order = sort_order WHERE code = $1`, [DAK_GLEI]);
      expect(BigInt(await version())).toBe(BigInt(v1) + 1n);
    } finally {
      await writer.end();
    }
  });
});

describe('cached KPI and ranking answers', () => {
  test('an import into the unit and period shows in the next read: new figures, new ETag, the old one answered 200', async () => {
    const { from, to } = lastMonth();
    const kpiPath = `/api/v1/kpi?unit=${TP_KON_TUM}&from=${from}&to=${to}`;
    const rankingPath = `/api/v1/rankings?parent=62&level=huyen&from=${from}&to=${to}&kpi=onTime&minSample=0`;
    const before = await read(getKpi, kpiPath, admin);
    const rankingBefore = await read(getRankingTable, rankingPath, admin);
    expect(before.status).toBe(200);
    expect(before.cacheControl).toBe('private, no-cache');
    expect(before.etag).toMatch(/^W\/".+"$/);

    // Again: the same answer, from the cache (a hit), and 304 with no body when the client names its ETag.
    const hits = liveCacheStats().hits;
    const again = await read(getKpi, kpiPath, admin);
    expect(again.text).toBe(before.text);
    expect(again.etag).toBe(before.etag);
    expect(liveCacheStats().hits).toBe(hits + 1);
    const notModified = await read(getKpi, kpiPath, admin, before.etag!);
    expect(notModified).toMatchObject({ status: 304, text: '', etag: before.etag });

    const ward = (
      await client.query(`SELECT code FROM units WHERE parent_id = (SELECT id FROM units WHERE code = $1) ORDER BY id LIMIT 1`, [
        TP_KON_TUM,
      ])
    ).rows[0].code as string;
    const received = `${from}T09:00:00+07:00`;
    const records = Array.from({ length: 7 }, (_, i) => ({
      MaHoSo: `CACHE-${i}`,
      MaDonVi: ward,
      MaTTHC: '2.000815',
      NgayTiepNhan: received,
      NgayHenTra: `${from}T16:00:00+07:00`,
      NgayKetThucXuLy: `${to}T10:00:00+07:00`, // resolved late: the on-time rate falls
    }));
    const summary = await importFile('dossiers', Readable.from([JSON.stringify(records)]), {
      fileName: null,
      source: 'test',
      format: 'json',
    });
    expect(summary).toMatchObject({ inserted: 7, rejectedRows: 0 });

    const after = await read(getKpi, kpiPath, admin);
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
    expect(after.body.counts.received).toBe(before.body.counts.received + 7);
    expect(after.body.counts.resolved.late).toBe(before.body.counts.resolved.late + 7);
    expect(after.body).toEqual(JSON.parse(JSON.stringify(await getKpiReport(TP_KON_TUM, { from, to }))));
    const stale = await read(getKpi, kpiPath, admin, before.etag!);
    expect(stale.status).toBe(200);
    expect(stale.text).toBe(after.text);

    const rankingAfter = await read(getRankingTable, rankingPath, admin, rankingBefore.etag!);
    expect(rankingAfter.status).toBe(200);
    expect(rankingAfter.etag).not.toBe(rankingBefore.etag);
    const row = (b: { rows: Array<{ unit: { code: string }; denominator: number }> }) =>
      b.rows.find((r) => r.unit.code === TP_KON_TUM)!;
    expect(row(rankingAfter.body).denominator).toBe(row(rankingBefore.body).denominator + 7);
    expect(rankingAfter.body).toEqual(
      JSON.parse(JSON.stringify(await getRankings('62', 'huyen', { from, to }, { kpi: 'onTime', minSample: 0 }))),
    );
  });

  test('a direct SQL write (a target changed in psql) shows in the next read', async () => {
    const { from, to } = lastMonth();
    const path = `/api/v1/kpi?unit=${DAK_GLEI}&from=${from}&to=${to}`;
    const before = await read(getKpi, path, admin);
    const year = Number(to.slice(0, 4));
    await client.query(
      `INSERT INTO targets (kpi, year, threshold, unit_id) VALUES ('online', $1, 0.4321, (SELECT id FROM units WHERE code = $2))`,
      [year, DAK_GLEI],
    );
    const after = await read(getKpi, path, admin, before.etag!);
    expect(after.status).toBe(200);
    expect(before.body.kpis.online.target).not.toBe(0.4321);
    expect(after.body.kpis.online.target).toBe(0.4321);
  });
});

describe('the access boundary with the cache warm', () => {
  test('a chair of another unit, a unit-bound importer and nobody get what they get without the cache', async () => {
    const { from, to } = lastMonth();
    const path = `/api/v1/kpi?unit=${DAK_GLEI}&from=${from}&to=${to}`;
    const warm = await read(getKpi, path, admin);
    expect(warm.status).toBe(200);
    // A chair of TP Kon Tùm may read any unit's aggregate figures (SPEC: published anyway): the same answer as computed
    // afresh, not an admin's answer of another scope.
    const chair = await read(getKpi, path, await apiTokenHeaders('chair', TP_KON_TUM));
    expect(chair.status).toBe(200);
    expect(chair.body).toEqual(JSON.parse(JSON.stringify(await getKpiReport(DAK_GLEI, { from, to }))));
    // An importer has no right to aggregates: refused, even when it names the warm answer's ETag.
    const importer = await read(getKpi, path, await apiTokenHeaders('importer', TP_KON_TUM), warm.etag!);
    expect(importer.status).toBe(403);
    expect(importer.etag).toBeNull();
    expect(importer.body.error).toBe('forbidden');
    const nobody = await read(getKpi, path, {}, warm.etag!);
    expect(nobody.status).toBe(401);
    expect(nobody.etag).toBeNull();
  });

  test("the gate's unit of a code is kept only while the units stay the same: a move or a new code counts at once", async () => {
    const { from, to } = lastMonth();
    const { rows } = await client.query<{ code: string; path: string }>(
      `SELECT c.code, c.path FROM units c JOIN units p ON c.path LIKE p.path || '%' AND c.id <> p.id
       WHERE p.code = $1 AND c.level = 'xa' AND c.valid_to IS NULL ORDER BY c.code LIMIT 1`,
      [TP_KON_TUM],
    );
    const commune = rows[0]!;
    const chair = await apiTokenHeaders('chair', TP_KON_TUM);
    const overdue = (code: string) => read(getOverdueList, `/api/v1/overdue?unit=${code}&from=${from}&to=${to}`, chair);
    expect((await overdue(commune.code)).status).toBe(200);
    expect((await overdue(commune.code)).status).toBe(200); // the unit now kept for this version
    const elsewhere = (await client.query(`SELECT path FROM units WHERE code = $1`, [DAK_GLEI])).rows[0].path as string;
    try {
      await client.query(`UPDATE units SET path = $2 || id || '/' WHERE code = $1`, [commune.code, elsewhere]);
      expect((await overdue(commune.code)).status).toBe(403);
    } finally {
      await client.query(`UPDATE units SET path = $2 WHERE code = $1`, [commune.code, commune.path]);
    }
    expect((await overdue(commune.code)).status).toBe(200);
    expect((await overdue('99999')).status).toBe(404);
    try {
      await client.query(
        `WITH n AS (SELECT nextval(pg_get_serial_sequence('units', 'id')) AS id)
         INSERT INTO units (id, code, name, level, parent_id, path, depth)
         SELECT n.id, '99999', 'Xã Thử', 'xa', p.id, p.path || n.id || '/', p.depth + 1 FROM n, units p WHERE p.code = $1`,
        [TP_KON_TUM],
      );
      expect((await overdue('99999')).status).toBe(200);
    } finally {
      await client.query(`DELETE FROM units WHERE code = '99999'`);
    }
  });

  test('an answer kept for one scope is never served for another: the scope is part of the key and of the ETag', async () => {
    const { from, to } = lastMonth();
    const request = { read: 'kpi', input: { unit: TP_KON_TUM, from, to }, period: { from, to } };
    const province = await liveTag({ ...request, scope: '/' });
    const ward = await liveTag({ ...request, scope: '/1/2/' });
    expect(ward.etag).not.toBe(province.etag);
    expect(await liveBody(province, async () => ({ computedFor: 'province' }))).toBe('{"computedFor":"province"}');
    expect(await liveBody(ward, async () => ({ computedFor: 'ward' }))).toBe('{"computedFor":"ward"}');
    expect(await liveBody(province, async () => ({ computedFor: 'again' }))).toBe('{"computedFor":"province"}');
  });
});
