// Federation (issue 20): three PostgreSQL servers — two provinces with different demo data and a national one — joined by
// logical replication with `npm run federation`'s functions. Every national KPI and ranking must equal the provinces'
// own figures (read with the province dashboard's own queries); an import into a province must reach the national
// figures within seconds; a province stopped and restarted must catch up with nothing lost or doubled; a re-seeded
// province is re-synchronised by one command.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmbeddedPostgres, stopOrphanPostmaster, walSettings, type RunningPostgres } from '../../lib/db/embedded-postgres';
import { migrate } from '../../lib/db/migrate';
import { dataDir, testPort } from '../../lib/env';
import { addDays, addLocalMonths } from '../../lib/calendar';
import { FEEDBACK_MEASURES, KPI_KEYS, type KpiSums, type Period, type TargetRule } from '../../lib/kpi';
import { addProvince, federationStatus, resyncProvince, type CopyProgress } from '../../lib/server/federation/federation';
import { importFile } from '../../lib/server/import/run';
import { listTargetRules } from '../../lib/server/queries/catalog';
import { getNationalUnitLeague, getProvinceLeague, listProvinceFreshness } from '../../lib/server/queries/national';
import { getKpiReport, getRankings } from '../../lib/server/queries/report';
import { readNationalRollups, readRollups } from '../../lib/server/queries/rollups';
import { findUnit } from '../../lib/server/queries/units';
import { seedDemoData, type DemoName } from '../../prisma/seed/load';

const FEDERATED = ['dossier_unit_daily', 'dossier_unit_monthly', 'feedback_unit_daily', 'targets', 'unit_successions', 'units'];
const NOW = new Date('2026-11-20T10:00:00+07:00');
const PERIOD: Period = { from: '2026-01-01', to: '2026-10-31' };
const ROOT = path.join(dataDir, 'test', 'federation');

interface Server {
  name: string;
  dir: string;
  port: number;
  settings: Record<string, string | number>;
  pg: RunningPostgres;
  url: string;
}

const provinceSettings = { fsync: 'off', shared_buffers: '128MB', ...walSettings('logical', '1GB') };
const nationalSettings = {
  fsync: 'off',
  shared_buffers: '128MB',
  // A subscription whose province went away tries again after this (default 5 s).
  wal_retrieve_retry_interval: '500ms',
  max_sync_workers_per_subscription: 4,
  max_logical_replication_workers: 10,
};

async function start(name: string, port: number, settings: Record<string, string | number>): Promise<Server> {
  const dir = path.join(ROOT, name);
  const server = await startEmbeddedPostgres({ dir, port, database: 'tthc', settings });
  return { name, dir, port, settings, pg: server, url: server.url() };
}

// The app's queries run on the process's one pool (lib/server/db.ts); each server here gets its own, swapped in for
// the duration of a call (calls never overlap).
const app = globalThis as unknown as { tthcDb?: unknown; tthcPool?: pg.Pool; tthcDatabaseUrl?: string };
const pools = new Map<string, { db?: unknown; pool?: pg.Pool }>();
async function on<T>(server: Server, fn: () => Promise<T>): Promise<T> {
  const saved = pools.get(server.url) ?? {};
  app.tthcDb = saved.db;
  app.tthcPool = saved.pool;
  app.tthcDatabaseUrl = server.url;
  try {
    return await fn();
  } finally {
    pools.set(server.url, { db: app.tthcDb, pool: app.tthcPool });
    app.tthcDb = app.tthcPool = app.tthcDatabaseUrl = undefined;
  }
}

let a: Server; // new Quảng Ngãi (51), with old Kon Tum's units in its history
let b: Server; // old Kon Tum's three levels (62)
let national: Server;
const ROOTS: Record<string, string> = {};
const DEMOS: Array<[string, DemoName, number]> = [
  ['a', 'quang-ngai-2025', 4000],
  ['b', 'kon-tum-2024', 3000],
];

