// `npm run bench -- [--dossiers 1000000,10000000] [--runs 30] [--no-duckdb] [--load-seconds 20]`: seeds (or reuses)
// benchmark databases and times what the pages and the API read, against the production build — one request at a time,
// then under load (autocannon); then the same province KPIs computed by DuckDB from the dossiers exported to Parquet.
// `--federation`: the national instance instead (./bench-federation.ts). Prints Markdown for BENCHMARKS.md.
// Run with the react-server condition (see package.json) so server-only modules load as they do in Next.js.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { hashToken, newToken } from '../lib/auth/secrets';
import { addDays, localDayOf, monthRange } from '../lib/calendar';
import { startEmbeddedPostgres, stopOrphanPostmaster } from '../lib/db/embedded-postgres';
import { migrate } from '../lib/db/migrate';
import { dataDir, env, testPort } from '../lib/env';
import { asOfTime, type KpiSums, type PendingMeasure, type Period, type PeriodMeasure } from '../lib/kpi';
import { seedDemoData } from '../prisma/seed/load';
import { writeImportCsv } from './bench-import-file';
import { selectDatabase } from '../lib/server/db';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '30' },
    'no-duckdb': { type: 'boolean', default: false },
    /** Only the reads whose label matches this pattern (and the exports when it matches "export"); no write/import/DuckDB. */
    only: { type: 'string' },
    /** Days the export cases cover, ending today (the default, 365, is a year of the whole province's late dossiers). */
    'export-days': { type: 'string', default: '365' },
    /** Cap the web server's V8 heap (MiB): an export that finishes under a small cap streams in bounded memory. */
    'server-heap': { type: 'string' },
    /** Seconds of each load run (autocannon, 50 connections, after a warm-up). */
    'load-seconds': { type: 'string', default: '20' },
    /** The national instance of issue 20: 34 simulated provinces' roll-ups, the national leagues, replication lag. */
    federation: { type: 'boolean', default: false },
    /** --federation: the real province's demo dossiers, and the dossiers imported into it at full speed. */
    'province-dossiers': { type: 'string', default: '300000' },
    'import-rows': { type: 'string', default: '200000' },
    /** --federation: the reads under the national roll-ups' former keys, then under today's, in one run. */
    'compare-keys': { type: 'boolean', default: false },
  },
});
const sizes = values.dossiers.split(',').map(Number);
const runs = Number(values.runs);
const PG_PORT = testPort(54336);
const WEB_PORT = testPort(3200);
const out = (line = '') => console.log(line);
/** The days of a quarter key "2025-Q1". */
const quarterPeriod = (key: string) => {
  const [y, q] = [key.slice(0, 4), Number(key.slice(6))];
  const first = `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`;
  return { from: first, to: monthRange(`${y}-${String(q * 3).padStart(2, '0')}-01`).to };
};

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { median: q(0.5), p95: q(0.95) };
};
async function time(fn: () => Promise<unknown>, n = runs) {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return stats(ms);
}
const fmt = (s: { median: number; p95: number }) => `${s.median.toFixed(1)} ms | ${s.p95.toFixed(1)} ms`;

