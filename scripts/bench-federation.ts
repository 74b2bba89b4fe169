// `npm run bench -- --federation`: the national instance of issue 20 at the size of the country. A national database
// holding 34 simulated provinces' federated tables (units, targets and unit-level roll-ups generated in SQL for ~35 M
// dossiers a year, kept under .data/bench/ and reused), the national leagues timed on it; then one real province
// (an embedded server seeded with the demo) federated into it with `npm run federation`'s code, a full-speed
// `npm run import` into that province, and the replication lag sampled every second until the national rows catch up.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { addDays, localDayOf, monthRange } from '../lib/calendar';
import { startEmbeddedPostgres, stopOrphanPostmaster, walSettings, type RunningPostgres } from '../lib/db/embedded-postgres';
import { migrate } from '../lib/db/migrate';
import { dataDir, testPort } from '../lib/env';
import { selectDatabase } from '../lib/server/db';
import { addProvince, removeProvince, subscriptionOf } from '../lib/server/federation/federation';
import { getNationalUnitLeague, getProvinceLeague } from '../lib/server/queries/national';
import { withRequestCache } from '../lib/server/request-cache';
import { seedDemoData } from '../prisma/seed/load';
import { IMPORTABLE, writeImportCsv } from './bench-import-file';

type Stats = { median: number; p95: number };

export interface FederationBenchOptions {
  runs: number;
  /** Only the reads whose label matches (no replication measurement). */
  only: RegExp | null;
  /** Dossiers of the real province (the demo's old Kon Tum, seed 766) and of the import into it. */
  provinceDossiers: number;
  importRows: number;
  /** Time the reads under the roll-ups' former keys (the unit first), then under today's (the province first). */
  compareKeys: boolean;
  time: (fn: () => Promise<unknown>, n?: number) => Promise<Stats>;
  fmt: (s: Stats) => string;
  runImportCli: (file: string, url: string, rows: number, expect: 'inserted') => Promise<{ seconds: number; own: number }>;
  out: (line?: string) => void;
}

/**
 * The 34 provinces of 1/7/2025 (code, name, dossiers a year in thousands): a few large ones, most 0.5–1 M; 35 M in all.
 * Old Kon Tum (62), the real province federated for the replication figures, is not among them.
 */
const PROVINCES: Array<[string, string, number]> = [
  ['79', 'Thành phố Hồ Chí Minh', 4500],
  ['01', 'Thành phố Hà Nội', 3800],
  ['31', 'Thành phố Hải Phòng', 1700],
  ['75', 'Tỉnh Đồng Nai', 1600],
  ['24', 'Tỉnh Bắc Ninh', 1400],
  ['40', 'Tỉnh Nghệ An', 1300],
  ['38', 'Tỉnh Thanh Hóa', 1300],
  ['48', 'Thành phố Đà Nẵng', 1200],
  ['33', 'Tỉnh Hưng Yên', 1100],
  ['37', 'Tỉnh Ninh Bình', 1100],
  ['92', 'Thành phố Cần Thơ', 1000],
  ['91', 'Tỉnh An Giang', 1000],
  ['80', 'Tỉnh Tây Ninh', 950],
  ['82', 'Tỉnh Đồng Tháp', 900],
  ['86', 'Tỉnh Vĩnh Long', 900],
  ['22', 'Tỉnh Quảng Ninh', 900],
  ['66', 'Tỉnh Đắk Lắk', 850],
  ['68', 'Tỉnh Lâm Đồng', 850],
  ['52', 'Tỉnh Gia Lai', 800],
  ['56', 'Tỉnh Khánh Hòa', 800],
  ['51', 'Tỉnh Quảng Ngãi', 750],
  ['25', 'Tỉnh Phú Thọ', 750],
  ['19', 'Tỉnh Thái Nguyên', 700],
  ['42', 'Tỉnh Hà Tĩnh', 650],
  ['44', 'Tỉnh Quảng Trị', 650],
  ['46', 'Thành phố Huế', 600],
  ['96', 'Tỉnh Cà Mau', 600],
  ['15', 'Tỉnh Lào Cai', 550],
  ['08', 'Tỉnh Tuyên Quang', 550],
  ['14', 'Tỉnh Sơn La', 500],
  ['20', 'Tỉnh Lạng Sơn', 500],
  ['04', 'Tỉnh Cao Bằng', 450],
  ['11', 'Tỉnh Điện Biên', 400],
  ['12', 'Tỉnh Lai Châu', 350],
];
const COMMUNES = 100;
const DEPARTMENTS = 20;
const DEPARTMENT_NAMES = [
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Sở Tài chính',
  'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường',
  'Sở Xây dựng',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Khoa học và Công nghệ',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Ngoại vụ',
  'Sở Dân tộc và Tôn giáo',
  'Thanh tra tỉnh',
  'Ban Quản lý các khu công nghiệp',
  'Công an tỉnh',
  'Bảo hiểm xã hội tỉnh',
  'Cục Thuế tỉnh',
  'Kho bạc Nhà nước tỉnh',
  'Văn phòng Đăng ký đất đai',
  'Văn phòng UBND tỉnh',
];
/** The national roll-ups and their period column (their keys: prisma/migrations/20261208110000_national_rollup_keys). */
const ROLLUP_KEYS = [
  ['dossier_unit_daily', 'day'],
  ['dossier_unit_monthly', 'month'],
  ['feedback_unit_daily', 'day'],
] as const;
const SIMULATED = 'simulated province (npm run bench -- --federation)';

