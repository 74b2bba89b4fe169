// The national instance of the browser tests (tests/e2e/national.spec.ts, issue 20): two provinces on their own
// embedded PostgreSQL with logical WAL and small demos (new Quảng Ngãi, old Kon Tum), federated into a national
// database, which `npm start` then serves with TTHC_MODE=national (see playwright.config.ts). Accounts: `quocgia`
// (national viewer, every province) and `canbo.kontum` (old Kon Tum's staff: their province only), password as the demo's.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { hashPassword } from '../../lib/auth/secrets';
import { EMBEDDED_DATABASE, embeddedPgDir } from '../../lib/db/connect';
import { livePostmasterPid, startEmbeddedPostgres, stopOrphanPostmaster, walSettings } from '../../lib/db/embedded-postgres';
import { migrate } from '../../lib/db/migrate';
import { dataDir, env, testPort } from '../../lib/env';
import { addProvince } from '../../lib/server/federation/federation';
import { DEMO_PASSWORD } from '../../prisma/seed/accounts';
import { seedDemoData, type DemoName } from '../../prisma/seed/load';

/** The provinces: federation name, demo, dossiers, PostgreSQL port. */
export const NATIONAL_PROVINCES: Array<{ name: string; demo: DemoName; dossiers: number; port: number }> = [
  { name: 'quangngai', demo: 'quang-ngai-2025', dossiers: 1500, port: testPort(54358) },
  { name: 'kontum', demo: 'kon-tum-2024', dossiers: 1500, port: testPort(54359) },
];
const say = (message: string) => console.log(`[tthc-national] ${message}`);
const dirOf = (name: string) => path.join(dataDir, name);

for (const dir of [embeddedPgDir(), ...NATIONAL_PROVINCES.map((p) => dirOf(p.name))]) await stopOrphanPostmaster(dir);
fs.rmSync(dataDir, { recursive: true, force: true });
// The provinces' servers go with this process (the national one is `npm start`'s): a fast shutdown when it exits.
process.on('exit', () => {
  for (const p of NATIONAL_PROVINCES) {
    const pid = livePostmasterPid(dirOf(p.name));
    if (pid !== null) process.kill(pid, 'SIGINT');
  }
});

const started = Date.now();
const [national, ...provinces] = await Promise.all([
  startEmbeddedPostgres({
    dir: embeddedPgDir(),
    port: env.PG_PORT,
    database: EMBEDDED_DATABASE,
    settings: { fsync: 'off', wal_retrieve_retry_interval: '500ms' },
  }),
  ...NATIONAL_PROVINCES.map((p) =>
    startEmbeddedPostgres({
      dir: dirOf(p.name),
      port: p.port,
      database: EMBEDDED_DATABASE,
      // A keepalive every 2.5 s (half the timeout): a subscription reports "live" soon after the national side starts.
      settings: { fsync: 'off', shared_buffers: '64MB', wal_sender_timeout: '5s', ...walSettings('logical', '1GB') },
    }),
  ),
]);
await Promise.all([migrate(national.url(), undefined, 'national'), ...provinces.map((p) => migrate(p.url()))]);
await Promise.all(
  provinces.map((p, i) =>
    seedDemoData(p.url(), {
      demo: NATIONAL_PROVINCES[i]!.demo,
      dossiers: NATIONAL_PROVINCES[i]!.dossiers,
      seed: i + 1,
      until: new Date(),
    }),
  ),
);
for (const [i, p] of provinces.entries()) await addProvince(national.url(), NATIONAL_PROVINCES[i]!.name, p.url());

const client = new pg.Client({ connectionString: national.url() });
await client.connect();
const [kontum] = (await client.query<{ province: string }>(`SELECT province FROM federated_provinces WHERE name = 'kontum'`))
  .rows;
const hash = await hashPassword(DEMO_PASSWORD);
await client.query(
  `INSERT INTO users (username, name, password_hash, role, province) VALUES
   ('quocgia', 'Cán bộ Văn phòng Chính phủ', $1, 'national', NULL),
   ('canbo.kontum', 'Cán bộ Văn phòng UBND tỉnh Kon Tum', $1, 'province', $2)`,
  [hash, kontum!.province],
);
await client.end();
await national.stop(); // `npm start` runs it again, with the app
say(`Two provinces federated in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

await import('../../scripts/start');
