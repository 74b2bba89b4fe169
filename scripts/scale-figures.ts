// `npm run scale-figures -- (--dossiers N | --dir DIR) [--runs 5]`: the measured figures of docs/scale-out.md — every
// table's size (heap, indexes, TOAST) and row count, bytes per dossier, roll-up rows per dossier and what the roll-up
// keys span; then a few key reads, called in process (no HTTP), timed, and each of their statements run again under
// EXPLAIN (ANALYZE, BUFFERS) for the shared buffers it touches. `--dossiers N` uses (and seeds when missing, as the bench does:
// demo province, seed 766, two years ending today) `.data/bench/pg-N`; `--dir DIR` opens an existing benchmark
// database read only: no migration, no seeding, nothing written. Prints Markdown.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { addDays, localDayOf, monthRange } from '../lib/calendar';
import { startEmbeddedPostgres, stopOrphanPostmaster } from '../lib/db/embedded-postgres';
import { listMigrations, migrate } from '../lib/db/migrate';
import { dataDir, env, testPort } from '../lib/env';
import { seedDemoData } from '../prisma/seed/load';
import { selectDatabase } from '../lib/server/db';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string' },
    dir: { type: 'string' },
    runs: { type: 'string', default: '5' },
    /** Also apply docs/scale-out/citus-keys.sql in a transaction that is rolled back: its time, the keys' new sizes. */
    keys: { type: 'boolean', default: false },
  },
});
if (!values.dossiers === !values.dir) throw new Error('Pass --dossiers N or --dir DIR.');
if (values.keys && values.dir) throw new Error('--keys writes (then rolls back): not on a database opened with --dir.');
const readOnly = Boolean(values.dir);
const dir = path.resolve(values.dir ?? path.join(dataDir, 'bench', `pg-${values.dossiers}`));
const runs = Number(values.runs);
const out = (line = '') => console.log(line);

/** Tables listed whatever their size (the others under 1 MiB are only in the total). */
const KEPT = ['dossier_unit_monthly', 'dossier_monthly', 'units', 'unit_successions', 'targets', 'procedures'];

// The statements the app's reads send (through the Prisma adapter's node-postgres client), explained afterwards.
const recorded: Array<{ text: string; values: unknown }> = [];
let recording = false;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
  if (recording && config && typeof config === 'object' && 'text' in config) {
    const { text, values } = config as { text: string; values?: unknown[] };
    if (/^\s*(SELECT|WITH)\b/i.test(text)) recorded.push({ text, values: values ?? rest[0] });
  }
  return (query as (...args: unknown[]) => unknown).apply(this, [config, ...rest]);
} as typeof query;

// A database of our own may have been left running by an interrupted run; someone else's is never stopped.
if (!readOnly) await stopOrphanPostmaster(dir);
const server = await startEmbeddedPostgres({ dir, port: testPort(54336), database: 'bench' });
try {
  const url = server.url();
  if (!readOnly) await migrate(url);
  else {
    // Read only: say when the database is behind this checkout's migrations (the reads may then fail or differ).
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const applied = new Set(
      (await check.query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL')).rows.map(
        (r) => r.migration_name as string,
      ),
    );
    await check.end();
    const pending = listMigrations().filter((m) => !applied.has(m.name));
    if (pending.length) out(`(not migrated: ${pending.map((m) => m.name).join(', ')})\n`);
  }
  selectDatabase(url);
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined); // the server stopping at the end (or after a failure) is not an error of its own
  await client.connect();
  if (!readOnly) {
    const n = Number((await client.query('SELECT count(*) AS n FROM dossiers')).rows[0].n);
    const size = Number(values.dossiers);
    if (Math.abs(n - size) > size * 0.01) {
      const r = await seedDemoData(url, { demo: env.TTHC_DEMO, dossiers: size, seed: 766, until: new Date(), reset: true });
      out(`Seeded ${r.dossiers.toLocaleString('en')} dossiers in ${r.seconds.toFixed(1)} s.\n`);
      await client.query('VACUUM ANALYZE');
    }
  }
  await sizes(client);
  await keySpans(client);
  await reads(client);
  if (values.keys) await keys(client);
  await client.end();
} finally {
  await server.stop();
}

