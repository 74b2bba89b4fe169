// `npm run federation -- add NAME postgresql://user:password@host:port/db` · `status` · `resync NAME [CONNECTION]` ·
// `remove NAME`: the provinces of a national instance (TTHC_MODE=national, issue 20; lib/server/federation).
// The national database is DATABASE_URL, or the embedded one. Passwords are never printed.
import { parseArgs } from 'node:util';
import { runOnDatabase } from '../lib/db/connect';
import { env } from '../lib/env';
import * as f from '../lib/server/federation/federation';

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const [command, name, connection] = positionals;
const usage =
  'Usage: npm run federation -- add NAME postgresql://user:password@host:port/db\n' +
  '       npm run federation -- status | resync NAME [CONNECTION] | remove NAME';

if (env.TTHC_MODE !== 'national') {
  console.error('The federation commands run on a national instance: set TTHC_MODE=national.');
  process.exit(2);
}

const mb = (bytes: number | null) => (bytes === null ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const time = (t: Date | null) => (t ? t.toISOString() : '—');

await runOnDatabase(
  async (url) => {
    const progress = (p: f.CopyProgress) => console.log(`  initial copy: ${f.describeProgress(p)}`);
    if (command === 'add' && name && connection) {
      console.log(`Adding ${name} (${f.withoutPassword(connection)})…`);
      const { province } = await f.addProvince(url, name, connection, { onProgress: progress });
      console.log(`${name} (province ${province}) is federated; its changes now follow within seconds.`);
    } else if (command === 'resync' && name) {
      console.log(`Re-synchronising ${name}…`);
      const { province } = await f.resyncProvince(url, name, { onProgress: progress, provinceUrl: connection });
      console.log(`${name} (province ${province}) is copied again.`);
    } else if (command === 'remove' && name) {
      const { leftSlot } = await f.removeProvince(url, name);
      console.log(`${name} is no longer federated; its rows are deleted.`);
      if (leftSlot) {
        console.log(
          `The province could not be reached: drop its slot there with SELECT pg_drop_replication_slot('${leftSlot}');`,
        );
      }
    } else if (command === 'status') {
      const rows = await f.federationStatus(url);
      if (rows.length === 0) console.log('No province is federated yet.');
      for (const r of rows) {
        console.log(`${r.name} (province ${r.province}, ${r.conninfo})`);
        console.log(`  ${r.live ? 'live' : 'STALE'}: figures as of ${time(r.asOf)}`);
        if (r.copying) console.log(`  initial copy: ${r.copying} tables not ready`);
        if (r.applyErrors || r.syncErrors) {
          console.log(
            `  errors: ${r.applyErrors} apply, ${r.syncErrors} copy (see the national PostgreSQL's log; ` +
              'a province re-seeded or restored from a backup is copied again with `resync`)',
          );
        }
        if (r.slot) {
          const warn =
            r.slot.walStatus === 'lost'
              ? ' — LOST: resync the province'
              : r.slot.walStatus === 'unreserved'
                ? ' — about to be lost'
                : '';
          console.log(
            `  slot on the province: ${r.slot.active ? 'active' : 'inactive'}, wal ${r.slot.walStatus}${warn}, ` +
              `behind ${mb(r.slot.lagBytes)}, room left ${r.slot.safeWalSize === null ? 'unlimited' : mb(r.slot.safeWalSize)}`,
          );
        } else console.log(`  slot on the province: unknown (${r.slotError})`);
      }
    } else {
      console.error(usage);
      return 2;
    }
    return 0;
  },
  (e) => e instanceof f.FederationError,
);