if (values.federation) {
  const { benchFederation } = await import('./bench-federation');
  out(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.\n`,
  );
  await benchFederation({
    runs,
    only: values.only ? new RegExp(values.only, 'i') : null,
    provinceDossiers: Number(values['province-dossiers']),
    importRows: Number(values['import-rows']),
    compareKeys: values['compare-keys'],
    time,
    fmt,
    runImportCli,
    out,
  });
  process.exit(0);
}

// One process per size: the app's database client is created once per process.
if (sizes.length > 1) {
  for (const size of sizes) {
    const args = process.argv
      .slice(2)
      .filter((a, i, all) => a !== '--dossiers' && all[i - 1] !== '--dossiers' && !a.startsWith('--dossiers='));
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...args, '--dossiers', String(size)], {
      stdio: 'inherit',
    });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
  process.exit(0);
}

out(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
    `${runs} runs after a warm-up; median | p95.`,
);

for (const size of sizes) {
  const dir = path.join(dataDir, 'bench', `pg-${size}`);
  await stopOrphanPostmaster(dir);
  let server = await startEmbeddedPostgres({ dir, port: PG_PORT, database: 'bench' });
  try {
    await migrate(server.url());
  } catch (error) {
    // A benchmark database made by an earlier version of a migration: start it again from nothing.
    out(`(${error instanceof Error ? error.message : String(error)} — recreating ${dir})`);
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}-dossiers.parquet`, { force: true });
    server = await startEmbeddedPostgres({ dir, port: PG_PORT, database: 'bench' });
    await migrate(server.url());
  }
  const url = server.url();
  selectDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  out(`\n### ${size.toLocaleString('en')} dossiers\n`);
  let count = Number((await client.query('SELECT count(*) AS n FROM dossiers')).rows[0].n);
  if (Math.abs(count - size) > size * 0.01) {
    const result = await seedDemoData(url, { demo: env.TTHC_DEMO, dossiers: size, seed: 766, until: new Date(), reset: true });
    count = result.dossiers;
    out(
      `Seeded ${count.toLocaleString('en')} dossiers with their roll-ups in ${result.seconds.toFixed(1)} s ` +
        `(${Math.round(count / result.seconds).toLocaleString('en')} dossiers/s, \`npm run db:seed\`).\n`,
    );
  }
  const sizeRow = (
    await client.query(`SELECT pg_size_pretty(pg_total_relation_size('dossiers')) AS d,
    pg_size_pretty(pg_total_relation_size('dossier_daily') + pg_total_relation_size('dossier_monthly')) AS r,
    (SELECT count(*) FROM dossier_daily) AS daily, (SELECT count(*) FROM dossier_monthly) AS monthly`)
  ).rows[0];
  out(
    `Database: dossiers ${sizeRow.d} with indexes; roll-ups ${sizeRow.r} (${Number(sizeRow.daily).toLocaleString('en')} daily + ` +
      `${Number(sizeRow.monthly).toLocaleString('en')} monthly rows).\n`,
  );

  const now = new Date();
  const quarterKey = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
  const today = localDayOf(now);
  const thisMonth = { from: `${today.slice(0, 7)}-01`, to: monthRange(today).to };
  const lastMonth = monthRange(addDays(thisMonth.from, -1));
  const year = { from: addDays(today, -364), to: today };
  // Today's units (the current view) and the units of a quarter before the 2025 reorganisation (the historical view).
  const inForceOn = (alias: string) =>
    `${alias}valid_from <= $1::date AND (${alias}valid_to IS NULL OR ${alias}valid_to >= $1::date)`;
  const pick = async (level: string, day: string) =>
    (
      await client.query(
        `SELECT u.code FROM units u WHERE u.level = $2 AND ${inForceOn('u.')}
           ORDER BY (SELECT count(*) FROM units c WHERE c.path LIKE u.path || '%') DESC, u.id LIMIT 1`,
        [day, level],
      )
    ).rows[0]?.code as string | undefined;
  const root = async (day: string) =>
    (
      await client.query(
        `SELECT u.code FROM units u WHERE u.parent_id IS NULL AND ${inForceOn('u.')}
         ORDER BY (SELECT count(*) FROM units c WHERE c.path LIKE u.path || '%') DESC, u.id LIMIT 1`,
        [day],
      )
    ).rows[0].code as string;
  const province = await root(today);
  // A commune of today with the most predecessors: its restated figures are the sum of the most old units.
  const commune = (
    await client.query(
      `SELECT u.code FROM units u WHERE u.level = 'xa' AND ${inForceOn('u.')}
       ORDER BY (SELECT count(*) FROM unit_successions s WHERE s.to_unit_id = u.id) DESC, u.id LIMIT 1`,
      [today],
    )
  ).rows[0].code as string;
  // A quarter of the past: the first whole quarter a year and a half ago (before 1/7/2025 for a bench run in 2026).
  const pastDay = addDays(today, -540);
  const pastQuarter = quarterKey(pastDay);
  const pastProvince = await root(pastDay);
  const district = (await pick('huyen', pastDay)) ?? (await pick('so_nganh', today))!;
  const lateDossier = (await client.query(`SELECT code FROM dossiers WHERE outcome = 3 ORDER BY id DESC LIMIT 1`)).rows[0]
    .code as string;

  // The public month page needs a published month: last month's, published once (its record is computed as the admin's
  // button does).
  const published = lastMonth.from.slice(0, 7);
  {
    const { listPublishedMonths, publishMonth } = await import('../lib/server/queries/published');
    if (!(await listPublishedMonths()).some((m) => m.month === published)) await publishMonth(published, 'bench', true);
  }

  // The API and the pages, served by the production build, read with an admin's API token (pages take it too).
  const token = newToken();
  await client.query(`DELETE FROM api_tokens WHERE name = 'bench'`);
  await client.query(`INSERT INTO api_tokens (name, token_hash, role, created_by) VALUES ('bench', $1, 'admin', 'bench')`, [
    hashToken(token),
  ]);
  const web = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'serve.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      NODE_ENV: 'production',
      AUTH_SECRET: newToken(),
      PORT: String(WEB_PORT),
      ...(values['server-heap'] ? { NODE_OPTIONS: `--max-old-space-size=${Number(values['server-heap'])}` } : {}),
    },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; ; i++) {
      try {
        await fetch(`http://localhost:${WEB_PORT}/`);
        break;
      } catch {
        if (i > 150) throw new Error('next start did not answer');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const get = (query: string) => async () => {
      const res = await fetch(`http://localhost:${WEB_PORT}${query}`, {
        headers: { Authorization: `Bearer ${token}` },
        redirect: 'manual',
      });
      await res.text();
      if (!res.ok) throw new Error(`${query}: HTTP ${res.status}`);
    };
    const p = (x: Period) => `from=${x.from}&to=${x.to}`;
    const past = quarterPeriod(pastQuarter);
    const h = '&view=historical';
    const cases: Array<[string, string]> = [
      ['KPI, province, this month (T = now)', `/api/v1/kpi?unit=${province}&${p(thisMonth)}`],
      ['KPI, province, last month', `/api/v1/kpi?unit=${province}&${p(lastMonth)}`],
      ['KPI, province, last 365 days (T = now)', `/api/v1/kpi?unit=${province}&${p(year)}`],
      [`KPI, commune ${commune}, this month`, `/api/v1/kpi?unit=${commune}&${p(thisMonth)}`],
      [`KPI, commune ${commune}, last 365 days (restated)`, `/api/v1/kpi?unit=${commune}&${p(year)}`],
      [`KPI, commune ${commune}, ${pastQuarter} (restated)`, `/api/v1/kpi?unit=${commune}&${p(past)}`],
      [`KPI historical, province ${pastProvince}, ${pastQuarter}`, `/api/v1/kpi?unit=${pastProvince}&${p(past)}${h}`],
      [`KPI historical, district ${district}, ${pastQuarter}`, `/api/v1/kpi?unit=${district}&${p(past)}${h}`],
      ['Rankings, all communes by score, last month', `/api/v1/rankings?parent=${province}&level=xa&${p(lastMonth)}`],
      ['Rankings, all communes by score, this month', `/api/v1/rankings?parent=${province}&level=xa&${p(thisMonth)}`],
      ['Rankings, all communes by score, last 365 days', `/api/v1/rankings?parent=${province}&level=xa&${p(year)}`],
      [`Rankings, all communes by score, ${pastQuarter} (restated)`, `/api/v1/rankings?parent=${province}&level=xa&${p(past)}`],
      [
        `Rankings historical, communes of ${pastProvince} by score, ${pastQuarter}`,
        `/api/v1/rankings?parent=${pastProvince}&level=xa&${p(past)}${h}`,
      ],
      ['Overdue list, province, first page, this month', `/api/v1/overdue?unit=${province}&${p(thisMonth)}`],
      ['Overdue list, province, first page, last month', `/api/v1/overdue?unit=${province}&${p(lastMonth)}`],
      [
        'Overdue list, province, last month, field HT + resolved late + no apology',
        `/api/v1/overdue?unit=${province}&${p(lastMonth)}&field=HT&status=resolved_late&apology=no`,
      ],
      [
        'Overdue list, province, last 365 days, handler "nguyen van"',
        `/api/v1/overdue?unit=${province}&${p(year)}&handler=nguyen%20van`,
      ],
      [
        `Overdue list historical, province ${pastProvince}, first page, ${pastQuarter}`,
        `/api/v1/overdue?unit=${pastProvince}&${p(past)}${h}`,
      ],
      [
        'Overdue page GET /overdue, province, last month (whole streamed response)',
        `/overdue?unit=${province}&ky=${lastMonth.from.slice(0, 7)}`,
      ],
      ['Overview page GET / (whole streamed response)', '/'],
      ['Overview page GET /, last month', `/?ky=${lastMonth.from.slice(0, 7)}`],
      ['Overview page GET /, quarter of last month', `/?ky=${quarterKey(lastMonth.from)}`],
      ['Overview page GET /, last 12 months (custom range)', `/?ky=tuy-chon&tu=${year.from}&den=${year.to}`],
      [`Overview page GET /, ${pastQuarter} (restated)`, `/?ky=${pastQuarter}`],
      [`Overview page historical GET /, ${pastQuarter}`, `/?ky=${pastQuarter}${h}`],
      ['League table page GET /rankings, communes by score, last quarter', `/rankings?cap=xa&ky=${quarterKey(lastMonth.from)}`],
      [
        `League table page historical GET /rankings, districts by score, ${pastQuarter}`,
        `/rankings?cap=huyen&ky=${pastQuarter}${h}`,
      ],
      [
        `League table page historical GET /rankings, communes of ${district} by on-time rate, ${pastQuarter}`,
        `/rankings?cha=${district}&cap=xa&chiso=onTime&ky=${pastQuarter}${h}`,
      ],
      [`Unit page GET /units/${commune}, last month`, `/units/${commune}?ky=${lastMonth.from.slice(0, 7)}`],
      [`Unit page GET /units/${commune}, ${pastQuarter} (restated)`, `/units/${commune}?ky=${pastQuarter}`],
      [`Unit page historical GET /units/${district}, ${pastQuarter}`, `/units/${district}?ky=${pastQuarter}${h}`],
      ['Late units and officials page GET /late, province, last month', `/late?ky=${lastMonth.from.slice(0, 7)}`],
      [`Late units and officials page historical GET /late, ${pastQuarter}`, `/late?ky=${pastQuarter}${h}`],
      ['Dossier page GET /dossiers/<code>', `/dossiers/${lateDossier}`],
    ];
    const only = values.only ? new RegExp(values.only, 'i') : null;
    out('| read (HTTP, production build) | median | p95 |\n|---|---|---|');
    const results = new Map<string, { median: number; p95: number }>();
    for (const [label, query] of cases.filter(([label]) => !only || only.test(label))) {
      const r = await time(get(query));
      results.set(label, r);
      out(`| ${label} | ${fmt(r)} |`);
    }

    if (!only || only.test('export')) {
      const days = Number(values['export-days']);
      const span = { from: addDays(today, -(days - 1)), to: today };
      const cap = values['server-heap'] ? `, server heap capped at ${values['server-heap']} MiB` : '';
      out(
        `\n| export of the late dossiers, province, last ${days} days (HTTP, whole download${cap}) | rows | size | time | server RSS before → peak |\n|---|---|---|---|---|`,
      );
      for (const format of ['csv', 'xlsx'] as const) {
        const e = await measureExport(
          `http://localhost:${WEB_PORT}/api/v1/overdue?unit=${province}&${p(span)}&format=${format}`,
          token,
          web.pid!,
        );
        out(
          `| ${format.toUpperCase()} | ${e.rows === null ? '—' : e.rows.toLocaleString('en')} | ${(e.bytes / 2 ** 20).toFixed(1)} MiB | ` +
            `${(e.ms / 1000).toFixed(1)} s | ${e.rssBefore} MiB → ${e.rssPeak} MiB |`,
        );
      }
    }
    if (!only || only.test('load')) {
      const api = { Authorization: `Bearer ${token}` };
      // A reader not signed in, with a browser's Accept-Encoding: the copy the web server keeps (lib/http/page-cache.ts).
      // Its cold figure is a render: the same page asked with the token, which a copy never answers.
      const reader = { 'Accept-Encoding': 'gzip, deflate, br' };
      const loadCases: Array<[string, string, Record<string, string>, Record<string, string>]> = [
        [`Public month page GET /cong-khai/${published} (not signed in; cold: rendered)`, `/cong-khai/${published}`, reader, api],
        ['KPI JSON, province, last 365 days (T = now)', `/api/v1/kpi?unit=${province}&${p(year)}`, api, api],
        [
          'League table JSON, all communes by score, last month',
          `/api/v1/rankings?parent=${province}&level=xa&${p(lastMonth)}`,
          api,
          api,
        ],
        [
          `Unit page GET /units/${commune}, last month (not cached)`,
          `/units/${commune}?ky=${lastMonth.from.slice(0, 7)}`,
          api,
          api,
        ],
      ];
      const seconds = Number(values['load-seconds']);
      out(
        `\n| under load (autocannon, 50 connections, ${seconds} s after a 5 s warm-up; cold: the first request after a write, ` +
          `20 times; warm alone: one request at a time, median of 20) | cold median | cold p95 | warm alone | requests/s | ` +
          `p50 | p99 | errors / non-2xx |\n|---|---|---|---|---|---|---|---|`,
      );
      for (const [label, query, headers, coldHeaders] of loadCases) {
        const l = await measureLoad(client, `http://localhost:${WEB_PORT}${query}`, headers, coldHeaders, seconds);
        out(
          `| ${label} | ${l.cold.median.toFixed(0)} ms | ${l.cold.p95.toFixed(0)} ms | ${l.oneMs.toFixed(1)} ms | ` +
            `${l.warm.requests.average.toFixed(0)} | ${l.warm.latency.p50} ms | ` +
            `${l.warm.latency.p99} ms | ${l.warm.errors + l.warm.timeouts} / ${l.warm.non2xx} |`,
        );
        if (l.revalidated) {
          const r = l.revalidated;
          out(
            `| the same, revalidated (If-None-Match: 304, no body) | — | — | — | ${r.requests.average.toFixed(0)} | ` +
              `${r.latency.p50} ms | ${r.latency.p99} ms | ${r.errors + r.timeouts} / ${r.non2xx - (r['3xx'] ?? 0)} |`,
          );
        }
      }
    }
    if (only && !only.test('import')) continue; // the finally block still stops the server

    const writeCost = await measureWriteCost(client);
    const cost = (c: { without: number; with: number }) =>
      `${c.without.toFixed(0)} → ${c.with.toFixed(0)} ms (× ${(c.with / c.without).toFixed(2)})`;
    out(
      `\nWrite cost: INSERT of ${writeCost.rows.toLocaleString('en')} new dossiers without → with the roll-up trigger: ` +
        `copies of existing dossiers ${cost(writeCost.copies)}; spread over every commune, procedure and 300 days ${cost(writeCost.spread)}.`,
    );

    const imported = await measureImport(client, dir, size, url);
    const rate = (r: { seconds: number; own: number }) =>
      `${r.seconds.toFixed(1)} s, ${Math.round(imported.rows / r.seconds).toLocaleString('en')} rows/s ` +
      `(${Math.round(imported.rows / r.own).toLocaleString('en')} after start-up)`;
    out(
      `\nImport through the CLI (\`npm run import -- FILE.csv\`, a child process; times include its start-up), ` +
        `${imported.rows.toLocaleString('en')} new dossiers: **${rate(imported.first)}**; the same file again (all unchanged) ` +
        `${rate(imported.again)}; a dry run (read, parse, validate; nothing written) ${rate(imported.dry)}.`,
    );
    out(
      `\nThe same dossiers as a DongBoHoSoMC payload (\`npm run import -- FILE.json\`, ${(imported.jsonBytes / 2 ** 20).toFixed(0)} MiB, ` +
        `streamed): **${rate(imported.json)}**, peak memory of the CLI ${imported.json.peakMiB} MiB; the same file again ` +
        `${rate(imported.jsonAgain)}, peak ${imported.jsonAgain.peakMiB} MiB. (CSV: peak ${imported.first.peakMiB} MiB.)`,
    );

    if (!values['no-duckdb'] && !only) {
      const duck = await duckdbComparison(client, dir, now, year, lastMonth);
      const ours = results.get('KPI, province, last 365 days (T = now)')!;
      const oursMonth = results.get('KPI, province, last month')!;
      out(`\n| province KPI sums | ours (HTTP API) | DuckDB (in-process, Parquet) | ratio ours / DuckDB |\n|---|---|---|---|`);
      out(
        `| last 365 days, T = now | ${ours.median.toFixed(1)} ms | ${duck.year.median.toFixed(1)} ms | ${(ours.median / duck.year.median).toFixed(2)} |`,
      );
      out(
        `| last month | ${oursMonth.median.toFixed(1)} ms | ${duck.month.median.toFixed(1)} ms | ${(oursMonth.median / duck.month.median).toFixed(2)} |`,
      );
      out(`\nDuckDB's dossier sums equal ours: ${duck.agrees ? 'yes' : `NO — ${duck.difference}`}.`);
    }
  } finally {
    web.kill('SIGTERM');
    await client.end();
    await server.stop();
  }
}