/** A deterministic draw in [0, 1) of a text key. */
const draw = (key: string) => `((hashtextextended(${key}, 766) & 1048575)::float8 / 1048576)`;

/**
 * One province's units over [start − 7 days, today] ($1 province, $2 start, $3 today, $4 dossiers a year): per unit its
 * daily mean, online and late shares; per day the dossiers received (none on Sundays, few on Saturdays, rounded at random
 * so that the mean holds; none before the start) and the feedback received (3 working days in 10). The series of a unit
 * is contiguous, so lag(x, k) is x of k days before.
 */
const DAYS_SQL = `
u AS (
  SELECT u.province, u.id, $4::float8 * CASE u.level WHEN 'xa' THEN 0.65 / ${COMMUNES} ELSE 0.35 / ${DEPARTMENTS} END
           / 365 * (0.3 + 1.4 * ${draw("'w' || u.province || ':' || u.id")}) AS m,
         0.3 + 0.6 * ${draw("'o' || u.province || ':' || u.id")} AS online,
         0.01 + 0.12 * ${draw("'l' || u.province || ':' || u.id")} AS late
  FROM units u WHERE u.province = $1 AND u.parent_id IS NOT NULL
),
d AS (
  SELECT u.*, g::date AS day, ${draw("u.province || ':' || u.id || ':' || g::date")} AS x,
         ${draw("'f' || u.province || ':' || u.id || ':' || g::date")} AS y, extract(isodow FROM g) AS dow
  FROM u, generate_series($2::date - 7, $3::date, interval '1 day') g
),
r AS (
  SELECT d.*,
         CASE WHEN day < $2::date THEN 0 ELSE floor(m * CASE dow WHEN 7 THEN 0 WHEN 6 THEN 0.2 ELSE 1.36 END
           * (0.5 + x) + x * 7919 - floor(x * 7919))::int END AS rec,
         (day >= $2::date AND dow < 6 AND y < 0.3)::int AS fb, y * 7919 - floor(y * 7919) < 0.12 AS fb_late
  FROM d
)`;

/**
 * The dossier roll-up. A dossier is resolved 7 days after receipt, and those resolved late were pending late for their
 * last 2 days, so every running sum of the open deltas is the (non-negative) count of dossiers still open, and
 * resolved = early + on time + late, and so on, as the roll-up triggers would have written them.
 */