async function sizes(client: pg.Client) {
  const { rows } = await client.query(`
    SELECT c.relname AS name, pg_table_size(c.oid) AS heap, pg_indexes_size(c.oid) AS indexes,
           coalesce(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0) AS toast, pg_total_relation_size(c.oid) AS total
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY pg_total_relation_size(c.oid) DESC`);
  const mib = (b: number) => (b / 2 ** 20).toFixed(1);
  const counts = new Map<string, number>();
  for (const r of rows) {
    counts.set(r.name, Number((await client.query(`SELECT count(*) AS n FROM ${client.escapeIdentifier(r.name)}`)).rows[0].n));
  }
  const dossiers = counts.get('dossiers')!;
  out(`Database ${dir}: ${dossiers.toLocaleString('en')} dossiers.\n`);
  out('| table | rows | rows per dossier | heap MiB (with TOAST) | indexes MiB | total MiB | bytes per dossier |');
  out('|---|---|---|---|---|---|---|');
  let total = 0;
  for (const r of rows) {
    const n = counts.get(r.name)!;
    total += Number(r.total);
    if (Number(r.total) < 2 ** 20 && !KEPT.includes(r.name)) continue;
    out(
      `| ${r.name} | ${n.toLocaleString('en')} | ${(n / dossiers).toFixed(4)} | ${mib(Number(r.heap))} | ${mib(Number(r.indexes))} | ` +
        `${mib(Number(r.total))} | ${(Number(r.total) / dossiers).toFixed(1)} |`,
    );
  }
  out(`| all tables (${rows.length}) | | | | | ${mib(total)} | ${(total / dossiers).toFixed(1)} |`);
  const db = (await client.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b;
  out(`\nDatabase size (pg_database_size, with the catalogue): ${mib(Number(db))} MiB.\n`);
  const { rows: idx } = await client.query(`
    SELECT indexrelid::regclass::text AS name, pg_relation_size(indexrelid) AS b FROM pg_index
    WHERE indrelid = 'dossiers'::regclass ORDER BY 2 DESC`);
  out(`Dossier indexes: ${idx.map((i) => `${i.name} ${mib(Number(i.b))} MiB`).join(', ')}.\n`);
}

/** What the roll-up keys span: their rows grow with units × days × procedures that have dossiers, not with dossiers. */
async function keySpans(client: pg.Client) {
  const r = (
    await client.query(`SELECT
      (SELECT count(DISTINCT unit_id) FROM dossier_unit_daily) AS units,
      (SELECT count(DISTINCT day) FROM dossier_unit_daily) AS days,
      (SELECT count(DISTINCT procedure_id) FROM dossier_daily) AS procedures,
      (SELECT count(DISTINCT month) FROM dossier_unit_monthly) AS months,
      (SELECT count(*) FROM (SELECT DISTINCT unit_id, procedure_id FROM dossier_monthly) x) AS unit_procedures,
      (SELECT count(*) FROM units) AS unit_versions`)
  ).rows[0];
  out(
    `Roll-up keys span ${r.units} units (of ${r.unit_versions} unit versions), ${r.days} days, ${r.months} months, ` +
      `${r.procedures} procedures; ${Number(r.unit_procedures).toLocaleString('en')} (unit, procedure) pairs with dossiers.\n`,
  );
}

/** A few key reads, called as the routes call them: median and p95 of `runs` after a warm-up, and their buffers. */
async function reads(client: pg.Client) {
  const { getKpiReport, getRankings } = await import('../lib/server/queries/report');
  const { listOverdue } = await import('../lib/server/queries/overdue');
  const { getDossier } = await import('../lib/server/queries/dossier');
  const today = localDayOf(new Date());
  const lastMonth = monthRange(addDays(`${today.slice(0, 7)}-01`, -1));
  const year = { from: addDays(today, -364), to: today };
  const root = (
    await client.query(`SELECT code, path FROM units WHERE parent_id IS NULL AND valid_to IS NULL ORDER BY id LIMIT 1`)
  ).rows[0] as { code: string; path: string };
  const late = (await client.query(`SELECT code FROM dossiers WHERE outcome = 3 ORDER BY id DESC LIMIT 1`)).rows[0].code;
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['KPI, province, last month', () => getKpiReport(root.code, lastMonth)],
    ['KPI, province, last 365 days', () => getKpiReport(root.code, year)],
    ['Rankings, all communes by score, last month', () => getRankings(root.code, 'xa', lastMonth)],
    ['Rankings, all communes by score, last 365 days', () => getRankings(root.code, 'xa', year)],
    [
      'Overdue list, province, first page, last month',
      () => listOverdue({ scopePath: root.path, unitCode: root.code, period: lastMonth }),
    ],
    [
      'Overdue list, province, last 365 days, handler "nguyen van"',
      () => listOverdue({ scopePath: root.path, unitCode: root.code, period: year, filter: { handler: 'nguyen van' } }),
    ],
    ['Dossier, by code', () => getDossier(late, root.path)],
  ];
  out(
    '| read (in process, no HTTP) | median | p95 | statements | shared buffers hit + read (8 KiB pages) | rows read by its scans |',
  );
  out('|---|---|---|---|---|---|');
  for (const [label, fn] of cases) {
    await fn(); // warm-up
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await fn();
      ms.push(performance.now() - t);
    }
    recorded.length = 0;
    recording = true;
    await fn();
    recording = false;
    let buffers = 0;
    let rows = 0;
    for (const q of [...recorded]) {
      const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) ${q.text}`, q.values as unknown[]))
        .rows[0]['QUERY PLAN'][0].Plan as PlanNode;
      buffers += (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);
      rows += Math.round(scannedRows(plan));
    }
    ms.sort((a, b) => a - b);
    const q = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]!;
    out(
      `| ${label} | ${q(0.5).toFixed(1)} ms | ${q(0.95).toFixed(1)} ms | ${recorded.length} | ` +
        `${buffers.toLocaleString('en')} | ${rows.toLocaleString('en')} |`,
    );
  }
}

/** docs/scale-out/citus-keys.sql applied and rolled back: how long it takes, and the sizes of the keys it rebuilds. */
async function keys(client: pg.Client) {
  const sql = fs.readFileSync(path.join(import.meta.dirname, '../docs/scale-out/citus-keys.sql'), 'utf8');
  const keySizes = `SELECT indexrelid::regclass::text AS name, pg_relation_size(indexrelid) AS b FROM pg_index
    WHERE indrelid::regclass::text IN ('dossiers', 'dossier_daily', 'dossier_monthly', 'dossier_unit_daily', 'dossier_unit_monthly')
      AND (indisunique OR indisprimary) ORDER BY 1`;
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  const old = new Map((await client.query(keySizes)).rows.map((r) => [r.name as string, Number(r.b)]));
  await client.query('BEGIN');
  const t = performance.now();
  await client.query(sql);
  const seconds = (performance.now() - t) / 1000;
  const now = (await client.query(keySizes)).rows.map((r) => `${r.name} ${mib(old.get(r.name) ?? 0)} → ${mib(Number(r.b))}`);
  await client.query('ROLLBACK');
  out(`\ndocs/scale-out/citus-keys.sql (rolled back): ${seconds.toFixed(1)} s. Keys: ${now.join(', ')}.`);
}

interface PlanNode {
  'Node Type': string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** Rows produced by the plan's scan nodes (what it read from tables and indexes). */
function scannedRows(node: PlanNode): number {
  const own = /Scan/.test(node['Node Type']) ? (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1) : 0;
  return own + (node.Plans ?? []).reduce((s, p) => s + scannedRows(p), 0);
}