/**
 * A read under load (issue 19): cold — the first request after a write (a dossier copied in and removed again: each
 * bumps the data version, so the live-read cache starts empty), 20 times, with `coldHeaders`; warm — autocannon with
 * 50 connections for `seconds` after a 5 s warm-up; and for an answer with an ETag, the same load revalidating it (304s).
 */
async function measureLoad(
  client: pg.Client,
  url: string,
  headers: Record<string, string>,
  coldHeaders: Record<string, string>,
  seconds: number,
) {
  const cold: number[] = [];
  for (let i = 0; i < 20; i++) {
    await client.query(`INSERT INTO dossiers (code, unit_id, procedure_id, channel, received_at, deadline_at)
      SELECT 'BENCH-COLD', unit_id, procedure_id, channel, received_at, deadline_at FROM dossiers ORDER BY id DESC LIMIT 1`);
    await client.query(`DELETE FROM dossiers WHERE code = 'BENCH-COLD'`);
    const t = performance.now();
    const res = await fetch(url, { headers: coldHeaders });
    await res.text();
    cold.push(performance.now() - t);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  }
  // A slow read counts in the latencies, not as an error (autocannon gives up after 10 s by default).
  const timeout = 60;
  await autocannon({ url, connections: 50, duration: 5, headers, timeout });
  const warm = await autocannon({ url, connections: 50, duration: seconds, headers, timeout });
  // One request at a time once warm: what a read costs when the server is not queueing (a cache hit for the JSON).
  const one = await time(async () => {
    const res = await fetch(url, { headers });
    await res.text();
  }, 20);
  const etag = (await fetch(url, { headers })).headers.get('etag');
  const revalidated = etag
    ? await autocannon({ url, connections: 50, duration: seconds, headers: { ...headers, 'If-None-Match': etag }, timeout })
    : null;
  return { cold: stats(cold), oneMs: one.median, warm, revalidated };
}

