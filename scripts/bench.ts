// `npm run bench -- [--dossiers N] [--runs K]`: seeds (or reuses) a benchmark database and times what the pages read.
// Run with the react-server condition (see package.json) so server-only modules load as they do in Next.js.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startEmbeddedPostgres, stopOrphanPostmaster } from '../lib/db/embedded-postgres';
import { migrate } from '../lib/db/migrate';
import { dataDir } from '../lib/env';
import { addLocalMonths } from '../lib/calendar';
import { seedDemoData } from '../prisma/seed/load';

const { values } = parseArgs({ options: { dossiers: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '30' } } });
const dossiers = Number(values.dossiers);
const runs = Number(values.runs);
const BENCH_PORT = 54336;
const WEB_PORT = 3200;

const dir = path.join(dataDir, 'bench', `pg-${dossiers}`);
await stopOrphanPostmaster(dir);
const server = await startEmbeddedPostgres({ dir, port: BENCH_PORT, database: 'bench' });
const url = server.url();
process.env.DATABASE_URL = url;
await migrate(url);

const client = new pg.Client({ connectionString: url });
await client.connect();
const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers');
if (Math.abs(rows[0]!.n - dossiers) > dossiers * 0.01) {
  console.log(`Seeding ${dossiers.toLocaleString('en')} dossiers…`);
  const result = await seedDemoData(url, { dossiers, seed: 766, until: new Date(), reset: true });
  console.log(`| seed | ${result.dossiers.toLocaleString('en')} dossiers | ${result.seconds.toFixed(1)} s | ${Math.round(result.dossiers / result.seconds).toLocaleString('en')} dossiers/s |`);
} else {
  console.log(`Reusing ${rows[0]!.n.toLocaleString('en')} dossiers in ${dir}.`);
}
await client.end();

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return `median ${q(0.5).toFixed(1)} ms | p95 ${q(0.95).toFixed(1)} ms`;
};
async function time(label: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  console.log(`| ${label} | ${stats(ms)} |`);
}

const { getOverview, currentMonth } = await import('../lib/server/queries/overview');
const month = currentMonth();
const lastYear = addLocalMonths(`${month}-01`, -12).slice(0, 7);
console.log(`\n| read (${dossiers.toLocaleString('en')} dossiers, ${runs} runs) | time |\n|---|---|`);
await time(`getOverview, current month (${month})`, () => getOverview(month));
await time(`getOverview, a past month (${lastYear})`, () => getOverview(lastYear));

// The page itself, served by the production build.
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const web = spawn(process.execPath, [nextBin, 'start', '--port', String(WEB_PORT)], {
  env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'production' }, stdio: 'ignore',
});
try {
  for (let i = 0; ; i++) {
    try { await fetch(`http://localhost:${WEB_PORT}/`); break; } catch { if (i > 100) throw new Error('next start did not answer'); }
    await new Promise((r) => setTimeout(r, 200));
  }
  const page = (query: string) => async () => {
    const res = await fetch(`http://localhost:${WEB_PORT}/${query}`);
    await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  };
  await time('GET / (overview page, whole response)', page(''));
  await time(`GET /?month=${lastYear}`, page(`?month=${lastYear}`));
} finally {
  web.kill('SIGTERM');
  await server.stop();
}
