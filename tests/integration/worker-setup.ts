// Gives each test file its own database, copied from the migrated template, and points DATABASE_URL at it — before
// any module reads the configuration (lib/env.ts parses it once, at its first import), as if the test process had been
// started with it.
import crypto from 'node:crypto';
import { inject } from 'vitest';

const serverUrl = inject('pgServerUrl');
const name = `tthc_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
const { createDatabaseIfMissing } = await import('../../lib/db/embedded-postgres');
await createDatabaseIfMissing(serverUrl, name, 'tthc_template');