/** RSS in MiB of a process and its children (Linux). */
function rssMiB(pid: number): number {
  const one = (p: number) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  };
  let kb = one(pid);
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      for (const child of fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean))
        kb += one(Number(child));
    }
  } catch {
    /* not Linux */
  }
  return Math.round(kb / 1024);
}

/** Downloads an export, counting its bytes and (for CSV) rows while sampling the server's memory. */
async function measureExport(url: string, token: string, pid: number) {
  const rssBefore = rssMiB(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMiB(pid));
  }, 50);
  const t = performance.now();
  try {
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
    let bytes = 0;
    let newlines = 0;
    const csv = url.includes('format=csv');
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      if (csv) for (const b of chunk) if (b === 10) newlines++;
    }
    return {
      ms: performance.now() - t,
      bytes,
      rows: csv ? newlines - 1 : null,
      rssBefore,
      rssPeak: Math.max(rssPeak, rssMiB(pid)),
    };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * The import as the issue measures it: `npm run import -- FILE` in a child process, start-up included, on a CSV of new
 * dossiers made from existing ones under new codes (a tenth of the database, at most 1,000,000 rows: fifty batches, so
 * the first batch's reading and the last one's writing, which nothing overlaps, weigh little). A dry run first (read,
 * parse, validate: the ceiling of the database-free part), then the new rows, then the same file again (all
 * unchanged); the rows are removed again at the end.
 */