beforeAll(async () => {
  for (const name of ['a', 'b', 'national']) await stopOrphanPostmaster(path.join(ROOT, name));
  fs.rmSync(ROOT, { recursive: true, force: true });
  [a, b, national] = await Promise.all([
    start('a', testPort(54360), provinceSettings),
    start('b', testPort(54361), provinceSettings),
    start('national', testPort(54362), nationalSettings),
  ]);
  await Promise.all([migrate(a.url), migrate(b.url), migrate(national.url, undefined, 'national')]);
  await Promise.all(
    [a, b].map((s, i) => seedDemoData(s.url, { demo: DEMOS[i]![1], dossiers: DEMOS[i]![2], seed: i + 1, until: NOW })),
  );
  for (const s of [a, b]) ROOTS[s.name] = await query<{ p: string }>(s, 'SELECT tthc_province() AS p').then((r) => r[0]!.p);
  // Different targets too: old Kon Tum sets none for the on-time rate (a national read must not lend it another's).
  await query(b, `DELETE FROM targets WHERE kpi = 'onTime'`);
}, 240_000);

afterAll(async () => {
  for (const { pool } of pools.values()) await pool?.end().catch(() => undefined);
  for (const s of [national, a, b]) await s?.pg.stop().catch(() => undefined);
});