const DAILY_SQL = `
WITH ${DAYS_SQL},
g AS (
  SELECT province, id AS unit_id, day, online, rec AS received,
         lag(rec, 7, 0) OVER w AS resolved,
         floor(lag(rec, 7, 0) OVER w * late)::int AS late,
         floor(lag(rec, 5, 0) OVER w * late)::int AS late_soon
  FROM r WINDOW w AS (PARTITION BY id ORDER BY day)
)
INSERT INTO dossier_unit_daily (unit_id, day, province, received, received_online, received_with_fee,
  received_paid_online, received_digitized, received_reused, resolved, resolved_early, resolved_on_time, resolved_late,
  resolved_late_apology, e_result_base, e_result_issued, rated, rated_satisfied, work_days, open_delta, open_late_delta,
  open_late_apology_delta)
SELECT unit_id, day, province, received, floor(received * online), floor(received * 0.45),
  floor(floor(received * 0.45) * 0.6), floor(received * 0.75), floor(received * 0.3),
  resolved, floor((resolved - late) * 0.55), resolved - late - floor((resolved - late) * 0.55), late,
  floor(late * 0.4), floor(resolved * 0.6), floor(floor(resolved * 0.6) * 0.85), floor(resolved * 0.35),
  floor(floor(resolved * 0.35) * 0.95), resolved * 5 + late * 3, received - resolved, late_soon - late,
  floor(late_soon * 0.4) - floor(late * 0.4)
FROM g WHERE day >= $2::date AND (received <> 0 OR resolved <> 0 OR late_soon <> 0)
ORDER BY unit_id, day`;

/** Feedback: resolved 5 days after receipt, 12 % of it after its 3-day deadline (no longer "not due" from then). */
const FEEDBACK_SQL = `
WITH ${DAYS_SQL},
g AS (
  SELECT province, id AS unit_id, day, fb,
         lag(fb, 5, 0) OVER w AS done,
         lag(fb * fb_late::int, 5, 0) OVER w AS done_late,
         lag(fb * fb_late::int, 3, 0) OVER w AS due_now
  FROM r WINDOW w AS (PARTITION BY id ORDER BY day)
)
INSERT INTO feedback_unit_daily (unit_id, day, province, resolved, resolved_on_time, open_delta, open_not_due_delta)
SELECT unit_id, day, province, done, done - done_late, fb - done, fb - (done - done_late) - due_now
FROM g WHERE day >= $2::date AND (fb <> 0 OR done <> 0 OR due_now <> 0)
ORDER BY unit_id, day`;

const MONTHLY_SQL = `
INSERT INTO dossier_unit_monthly (unit_id, month, province, received, received_online, received_with_fee,
  received_paid_online, received_digitized, received_reused, resolved, resolved_early, resolved_on_time, resolved_late,
  resolved_late_apology, e_result_base, e_result_issued, rated, rated_satisfied, work_days, open_delta, open_late_delta,
  open_late_apology_delta)
SELECT unit_id, date_trunc('month', day)::date, province, sum(received), sum(received_online), sum(received_with_fee),
  sum(received_paid_online), sum(received_digitized), sum(received_reused), sum(resolved), sum(resolved_early),
  sum(resolved_on_time), sum(resolved_late), sum(resolved_late_apology), sum(e_result_base), sum(e_result_issued),
  sum(rated), sum(rated_satisfied), sum(work_days), sum(open_delta), sum(open_late_delta), sum(open_late_apology_delta)
FROM dossier_unit_daily GROUP BY unit_id, 2, province`;

/** The national feedback roll-up by month, in one statement (its trigger, row by row, is off while generating). */
const FEEDBACK_MONTHLY_SQL = `
INSERT INTO feedback_unit_monthly (province, unit_id, month, resolved, resolved_on_time, open_delta, open_not_due_delta)
SELECT province, unit_id, date_trunc('month', day)::date, sum(resolved), sum(resolved_on_time), sum(open_delta),
  sum(open_not_due_delta)
FROM feedback_unit_daily GROUP BY 1, 2, 3`;