async function measureImport(client: pg.Client, dir: string, size: number, url: string) {
  const rows = Math.min(1_000_000, Math.floor(size / 10));
  const file = `${dir}-import.csv`;
  await writeImportCsv(client, file, rows);
  await client.query("SET TIME ZONE 'Asia/Ho_Chi_Minh'");
  // The same rows as the national sync payload (SPEC §4.1) a one-stop system pushes: yyyyMMddHHmmss dates, a status,
  // fees and documents in lists, and personal fields (dropped on read), one record per line of COPY output.
  const jsonFile = `${dir}-import.json`;
  const out = fs.createWriteStream(jsonFile);
  out.write('{"service":"DongBoHoSoMC","isUpdating":"False","data":[\n');
  let first = true;
  await pipeline(
    client.query(
      copyTo(`COPY (
    SELECT json_build_object('MaHoSo', 'IMJ-' || d.code, 'MaTTHC', p.code, 'TenTTHC', p.name, 'MaDonVi', u.code,
      'KenhThucHien', d.channel::text, 'ChuHoSo', 'Nguyễn Văn A', 'SoDienThoai', '0900000000', 'Email', 'a@example.vn',
      'NgayTiepNhan', to_char(d.received_at, 'YYYYMMDDHH24MISS'), 'NgayHenTra', to_char(d.due_at, 'YYYYMMDDHH24MISS'),
      'NgayKetThucXuLy', to_char(d.processed_at, 'YYYYMMDDHH24MISS'), 'NgayTra', to_char(d.returned_at, 'YYYYMMDDHH24MISS'),
      'TrangThaiHoSo', CASE WHEN d.processed_at IS NOT NULL OR d.returned_at IS NOT NULL THEN '10' ELSE '4' END,
      'DuocThanhToanTrucTuyen', COALESCE(NULLIF(d.online_payment, 0), 3)::text, 'CanBoXuLy', d.handler,
      'DanhSachLePhi', CASE WHEN d.fee IS NULL THEN '[]'::json ELSE json_build_array(json_build_object('Gia', d.fee::text)) END,
      'TaiLieuNop', json_build_array(json_build_object('TenTepDinhKem', 'to-khai.pdf', 'DuocSoHoa', d.digitized::int::text,
        'DuocTaiSuDung', '0')),
      'DanhGia', d.rating::text)
    FROM dossiers d JOIN units u ON u.id = d.unit_id JOIN procedures p ON p.id = d.procedure_id
    WHERE d.supplement_requested_at IS NULL AND d.rejected_at IS NULL AND d.withdrawn_at IS NULL AND d.code NOT LIKE 'IM%'
    ORDER BY d.id LIMIT ${rows}) TO STDOUT WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')`),
    ),
    async function* (lines: AsyncIterable<Buffer>) {
      // COPY's lines end in "\n"; records are separated by ",\n" in the array.
      let rest = '';
      for await (const chunk of lines) {
        const text = rest + chunk.toString('utf8');
        const cut = text.lastIndexOf('\n');
        rest = text.slice(cut + 1);
        if (cut < 0) continue;
        const records = text.slice(0, cut).split('\n');
        yield (first ? '' : ',\n') + records.join(',\n');
        first = false;
      }
      if (rest) yield (first ? '' : ',\n') + rest;
    },
    out,
    { end: false },
  );
  out.end('\n]}\n');
  await new Promise<void>((resolve) => out.on('finish', () => resolve()));
  await client.query('RESET TIME ZONE');
  await client.query(`DELETE FROM dossiers WHERE code LIKE 'IMP-%' OR code LIKE 'IMJ-%'`);
  const dry = await runImportCli(file, url, rows, 'dry');
  const first_ = await runImportCli(file, url, rows, 'inserted');
  const again = await runImportCli(file, url, rows, 'unchanged');
  const json = await runImportCli(jsonFile, url, rows, 'inserted');
  const jsonAgain = await runImportCli(jsonFile, url, rows, 'unchanged');
  const jsonBytes = fs.statSync(jsonFile).size;
  await client.query(`DELETE FROM dossiers WHERE code LIKE 'IMP-%' OR code LIKE 'IMJ-%'`);
  // Inserting and deleting the rows leaves the indexes half empty where they were spread (×1.6–4 at 10 M): the reads
  // of the next benchmark run on this database would be slower for it. Rebuild them (a minute or two at 10 M).
  await client.query('REINDEX TABLE dossiers');
  await client.query('VACUUM (ANALYZE) dossiers');
  fs.rmSync(file);
  fs.rmSync(jsonFile);
  return { rows, dry, first: first_, again, json, jsonAgain, jsonBytes };
}