async function query<R extends pg.QueryResultRow>(server: Server, text: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Every federated table's rows of a province, as one checksum per table (what "nothing lost or doubled" compares). */
async function checksums(server: Server, province: string) {
  const tables = FEDERATED;
  const out: Record<string, string> = {};
  for (const t of tables) {
    const [row] = await query<{ sum: string }>(
      server,
      `SELECT count(*) || ':' || COALESCE(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS sum
       FROM ${t} x WHERE province = $1`,
      [province],
    );
    out[t] = row!.sum;
  }
  return out;
}

/** The national feedback roll-up by month (kept by a trigger from the replicated daily one) equals the daily one's sums. */
async function expectMonthlyFeedback() {
  const rows = await query<{ province: string; unit_id: number; month: string; delta: string }>(
    national,
    `SELECT province, unit_id, month::text, (d.resolved, d.resolved_on_time, d.open_delta, d.open_not_due_delta)::text AS delta
     FROM (SELECT province, unit_id, date_trunc('month', day)::date AS month, sum(resolved) AS resolved,
                  sum(resolved_on_time) AS resolved_on_time, sum(open_delta) AS open_delta,
                  sum(open_not_due_delta) AS open_not_due_delta
           FROM feedback_unit_daily GROUP BY 1, 2, 3) d
     FULL JOIN feedback_unit_monthly m USING (province, unit_id, month)
     WHERE (d.resolved, d.resolved_on_time, d.open_delta, d.open_not_due_delta)
           IS DISTINCT FROM (m.resolved, m.resolved_on_time, m.open_delta, m.open_not_due_delta)
       AND (d.province IS NOT NULL OR (m.resolved, m.resolved_on_time, m.open_delta, m.open_not_due_delta) <> (0, 0, 0, 0))`,
  );
  expect(rows).toEqual([]);
  expect(Number((await query<{ n: string }>(national, 'SELECT count(*) AS n FROM feedback_unit_monthly'))[0]!.n)).toBeGreaterThan(
    0,
  );
}

const dataVersion = async (server: Server) =>
  Number((await query<{ version: string }>(server, 'SELECT version FROM data_version'))[0]!.version);

/** A province's own figures, from its own dashboard's queries. */
async function provinceFigures(server: Server) {
  return on(server, async () => {
    const root = ROOTS[server.name]!;
    const report = await getKpiReport(root, PERIOD, { now: NOW });
    const communes = await getRankings(root, 'xa', PERIOD, { now: NOW });
    const onTime = await getRankings(root, 'xa', PERIOD, { kpi: 'onTime', now: NOW });
    const departments = await getRankings(root, 'so_nganh', PERIOD, { kpi: 'online', now: NOW });
    return {
      kpis: Object.fromEntries(KPI_KEYS.map((k) => [k, pick(report.kpis[k])])),
      score: { value: report.score.value, target: report.score.target, met: report.score.met },
      received: report.counts.received,
      communes: Object.fromEntries(communes.rows.map((r) => [r.unit.code, leagueRow(r)])),
      communesOnTime: Object.fromEntries(onTime.rows.map((r) => [r.unit.code, leagueRow(r)])),
      departments: Object.fromEntries(departments.rows.map((r) => [r.unit.code, leagueRow(r)])),
    };
  });
}

/** The same figures of one province as the national database computes them. */
async function nationalFigures(province: string) {
  return on(national, async () => {
    const league = await getProvinceLeague(PERIOD, { now: NOW });
    const row = league.rows.find((r) => r.province === province);
    const communes = await getNationalUnitLeague('xa', PERIOD, { province, now: NOW });
    const onTime = await getNationalUnitLeague('xa', PERIOD, { province, kpi: 'onTime', now: NOW });
    const departments = await getNationalUnitLeague('so_nganh', PERIOD, { province, kpi: 'online', now: NOW });
    return {
      kpis: Object.fromEntries(KPI_KEYS.map((k) => [k, row ? pick(row.kpis[k]) : null])),
      score: row?.score ?? null,
      received: row?.counts.received ?? null,
      communes: Object.fromEntries(communes.rows.map((r) => [r.unit.code, leagueRow(r)])),
      communesOnTime: Object.fromEntries(onTime.rows.map((r) => [r.unit.code, leagueRow(r)])),
      departments: Object.fromEntries(departments.rows.map((r) => [r.unit.code, leagueRow(r)])),
    };
  });
}

const pick = (k: {
  numerator: number;
  denominator: number;
  value: number | null;
  target: number | null;
  met: boolean | null;
}) => ({
  numerator: k.numerator,
  denominator: k.denominator,
  value: k.value,
  target: k.target,
  met: k.met,
});
const leagueRow = (r: {
  rank: number | null;
  value: number | null;
  sample: number;
  target: number | null;
  met: boolean | null;
  previous: { rank: number | null; value: number | null };
  rankChange: number | null;
}) => ({
  rank: r.rank,
  value: r.value,
  sample: r.sample,
  target: r.target,
  met: r.met,
  // The change since the previous period, as the province's league table shows it.
  previous: r.previous,
  rankChange: r.rankChange,
});

/** Polls until the national figures and rows of every given province equal its own; returns the time it took. */
async function expectFollows(servers: Server[], timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const results = [];
    for (const s of servers) {
      // One after the other: the app's queries run on one database at a time (on()).
      const province = ROOTS[s.name]!;
      results.push({
        own: await provinceFigures(s),
        nat: await nationalFigures(province),
        ownRows: await checksums(s, province),
        natRows: await checksums(national, province),
      });
    }
    const equal = results.every(
      (r) => JSON.stringify(r.own) === JSON.stringify(r.nat) && JSON.stringify(r.ownRows) === JSON.stringify(r.natRows),
    );
    if (equal || Date.now() - started > timeoutMs) {
      for (const r of results) {
        expect(r.nat).toEqual(r.own);
        expect(r.natRows).toEqual(r.ownRows);
      }
      return Date.now() - started;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Imports `count` new dossiers into a province, through the app's import pipeline, in October 2026. */
let imported = 0;
async function importDossiers(server: Server, count: number) {
  const [unit] = await query<{ code: string }>(
    server,
    `SELECT code FROM units WHERE level = 'xa' AND valid_to IS NULL ORDER BY code LIMIT 1 OFFSET $1`,
    [imported % 5],
  );
  const [procedure] = await query<{ code: string; name: string }>(
    server,
    'SELECT code, name FROM procedures ORDER BY code LIMIT 1',
  );
  const lines = ['Mã hồ sơ;Mã đơn vị;Mã TTHC;Tên TTHC;Kênh thực hiện;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý'];
  for (let i = 0; i < count; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const late = i % 3 === 0;
    lines.push(
      `FED-${server.name}-${++imported};${unit!.code};${procedure!.code};${procedure!.name};${1 + (i % 2)};` +
        `${day}/10/2026 08:00;${day}/10/2026 17:00;${late ? '30/10/2026 09:00' : `${day}/10/2026 10:00`}`,
    );
  }
  const summary = await on(server, () =>
    importFile('dossiers', Readable.from([lines.join('\n')]), { fileName: 'federation.csv', source: 'test' }),
  );
  expect(summary.rejected).toEqual([]);
  expect(summary.inserted).toBe(count);
}

/** Feedback (PAKN) of October 2026 into a province through the import pipeline; `resolved`: the same, resolved. */
async function importFeedback(server: Server, resolved: boolean) {
  const [unit] = await query<{ code: string }>(
    server,
    `SELECT code FROM units WHERE level = 'xa' AND valid_to IS NULL ORDER BY code LIMIT 1`,
  );
  const lines = ['MaPAKN,MaDonVi,MaTTHC,NgayTiepNhan,NgayHenTra,NgayGiaiQuyet'];
  for (let i = 1; i <= 12; i++) {
    const day = String(i * 2).padStart(2, '0');
    // Resolved on the day after the deadline for a third of them (late), before it for the rest; or not yet.
    const end = resolved || i % 4 === 0 ? `${String(i * 2 + (i % 3 === 0 ? 6 : 1)).padStart(2, '0')}/10/2026 09:00` : '';
    lines.push(
      `PAKN-FED-${server.name}-${i},${unit!.code},,${day}/10/2026 08:00,${String(i * 2 + 4).padStart(2, '0')}/10/2026,${end}`,
    );
  }
  const summary = await on(server, () =>
    importFile('feedback', Readable.from([lines.join('\n')]), { fileName: 'pakn.csv', source: 'test' }),
  );
  expect(summary.rejected).toEqual([]);
}

describe('federation', () => {
  test('`add` publishes each province, subscribes the national database and reports the initial copy', async () => {
    expect(ROOTS).toEqual({ a: '51', b: '62' });
    for (const [server, name] of [
      [a, 'quangngai'],
      [b, 'kontum'],
    ] as const) {
      const progress: CopyProgress[] = [];
      const added = await addProvince(national.url, name, server.url, { onProgress: (p) => progress.push(p), timeoutMs: 60_000 });
      expect(added.province).toBe(ROOTS[server.name]);
      expect(progress.at(-1)!.ready).toBe(FEDERATED.length);
      expect(progress.at(-1)!.tables.map((t) => t.table)).toEqual(FEDERATED);
      expect(await checksums(national, added.province)).toEqual(await checksums(server, added.province));
    }
    // Dossiers and people never leave a province.
    const [published] = await query<{ tables: string[] }>(
      a,
      `SELECT array_agg(tablename::text ORDER BY tablename) AS tables FROM pg_publication_tables WHERE pubname = 'tthc_federation'`,
    );
    expect(published!.tables).toEqual(FEDERATED);
    const [publication] = await query<{ pubtruncate: boolean }>(a, `SELECT pubtruncate FROM pg_publication`);
    expect(publication!.pubtruncate).toBe(false);
  });

  test('every national KPI and ranking equals the provinces’ own figures', async () => {
    await expectFollows([a, b], 0);
    const own = { a: await provinceFigures(a), b: await provinceFigures(b) };
    // Different data: the two provinces' figures differ, and the national league holds both, ranked together.
    expect(own.a.received).not.toBe(own.b.received);
    for (const o of [own.a, own.b]) {
      // Figures with something in them: the comparisons above cannot pass on empty tables.
      expect(o.received).toBeGreaterThan(1000);
      expect(Object.keys(o.communes).length).toBeGreaterThan(50);
      expect(Object.keys(o.departments).length).toBeGreaterThan(5);
      expect(Object.values(o.communes).filter((c) => c.rank !== null).length).toBeGreaterThan(10);
      expect(o.kpis.onTime!.denominator).toBeGreaterThan(0);
      expect(o.kpis.feedbackOnTime!.denominator).toBeGreaterThan(0);
      expect(o.score.value).not.toBeNull();
    }
    // The province's targets, replicated, judge the national rows too.
    expect(own.a.kpis.onTime!.target).toBe(0.95);
    expect(Object.values(own.a.communesOnTime).filter((c) => c.met !== null).length).toBeGreaterThan(10);
    expect(own.b.kpis.onTime!.target).toBeNull();
    for (const s of [a, b]) {
      const rules = (r: TargetRule[]) => [...r].sort((x, y) => x.id - y.id);
      const ownRules = await on(s, () => listTargetRules(2026));
      expect(ownRules.length).toBeGreaterThan(3);
      expect(rules(await on(national, () => listTargetRules(2026, ROOTS[s.name]!)))).toEqual(rules(ownRules));
    }
    const league = await on(national, () => getProvinceLeague(PERIOD, { now: NOW }));
    expect(league.rows.map((r) => r.province).sort()).toEqual(['51', '62']);
    const values = league.rows.map((r) => r.value!);
    expect(league.rows.map((r) => r.rank)).toEqual(values[0] === values[1] ? [1, 1] : [1, 2]);
    expect(values[0]).toBeGreaterThanOrEqual(values[1]!);
    const communes = await on(national, () => getNationalUnitLeague('xa', PERIOD, { now: NOW }));
    expect(communes.rows.length).toBe(Object.keys(own.a.communes).length + Object.keys(own.b.communes).length);
    // Ranked together: each commune keeps its value, and the ranks run over both provinces.
    const byCode = (rows: typeof communes.rows) => rows.map((r) => `${r.province}:${r.unit.code}:${r.value}`).sort();
    const one = await on(national, () => getNationalUnitLeague('xa', PERIOD, { province: '51', now: NOW }));
    const other = await on(national, () => getNationalUnitLeague('xa', PERIOD, { province: '62', now: NOW }));
    expect(byCode(communes.rows)).toEqual(byCode([...one.rows, ...other.rows]));
    const ranked = communes.rows.filter((r) => r.rank !== null);
    expect(ranked.map((r) => r.value)).toEqual(ranked.map((r) => r.value).sort((x, y) => y! - x!));
    const freshness = await on(national, () => listProvinceFreshness());
    expect(freshness.map((f) => [f.name, f.live])).toEqual([
      ['kontum', true],
      ['quangngai', true],
    ]);
    for (const f of freshness) expect(Date.now() - f.asOf!.getTime()).toBeLessThan(120_000);
  });

  test('the view at the time (SPEC §6): before the merger, new Quảng Ngãi is the two provinces of the time', async () => {
    const before: Period = { from: '2025-01-01', to: '2025-03-31' };
    const own = async (server: Server, code: string) =>
      on(server, async () => {
        const r = await getKpiReport(code, before, { view: 'historical', now: NOW });
        return { code, kpis: Object.fromEntries(KPI_KEYS.map((k) => [k, pick(r.kpis[k])])), score: r.score.value };
      });
    const historical = await on(national, () => getProvinceLeague(before, { view: 'historical', now: NOW }));
    const rows = (province: string) =>
      historical.rows
        .filter((r) => r.province === province)
        .map((r) => ({
          code: r.unit.code,
          kpis: Object.fromEntries(KPI_KEYS.map((k) => [k, pick(r.kpis[k])])),
          score: r.score.value,
        }))
        .sort((x, y) => x.code.localeCompare(y.code));
    // New Quảng Ngãi's database: old Kon Tum (62) and old Quảng Ngãi (51) on their own rows, each its own report's.
    expect(rows('51')).toEqual([await own(a, '51'), await own(a, '62')]);
    expect(rows('51')[0]!.kpis.onTime!.denominator).toBeGreaterThan(0);
    expect(rows('62')).toEqual([await own(b, '62')]);
    // Today's view restates old Kon Tum's part onto new Quảng Ngãi: one row, its own report's.
    const current = await on(national, () => getProvinceLeague(before, { now: NOW }));
    const restated = current.rows.find((r) => r.province === '51')!;
    expect(current.rows.filter((r) => r.province === '51')).toHaveLength(1);
    const report = await on(a, () => getKpiReport('51', before, { now: NOW }));
    expect(KPI_KEYS.map((k) => pick(restated.kpis[k]))).toEqual(KPI_KEYS.map((k) => pick(report.kpis[k])));
    // Communes of the time: old Kon Tum's, under its districts, in its own database's national league.
    const communes = await on(national, () =>
      getNationalUnitLeague('xa', before, { province: '51', view: 'historical', now: NOW }),
    );
    const ownCommunes = await on(a, async () => [
      ...(await getRankings('51', 'xa', before, { view: 'historical', now: NOW })).rows,
      ...(await getRankings('62', 'xa', before, { view: 'historical', now: NOW })).rows,
    ]);
    expect(communes.rows.map((r) => `${r.unit.code}:${r.sample}`).sort()).toEqual(
      ownCommunes.map((r) => `${r.unit.code}:${r.sample}`).sort(),
    );
  });

  test('an import into a province reaches the national figures within seconds', async () => {
    const before = (await provinceFigures(a)).received;
    const version = await dataVersion(national);
    await importDossiers(a, 30);
    expect((await provinceFigures(a)).received).toBe(before + 30);
    const took = await expectFollows([a], 10_000);
    expect(took).toBeLessThan(10_000);
    // The national cache of reads (keyed by the data version) sees the replicated change.
    expect(await dataVersion(national)).toBeGreaterThan(version);
  });

  test('feedback imported into a province, then updated, reaches the national feedback indicator and score', async () => {
    const before = (await provinceFigures(a)).kpis.feedbackOnTime!;
    await importFeedback(a, false);
    await importFeedback(a, true); // the same codes again, now resolved: updates move the roll-up
    const after = (await provinceFigures(a)).kpis.feedbackOnTime!;
    expect(after.denominator).toBeGreaterThan(before.denominator);
    await expectFollows([a], 10_000);
  });

  test('the feedback roll-ups a province publishes count, nationally, what its feedback rows count, month by month', async () => {
    await expectFollows([a, b], 10_000);
    const months: Period[] = [];
    for (let m = 0; m < 22; m++) {
      const first = addLocalMonths('2025-01-01', m);
      months.push({ from: first, to: addDays(addLocalMonths(first, 1), -1) });
    }
    // And October 2026 up to each of its days: T at the end of each deadline day of the feedback imported above; and
    // periods across months' edges (the monthly roll-up's whole months and the daily one's edge days).
    for (let d = 1; d <= 31; d++) months.push({ from: '2026-10-01', to: `2026-10-${String(d).padStart(2, '0')}` });
    months.push({ from: '2025-12-17', to: '2026-10-09' }, { from: '2026-09-30', to: '2026-10-01' });
    for (const s of [a, b]) {
      const root = (await on(s, () => findUnit(ROOTS[s.name]!)))!;
      const own = await on(s, () =>
        readRollups({ units: [root], periods: months, by: 'unit', now: NOW, measures: FEEDBACK_MEASURES }),
      );
      const rolled = await on(national, () => readNationalRollups([{ province: ROOTS[s.name]!, unit: root }], months, NOW));
      const feedback = (x: KpiSums) => Object.fromEntries(FEEDBACK_MEASURES.map((k) => [k, x[k]]));
      expect(rolled.map(([x]) => feedback(x!))).toEqual(own.map((m) => feedback(m.get(root.id)!)));
      expect(
        own.reduce((n, m) => n + m.get(root.id)!.feedbackResolved + m.get(root.id)!.feedbackPendingNotDue, 0),
      ).toBeGreaterThan(10);
    }
    await expectMonthlyFeedback();
  });

  test('a rebuild of a province’s roll-ups (a holidays import) is replicated, not left behind', async () => {
    await query(b, `UPDATE units SET name = name || ' (mới)' WHERE code = (SELECT min(code) FROM units WHERE level = 'xa')`);
    await query(b, 'SELECT tthc_rebuild_rollups()');
    await importDossiers(b, 10);
    await expectFollows([a, b], 10_000);
  });

  test('a province stopped keeps its last figures, marked stale; restarted, it catches up with nothing lost or doubled', async () => {
    const lastOfB = await nationalFigures('62');
    await b.pg.stop();
    const deadline = Date.now() + 20_000;
    let stale = await on(national, () => listProvinceFreshness());
    while (stale.find((f) => f.name === 'kontum')!.live && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      stale = await on(national, () => listProvinceFreshness());
    }
    const kontum = stale.find((f) => f.name === 'kontum')!;
    expect(kontum.live).toBe(false);
    expect(kontum.asOf).not.toBeNull(); // stale since: its figures are as of then
    expect(await nationalFigures('62')).toEqual(lastOfB);
    const status = await federationStatus(national.url);
    expect(status.find((s) => s.name === 'kontum')!.slotError).toMatch(/ECONNREFUSED|connect/i);
    expect(status.find((s) => s.name === 'quangngai')!.slot).toMatchObject({ active: true, walStatus: 'reserved' });

    // The other province goes on: its import arrives while this one is away.
    await importDossiers(a, 20);
    await expectFollows([a], 10_000);

    b.pg = await startEmbeddedPostgres({ dir: b.dir, port: b.port, database: 'tthc', settings: b.settings });
    await importDossiers(b, 25);
    await expectFollows([a, b], 20_000);
    const back = await on(national, () => listProvinceFreshness());
    expect(back.every((f) => f.live)).toBe(true);
    await expectMonthlyFeedback();
  });

  test('changes made while the national side is not receiving wait in the slot and arrive once, in full', async () => {
    await query(national, 'ALTER SUBSCRIPTION tthc_fed_quangngai DISABLE');
    const lastOfA = await nationalFigures('51');
    await importDossiers(a, 15);
    await importDossiers(a, 15);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await nationalFigures('51')).toEqual(lastOfA);
    const status = await federationStatus(national.url);
    const slot = status.find((s) => s.name === 'quangngai')!.slot!;
    expect(slot.active).toBe(false);
    expect(slot.lagBytes).toBeGreaterThan(0);
    expect(slot.safeWalSize).toBeGreaterThan(0); // bounded by max_slot_wal_keep_size
    await query(national, 'ALTER SUBSCRIPTION tthc_fed_quangngai ENABLE');
    await expectFollows([a, b], 20_000);
  });

  test('a province re-seeded from scratch is re-synchronised by one command', async () => {
    await seedDemoData(b.url, { demo: 'kon-tum-2024', dossiers: 2000, seed: 9, until: NOW, reset: true });
    const progress: CopyProgress[] = [];
    await resyncProvince(national.url, 'kontum', { onProgress: (p) => progress.push(p), timeoutMs: 60_000 });
    expect(progress.at(-1)!.ready).toBe(FEDERATED.length);
    await expectFollows([a, b], 20_000);
    await expectMonthlyFeedback();
  });
});