/** Units (root, departments, communes with 5-digit codes), targets and roll-ups of the 34 provinces, in SQL. */
async function generate(client: pg.Client, today: string, out: FederationBenchOptions['out']) {
  const started = performance.now();
  const start = addDays(today, -364);
  await client.query('ALTER TABLE feedback_unit_daily DISABLE TRIGGER feedback_unit_daily_monthly');
  for (const [index, [code, name, thousands]] of PROVINCES.entries()) {
    const t = performance.now();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO units (id, province, code, name, level, parent_id, path, depth, sort_order)
       VALUES (1, $1, $1, $2, 'tinh', NULL, '/1/', 0, 0)`,
      [code, name],
    );
    await client.query(
      `INSERT INTO units (id, province, code, name, level, parent_id, path, depth, sort_order, agency_id)
       SELECT 1 + k, $1, $1 || '.S' || lpad(k::text, 2, '0'), ($3::text[])[k] || ' ' || $2, 'so_nganh', 1,
              '/1/' || (1 + k) || '/', 1, k, '000.00.' || lpad(k::text, 2, '0') || '.H' || $1
       FROM generate_series(1, ${DEPARTMENTS}) k`,
      [code, name.replace(/^(Tỉnh|Thành phố) /, ''), DEPARTMENT_NAMES],
    );
    await client.query(
      `INSERT INTO units (id, province, code, name, level, parent_id, path, depth, sort_order)
       SELECT 1 + ${DEPARTMENTS} + k, $1, lpad((${index} * 700 + 4 + k * 6)::text, 5, '0'),
              CASE WHEN k % 4 = 0 THEN 'Phường ' ELSE 'Xã ' END || $2 || ' ' || k, 'xa', 1,
              '/1/' || (1 + ${DEPARTMENTS} + k) || '/', 1, ${DEPARTMENTS} + k
       FROM generate_series(1, ${COMMUNES}) k`,
      [code, name.replace(/^(Tỉnh|Thành phố) /, '')],
    );
    // The seed's province-wide targets (prisma/seed/load.ts), of this year and last.
    for (const year of [Number(today.slice(0, 4)) - 1, Number(today.slice(0, 4))]) {
      await client.query(
        `INSERT INTO targets (id, province, kpi, year, threshold, unit_id, level)
         SELECT ($3 - 2000) * 100 + row_number() OVER (), $1, kpi, $3, threshold, 1, level::unit_level
         FROM (VALUES ('onTime', 0.95, NULL), ('online', 0.2, 'xa'), ('online', 0.3, 'so_nganh'),
                      ('onlinePayment', $2::numeric, NULL), ('satisfaction', 0.95, NULL), ('feedbackOnTime', 0.96, NULL),
                      ('digitized', 0.8, NULL), ('eResult', 1, NULL)) t(kpi, threshold, level)`,
        [code, year >= 2025 ? 0.5 : 0.3, year],
      );
    }
    const daily = await client.query(DAILY_SQL, [code, start, today, thousands * 1000]);
    const feedback = await client.query(FEEDBACK_SQL, [code, start, today, thousands * 1000]);
    await client.query('COMMIT');
    out(
      `  ${code} ${name}: ${daily.rowCount!.toLocaleString('en')} daily + ${feedback.rowCount!.toLocaleString('en')} ` +
        `feedback rows in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  await client.query(MONTHLY_SQL);
  await client.query(FEEDBACK_MONTHLY_SQL);
  await client.query('ALTER TABLE feedback_unit_daily ENABLE ALWAYS TRIGGER feedback_unit_daily_monthly');
  await client.query(
    `INSERT INTO federated_provinces (name, province, subscription, conninfo, seen_at)
     SELECT 'sim' || p, p, 'tthc_fed_sim' || p, $2, now() FROM unnest($1::text[]) p`,
    [PROVINCES.map((p) => p[0]), SIMULATED],
  );
  await client.query('VACUUM (ANALYZE)');
  return (performance.now() - started) / 1000;
}

/** A client whose server may be stopped under it when a step fails (the step's own error is the one reported). */
async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function count(client: pg.Client, sql: string, params: unknown[] = []) {
  return Number((await client.query(sql, params)).rows[0].n);
}

export async function benchFederation(o: FederationBenchOptions) {
  const { out } = o;
  const now = new Date();
  const today = localDayOf(now);
  const nationalDir = path.join(dataDir, 'bench', 'federation-national');
  const provinceDir = path.join(dataDir, 'bench', 'federation-province');
  await stopOrphanPostmaster(nationalDir);
  await stopOrphanPostmaster(provinceDir);
  const nationalSettings = { max_sync_workers_per_subscription: 4, max_logical_replication_workers: 10 };
  const startNational = () =>
    startEmbeddedPostgres({ dir: nationalDir, port: testPort(54363), database: 'national', settings: nationalSettings });
  let national = await startNational();
  const servers: RunningPostgres[] = [national];
  try {
    // A database generated on another day, or by an earlier version of a migration, is made again: its year must end
    // today.
    const migrated = await migrate(national.url(), undefined, 'national').then(
      () => true,
      () => false,
    );
    let client = await connect(national.url());
    const madeOn = await client
      .query(`SELECT max(day)::text AS day FROM dossier_unit_daily`)
      .then((r) => r.rows[0].day as string | null)
      .catch(() => null);
    const complete =
      migrated &&
      madeOn === today &&
      (await count(client, `SELECT count(*) AS n FROM federated_provinces WHERE conninfo = $1`, [SIMULATED])) ===
        PROVINCES.length;
    if (!complete) {
      await client.end();
      await national.stop();
      fs.rmSync(nationalDir, { recursive: true, force: true });
      national = await startNational();
      servers[0] = national;
      await migrate(national.url(), undefined, 'national');
      client = await connect(national.url());
      out(`Generating ${PROVINCES.length} simulated provinces' federated tables (${nationalDir}):`);
      const seconds = await generate(client, today, out);
      out(`Generated in ${seconds.toFixed(0)} s.\n`);
    }
    // Today's keys, should a run with --compare-keys have stopped under the former ones.
    await client.query('SELECT tthc_national_rollup_keys()');
    const sizes = (
      await client.query(
        `SELECT (SELECT sum(received) FROM dossier_unit_daily WHERE day > $1::date) AS dossiers,
        (SELECT count(*) FROM units) AS units,
        (SELECT count(*) FROM units WHERE level = 'xa') AS communes,
        (SELECT count(*) FROM dossier_unit_daily) AS daily, (SELECT count(*) FROM dossier_unit_monthly) AS monthly,
        (SELECT count(*) FROM feedback_unit_daily) AS feedback,
        pg_size_pretty(pg_total_relation_size('dossier_unit_daily') + pg_total_relation_size('dossier_unit_monthly')
          + pg_total_relation_size('feedback_unit_daily')) AS size`,
        [addDays(today, -365)],
      )
    ).rows[0];
    const n = (x: unknown) => Number(x).toLocaleString('en');
    out(
      `National database: ${PROVINCES.length} simulated provinces, ${n(sizes.units)} units (${n(sizes.communes)} communes), ` +
        `${n(sizes.dossiers)} dossiers received in the last 365 days; roll-ups ${n(sizes.daily)} daily + ` +
        `${n(sizes.monthly)} monthly + ${n(sizes.feedback)} feedback rows, ${sizes.size} with indexes.\n`,
    );

    selectDatabase(national.url());
    const thisMonthStart = `${today.slice(0, 7)}-01`;
    const lastMonth = monthRange(addDays(thisMonthStart, -1));
    const year = { from: addDays(today, -364), to: today };
    const biggest = PROVINCES[0]!;
    // Each read as a page request makes it: one request store (one read of the data version, the unit histories
    // shared by its queries).
    const thisMonth = { from: thisMonthStart, to: today };
    const cases: Array<[string, () => Promise<{ rows: unknown[] }>]> = [
      ['League of provinces by score, last month', () => withRequestCache(() => getProvinceLeague(lastMonth, { now }))],
      [
        "League of provinces by score, this month so far (the pages' default)",
        () => withRequestCache(() => getProvinceLeague(thisMonth, { now })),
      ],
      ['League of provinces by score, last 365 days', () => withRequestCache(() => getProvinceLeague(year, { now }))],
      [
        'National league of communes by score, last month',
        () => withRequestCache(() => getNationalUnitLeague('xa', lastMonth, { now, compare: false })),
      ],
      [
        'National league of communes by score, this month so far',
        () => withRequestCache(() => getNationalUnitLeague('xa', thisMonth, { now, compare: false })),
      ],
      [
        'National league of communes by score, last 365 days',
        () => withRequestCache(() => getNationalUnitLeague('xa', year, { now, compare: false })),
      ],
      [
        `League of the communes of one province (${biggest[0]}, ${biggest[1]}) by score, last month`,
        () => withRequestCache(() => getNationalUnitLeague('xa', lastMonth, { now, province: biggest[0] })),
      ],
      [
        'National league of departments by on-time rate, last month',
        () => withRequestCache(() => getNationalUnitLeague('so_nganh', lastMonth, { now, kpi: 'onTime', compare: false })),
      ],
    ];
    // As the pages read them: the league of provinces and one province's units with the change since the previous
    // period, every province's units together without it (app/(dashboard)/quoc-gia/league.tsx).
    const timed = cases.filter(([label]) => !o.only || o.only.test(label));
    if (o.compareKeys) {
      // The same reads under the roll-ups' keys before 20261208110000_national_rollup_keys (the unit first), then
      // under the province-first keys again; one run, one machine state.
      const results: Array<Map<string, string>> = [];
      for (const first of ['unit_id', 'province']) {
        for (const [table, period] of ROLLUP_KEYS) {
          const key = first === 'province' ? `province, unit_id, ${period}` : `unit_id, ${period}, province`;
          await client.query(
            `ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD CONSTRAINT ${table}_pkey PRIMARY KEY (${key})`,
          );
        }
        await client.query('VACUUM (ANALYZE) dossier_unit_daily, dossier_unit_monthly, feedback_unit_daily');
        const times = new Map<string, string>();
        for (const [label, read] of timed) times.set(label, o.fmt(await o.time(read, o.runs)));
        results.push(times);
      }
      out(
        `| national read (in process, ${o.runs} runs after a warm-up) | rows | keys (unit, day, province): median | p95 | ` +
          `keys (province, unit, day): median | p95 |\n|---|---|---|---|---|---|`,
      );
      for (const [label, read] of timed) {
        const rows = (await read()).rows.length;
        out(`| ${label} | ${rows.toLocaleString('en')} | ${results[0]!.get(label)} | ${results[1]!.get(label)} |`);
      }
    } else {
      out(`| national read (in process, ${o.runs} runs after a warm-up) | rows | median | p95 |\n|---|---|---|---|`);
      for (const [label, read] of timed) {
        const rows = (await read()).rows.length;
        out(`| ${label} | ${rows.toLocaleString('en')} | ${o.fmt(await o.time(read, o.runs))} |`);
      }
    }
    if (!o.only || o.only.test('replication')) await measureReplication(o, client, national, provinceDir, servers);
    await client.end();
  } finally {
    for (const s of servers.reverse()) await s.stop().catch(() => undefined);
  }
}

const NAME = 'kontum';

/** One real province federated, a full-speed import into it, the lag sampled every second, and the catch-up. */
async function measureReplication(
  o: FederationBenchOptions,
  national: pg.Client,
  nationalServer: RunningPostgres,
  provinceDir: string,
  servers: RunningPostgres[],
) {
  const { out } = o;
  const provinceServer = await startEmbeddedPostgres({
    dir: provinceDir,
    port: testPort(54364),
    database: 'province',
    settings: walSettings('logical'),
  });
  servers.push(provinceServer);
  const url = provinceServer.url();
  await migrate(url);
  const province = await connect(url);
  try {
    if ((await count(national, `SELECT count(*) AS n FROM federated_provinces WHERE name = $1`, [NAME])) > 0) {
      await removeProvince(nationalServer.url(), NAME);
    }
    const seeded = await count(province, `SELECT count(*) AS n FROM dossiers WHERE code NOT LIKE 'IMP-%'`).catch(() => 0);
    if (Math.abs(seeded - o.provinceDossiers) > o.provinceDossiers * 0.01) {
      const r = await seedDemoData(url, {
        demo: 'kon-tum-2024',
        dossiers: o.provinceDossiers,
        seed: 766,
        until: new Date(),
        reset: true,
      });
      out(
        `\nSeeded the province (old Kon Tum, 62) with ${r.dossiers.toLocaleString('en')} dossiers in ${r.seconds.toFixed(0)} s.`,
      );
    }
    await province.query(`DELETE FROM dossiers WHERE code LIKE 'IMP-%'`);
    await province.query('VACUUM (ANALYZE) dossiers');

    const t0 = performance.now();
    const added = await addProvince(nationalServer.url(), NAME, url, { timeoutMs: 600_000 });
    const copySeconds = (performance.now() - t0) / 1000;
    const provinceCode = added.province;
    const sub = subscriptionOf(NAME);

    // The import file: the province's own dossiers under new codes (./bench-import-file, as bench's measureImport).
    const rows = Math.min(o.importRows, await count(province, `SELECT count(*) AS n FROM dossiers d WHERE ${IMPORTABLE}`));
    const file = `${provinceDir}-import.csv`;
    await writeImportCsv(province, file, rows);

    // Sampled every second: the bytes of the province's WAL not yet confirmed applied by the national side, the lag
    // its walsender reports (replay_lag: from a commit's flush on the province to the subscriber's confirmation), and
    // the age of the national side's freshness (what "số liệu đến …" shows).
    const samples: Array<{ t: number; bytes: number; lag: number | null; age: number | null }> = [];
    const sample = async () => {
      const [p, n] = await Promise.all([
        province.query(
          `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), s.confirmed_flush_lsn)::bigint AS bytes,
                  (SELECT extract(epoch FROM r.replay_lag) FROM pg_stat_replication r WHERE r.application_name = $1) AS lag
           FROM pg_replication_slots s WHERE s.slot_name = $1`,
          [sub],
        ),
        national.query(
          `SELECT extract(epoch FROM now() - latest_end_time) AS age FROM pg_stat_subscription
           WHERE subname = $1 AND worker_type = 'apply'`,
          [sub],
        ),
      ]);
      const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
      samples.push({
        t: performance.now(),
        bytes: Number(p.rows[0]?.bytes ?? 0),
        lag: num(p.rows[0]?.lag),
        age: num(n.rows[0]?.age),
      });
    };
    const started = performance.now();
    let done = false;
    const importing = o.runImportCli(file, url, rows, 'inserted').finally(() => {
      done = true;
    });
    while (!done) {
      await sample();
      await new Promise((r) => setTimeout(r, 1000));
    }
    const result = await importing;
    const ended = performance.now();
    // Catch-up: until the national rows of the province equal its own (every roll-up's sums), polled every 200 ms.
    const fingerprint = `SELECT (SELECT count(*) || ':' || sum(received) || ':' || sum(resolved) || ':' || sum(open_delta)
                                  || ':' || sum(work_days) FROM dossier_unit_daily WHERE province = $1)
                         || '/' || (SELECT count(*) || ':' || sum(received) || ':' || sum(open_late_delta)
                                  FROM dossier_unit_monthly WHERE province = $1) AS n`;
    const own = (await province.query(fingerprint, [provinceCode])).rows[0].n as string;
    let caughtUp = 0;
    for (;;) {
      const theirs = (await national.query(fingerprint, [provinceCode])).rows[0].n as string;
      if (theirs === own) {
        caughtUp = (performance.now() - ended) / 1000;
        break;
      }
      if (performance.now() - ended > 600_000) throw new Error('The national side did not catch up within 10 minutes.');
      if (samples.at(-1)!.t < performance.now() - 1000) await sample();
      await new Promise((r) => setTimeout(r, 200));
    }
    fs.rmSync(file);

    const during = samples.filter((s) => s.t <= ended);
    const pct = (xs: number[], p: number) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! : NaN;
    };
    const lags = during.map((s) => s.lag ?? 0);
    const bytes = during.map((s) => s.bytes / 2 ** 20);
    const ages = during.flatMap((s) => (s.age === null ? [] : [s.age]));
    const importSeconds = (ended - started) / 1000;
    out(
      `\nReplication: old Kon Tum (62, ${o.provinceDossiers.toLocaleString('en')} demo dossiers, wal_level=logical) added ` +
        `with \`npm run federation -- add\`'s code in ${copySeconds.toFixed(1)} s (initial copy), then ` +
        `\`npm run import\` of ${rows.toLocaleString('en')} new dossiers into it: ${importSeconds.toFixed(1)} s ` +
        `(${Math.round(rows / result.own).toLocaleString('en')} dossiers/s by the CLI's own clock), sampled every second ` +
        `(${during.length} samples).\n`,
    );
    out('| during the import | median | p95 | max |\n|---|---|---|---|');
    const row = (label: string, xs: number[], unit: string, digits: number) =>
      out(
        `| ${label} | ${pct(xs, 0.5).toFixed(digits)} ${unit} | ${pct(xs, 0.95).toFixed(digits)} ${unit} | ` +
          `${Math.max(...xs).toFixed(digits)} ${unit} |`,
      );
    row("lag (the province's walsender replay_lag)", lags, 's', 2);
    row("WAL not yet applied nationally (province's LSN − slot's confirmed)", bytes, 'MiB', 1);
    if (ages.length) row('age of the national freshness (now − latest_end_time)', ages, 's', 1);
    out(`\nCatch-up: the national rows of the province equal its own ${caughtUp.toFixed(1)} s after the import's end.`);
  } finally {
    await province.end();
    // Leave the national database as it was generated (its rows and subscription removed; the province's slot dropped).
    await removeProvince(nationalServer.url(), NAME).catch((e) => out(`(remove ${NAME}: ${String(e)})`));
  }
}
