// `npm start`: the whole dashboard on one command. Runs the embedded PostgreSQL (or migrates DATABASE_URL),
// loads the demo province on first start, builds the app once, then serves it on http://localhost:PORT.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { EMBEDDED_DATABASE, embeddedPgDir, embeddedSettings } from '../lib/db/connect';
import { AlreadyRunningError, isAlive, startEmbeddedPostgres, stopOrphanPostmaster } from '../lib/db/embedded-postgres';
import { migrate } from '../lib/db/migrate';
import { dataDir, env } from '../lib/env';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../prisma/seed/accounts';
import { seedDemoData } from '../prisma/seed/load';
import pg from 'pg';
import { addLocalMonths, localDayOf } from '../lib/calendar';

const root = path.resolve(import.meta.dirname, '..');
const lockFile = path.join(dataDir, 'server.pid');
const say = (message: string) => console.log(`[tthc] ${message}`);

function fail(message: string): never {
  console.error(`[tthc] ${message}`);
  process.exit(1);
}

// One server per data directory: a second `npm start` says so and touches nothing.
fs.mkdirSync(dataDir, { recursive: true });
const lock = `${process.pid} ${env.PORT}`;
if (fs.existsSync(lockFile)) {
  const [pid, port] = fs.readFileSync(lockFile, 'utf8').split(' ').map(Number);
  if (pid && pid !== process.pid && isAlive(pid)) {
    fail(`TTHC Monitor is already running (pid ${pid}) with data in ${dataDir}: open http://localhost:${port} or stop it first.`);
  }
}
if (!(await portIsFree(env.PORT))) {
  fail(
    `Port ${env.PORT} is already in use (another TTHC Monitor or another program). Stop it, or choose another port: PORT=3001 npm start`,
  );
}
fs.writeFileSync(lockFile, lock);
process.on('exit', () => {
  if (fs.existsSync(lockFile) && fs.readFileSync(lockFile, 'utf8') === lock) fs.rmSync(lockFile);
});

let stopDatabase: () => Promise<void> = async () => {};
let databaseUrl: string;
try {
  if (env.DATABASE_URL) {
    databaseUrl = env.DATABASE_URL;
    say('Migrating the database at DATABASE_URL (no demo data is loaded: run `npm run db:seed` for it).');
    await migrate(databaseUrl, undefined, env.TTHC_MODE);
    if (!(await hasUsers(databaseUrl)))
      say('No user yet: create the first admin with `npm run user -- --create <username> --role admin`.');
  } else {
    await stopOrphanPostmaster(embeddedPgDir()); // left running by a start that was killed
    const started = Date.now();
    const server = await startEmbeddedPostgres({
      dir: embeddedPgDir(),
      port: env.PG_PORT,
      database: EMBEDDED_DATABASE,
      settings: embeddedSettings(),
    });
    stopDatabase = server.stop;
    databaseUrl = server.url();
    say(`Embedded PostgreSQL on 127.0.0.1:${env.PG_PORT} (data in ${embeddedPgDir()}), ready in ${Date.now() - started} ms.`);
    const applied = await migrate(databaseUrl, undefined, env.TTHC_MODE);
    if (applied.length) say(`Applied migrations: ${applied.join(', ')}`);
    if (env.TTHC_MODE === 'national') {
      say('National instance: no demo data. Add provinces with `npm run federation -- add <name> <connection>`.');
    } else {
      if (await isEmpty(databaseUrl)) {
        say(`First start: loading the demo province with ${env.SEED_DOSSIERS.toLocaleString('en')} dossiers…`);
        const result = await seedDemoData(databaseUrl, {
          demo: env.TTHC_DEMO,
          dossiers: env.SEED_DOSSIERS,
          seed: 766,
          until: new Date(),
          log: say,
        });
        say(`Demo data loaded in ${result.seconds.toFixed(1)} s.`);
      }
      const accounts = await ensureDemoAccounts(databaseUrl, env.TTHC_DEMO);
      if (accounts.length) say(`Demo accounts (password "${DEMO_PASSWORD}"): ${accounts.join(', ')} — see README.md.`);
      // The last full month is published when none is: its record is computed by the app's own code (react-server).
      const lastMonth = addLocalMonths(`${localDayOf(new Date()).slice(0, 7)}-01`, -1).slice(0, 7);
      const published = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--conditions=react-server',
          path.join(root, 'scripts/publish-month.ts'),
          '--month',
          lastMonth,
          '--if-none',
          '--by',
          'system:demo',
        ],
        { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl } },
      );
      if (published.status !== 0) throw new Error('Could not publish the demo month (see above).');
    }
  }
} catch (error) {
  await stopDatabase().catch(() => undefined);
  fail(
    error instanceof AlreadyRunningError
      ? `${error.message} Another TTHC Monitor seems to be using ${dataDir}; stop it first.`
      : `Could not prepare the database: ${error instanceof Error ? error.message : String(error)}`,
  );
}

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const childEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: authSecret(),
  NODE_ENV: 'production' as const,
  NEXT_TELEMETRY_DISABLED: '1',
};

if (needsBuild()) {
  say('Building the web app (once; again only after the code changes)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit', env: childEnv });
  if (build.status !== 0) {
    await stopDatabase();
    fail('The build failed (see above).');
  }
}

// scripts/serve.ts: Next.js's handler behind a server that sets the forwarded-request headers itself.
const web = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/serve.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...childEnv, PORT: String(env.PORT) },
});
say(`TTHC Monitor: http://localhost:${env.PORT}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => web.kill('SIGTERM'));
}
web.on('exit', async (code) => {
  await stopDatabase();
  process.exit(code ?? 0);
});

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

async function hasRow(url: string, table: 'units' | 'users'): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM ${table} LIMIT 1`);
    return rowCount !== 0;
  } finally {
    await client.end();
  }
}
async function isEmpty(url: string): Promise<boolean> {
  return !(await hasRow(url, 'units'));
}

function hasUsers(url: string): Promise<boolean> {
  return hasRow(url, 'users');
}

/** AUTH_SECRET when configured, else one generated once into the data directory (never committed: .data is ignored). */
function authSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.join(dataDir, 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    say(`Generated the session secret into ${file} (set AUTH_SECRET to use your own).`);
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** A build is needed when there is none or when a source file is newer than it. */
function needsBuild(): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newer = (p: string): boolean => {
    if (!fs.existsSync(p)) return false;
    const stat = fs.statSync(p);
    if (!stat.isDirectory()) return stat.mtimeMs > builtAt;
    return fs.readdirSync(p).some((name) => name !== 'generated' && newer(path.join(p, name)));
  };
  return ['app', 'components', 'lib', 'public', 'next.config.ts', 'package-lock.json', 'prisma/schema.prisma'].some((p) =>
    newer(path.join(root, p)),
  );
}