/**
 * Runs `npm run import -- FILE` on the benchmark database and times the whole command; checks from its summary that
 * every row was inserted, unchanged or (dry run) read, with none rejected. Also returns the CLI's own figure (its time
 * after start-up).
 */
async function runImportCli(file: string, url: string, rows: number, expect: 'dry' | 'inserted' | 'unchanged') {
  const args = ['run', '--silent', 'import', '--', file, ...(expect === 'dry' ? ['--dry-run'] : [])];
  const t = performance.now();
  const child = spawn('npm', args, { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - t) / 1000;
  const count = (label: string) => Number(new RegExp(`${label}: ([\\d.]+)`).exec(stdout)?.[1]?.replaceAll('.', '') ?? NaN);
  const own = Number(/ trong ([\d.]+) s/.exec(stdout)?.[1] ?? NaN);
  const peakMiB = Number(/bộ nhớ đỉnh (\d+) MiB/.exec(stdout)?.[1] ?? NaN);
  const counted = expect === 'dry' ? count('thêm mới') : count(expect === 'inserted' ? 'thêm mới' : 'không đổi');
  if (code !== 0 || counted !== rows || count('bị từ chối') !== 0) {
    throw new Error(`npm run import ${args.slice(4).join(' ')} (${expect}): exit ${code}, expected ${rows} rows:\n${stdout}`);
  }
  return { seconds, own, peakMiB };
}

/**
 * The roll-ups' share of a write: 100,000 new dossiers INSERTed with and without the roll-up trigger (the reference
 * check, which stands for the foreign keys, runs in both), best of two, rolled back. Two sets: copies of the oldest
 * 100,000 dossiers under new codes (what an import brings: a few weeks of a province, many dossiers a day on the same
 * unit and procedure), and generated dossiers spread evenly over every commune, procedure and 300 days (nearly every
 * dossier its own roll-up row: the roll-ups' worst case).
 */
async function measureWriteCost(client: pg.Client) {
  const rows = 100_000;
  const copies = `INSERT INTO dossiers (code, unit_id, procedure_id, channel, received_at, due_at, processed_at, returned_at,
      rejected_at, withdrawn_at, supplement_requested_at, supplement_completed_at, supplement_count, fee, online_payment,
      digitized, e_result, reused_data, rating, apology_at, handler, deadline_at)
    SELECT 'BENCH-' || code, unit_id, procedure_id, channel, received_at, due_at, processed_at, returned_at,
      rejected_at, withdrawn_at, supplement_requested_at, supplement_completed_at, supplement_count, fee, online_payment,
      digitized, e_result, reused_data, rating, apology_at, handler, deadline_at
    FROM dossiers ORDER BY id LIMIT ${rows}`;
  const spread = `WITH u AS (SELECT array_agg(id) AS ids FROM units WHERE level = 'xa'),
                      p AS (SELECT array_agg(id) AS ids FROM procedures)
    INSERT INTO dossiers (code, unit_id, procedure_id, channel, received_at, deadline_at, processed_at, fee, rating)
    SELECT 'BENCH-' || g, u.ids[1 + g % cardinality(u.ids)], p.ids[1 + g % cardinality(p.ids)], 1 + g % 2,
           now() - (g % 300 + 10) * interval '1 day', now() - (g % 300 + 5) * interval '1 day',
           CASE WHEN g % 10 > 0 THEN now() - (g % 300 + 3 + g % 5) * interval '1 day' END, g % 3 * 10000, 1 + g % 3
    FROM generate_series(1, ${rows}) g, u, p`;
  const run = async (insert: string, withTrigger: boolean) => {
    await client.query('BEGIN');
    if (!withTrigger) await client.query('ALTER TABLE dossiers DISABLE TRIGGER dossiers_rollup_insert');
    const t = performance.now();
    await client.query(insert);
    const ms = performance.now() - t;
    await client.query('ROLLBACK');
    return ms;
  };
  const measure = async (insert: string) => {
    await run(insert, true); // warm-up
    const without = Math.min(await run(insert, false), await run(insert, false));
    return { without, with: Math.min(await run(insert, true), await run(insert, true)) };
  };
  return { rows, copies: await measure(copies), spread: await measure(spread) };
}

/** Exports the dossiers to Parquet once, then times DuckDB computing the province's dossier sums from them. */
async function duckdbComparison(client: pg.Client, dir: string, now: Date, year: Period, month: Period) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const csv = `${dir}-dossiers.csv`;
  const parquet = `${dir}-dossiers.parquet`;
  const workDays = `${dir}-work_days.csv`;
  if (!fs.existsSync(parquet)) {
    for (const [file, sql] of [
      [
        csv,
        `COPY (SELECT d.received_at, d.deadline_at, d.processed_at, d.returned_at, d.rejected_at, d.withdrawn_at,
               d.supplement_requested_at, d.supplement_completed_at, d.supplement_count, d.channel, d.fee, d.online_payment,
               d.digitized, d.e_result, d.reused_data, d.rating, d.apology_at, p.has_paper_result
             FROM dossiers d JOIN procedures p ON p.id = d.procedure_id) TO STDOUT WITH (FORMAT csv, HEADER)`,
      ],
      [workDays, `COPY work_days TO STDOUT WITH (FORMAT csv, HEADER)`],
    ] as const) {
      await client.query("SET TIME ZONE 'UTC'");
      await pipeline(client.query(copyTo(sql)), fs.createWriteStream(file));
    }
  }
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  if (!fs.existsSync(parquet)) {
    await duck.run(`COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${parquet}' (FORMAT parquet)`);
    fs.rmSync(csv);
  }
  await duck.run(`CREATE TABLE work_days AS SELECT * FROM read_csv('${workDays}', header = true)`);
  await duck.run(`SET TimeZone = 'UTC'`);
  /** Each dossier measure (lib/kpi PERIOD_MEASURES, PENDING_MEASURES) from the raw dossiers: a measure missing here fails the type check. */
  const duckMeasures = (p: Period, t: string, local: (x: string) => string): Record<PeriodMeasure | PendingMeasure, string> => {
    const inP = (day: string) => `${day} BETWEEN DATE '${p.from}' AND DATE '${p.to}'`;
    const received = (cond = 'true') => `count(*) FILTER (WHERE ${inP('r_day')} AND ${cond})`;
    const resolved = (cond = 'true') => `count(*) FILTER (WHERE ${inP('e_day')} AND ${cond})`;
    const pending = (cond = 'true') =>
      `count(*) FILTER (WHERE received_at <= TIMESTAMPTZ '${t}' AND (e IS NULL OR e > TIMESTAMPTZ '${t}') AND ${cond})`;
    const result = '(processed_at IS NOT NULL OR returned_at IS NOT NULL) AND has_paper_result';
    return {
      received: received(),
      receivedOnline: received('channel = 2'),
      receivedWithFee: received('fee > 0'),
      receivedPaidOnline: received('fee > 0 AND online_payment IN (1, 2)'),
      receivedDigitized: received('digitized'),
      receivedReused: received('reused_data'),
      resolved: resolved(),
      resolvedEarly: resolved(`NOT late_end AND net_day < ${local('deadline_at')}`),
      resolvedOnTime: resolved(`NOT late_end AND net_day >= ${local('deadline_at')}`),
      resolvedLate: resolved('late_end'),
      resolvedLateApology: resolved('late_end AND apology_at IS NOT NULL'),
      eResultBase: resolved(result),
      eResultIssued: resolved(`${result} AND e_result`),
      rated: resolved('rating IS NOT NULL'),
      ratedSatisfied: resolved('rating >= 2'),
      workDays: `coalesce(sum(CASE WHEN ${inP('e_day')} THEN greatest(0, processing_days) END), 0)`,
      pending: pending(),
      pendingLate: pending('late_now'),
      pendingLateApology: pending('late_now AND apology_at IS NOT NULL'),
    };
  };
  const sumsSql = (p: Period) => {
    const t = asOfTime(p, now).toISOString();
    const local = (x: string) => `CAST(((${x}) AT TIME ZONE 'UTC') + INTERVAL 7 HOUR AS DATE)`;
    return `
      WITH d AS (
        SELECT *,
          coalesce(processed_at, returned_at, rejected_at, withdrawn_at,
                   CASE WHEN supplement_completed_at IS NULL THEN supplement_requested_at END) AS e,
          coalesce(supplement_completed_at - supplement_requested_at, INTERVAL 0 SECOND) AS s
        FROM '${parquet}'
      ), k0 AS (
        SELECT *, supplement_count > 1 OR e > deadline_at + s AS late_end,
               supplement_count > 1 OR TIMESTAMPTZ '${t}' > deadline_at + s AS late_now,
               ${local('received_at')} AS r_day, ${local('e')} AS e_day, ${local('e - s')} AS net_day
        FROM d
      ), k AS (
        SELECT k0.*, wn.ordinal - wr.ordinal AS processing_days
        FROM k0 LEFT JOIN work_days wr ON wr.day = k0.r_day LEFT JOIN work_days wn ON wn.day = k0.net_day
      )
      SELECT ${Object.entries(duckMeasures(p, t, local))
        .map(([key, sql]) => `${sql} AS "${key}"`)
        .join(',\n        ')}
      FROM k`;
  };
  const read = async (p: Period) => {
    const reader = await duck.runAndReadAll(sumsSql(p));
    return reader.getRowObjectsJS()[0] as Record<string, bigint | number>;
  };
  const yearTime = await time(() => read(year), Math.min(runs, 10));
  const monthTime = await time(() => read(month), Math.min(runs, 10));

  // Cross-check: DuckDB's sums equal the roll-ups'.
  const { sumKpis } = await import('../lib/server/queries/rollups');
  const { findUnit } = await import('../lib/server/queries/units');
  const provinceCode = (await client.query(`SELECT code FROM units WHERE parent_id IS NULL`)).rows[0].code as string;
  const province = (await findUnit(provinceCode))!;
  const ours = (await sumKpis([province], year, now)).get(province.id)!;
  const theirs = await read(year);
  const differences = Object.entries(theirs)
    .filter(([k, v]) => Number(v) !== ours[k as keyof KpiSums])
    .map(([k, v]) => `${k}: DuckDB ${v}, ours ${ours[k as keyof KpiSums]}`);
  duck.closeSync();
  return { year: yearTime, month: monthTime, agrees: differences.length === 0, difference: differences.join('; ') };
}
