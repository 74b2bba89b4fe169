// Starts `npm start` on a fresh embedded database for the browser tests (see playwright.config.ts).
import fs from 'node:fs';
import path from 'node:path';
import { stopOrphanPostmaster } from '../../lib/db/embedded-postgres';
import { dataDir } from '../../lib/env';

await stopOrphanPostmaster(path.join(dataDir, 'pg'));
fs.rmSync(dataDir, { recursive: true, force: true });
await import('../../scripts/start');
