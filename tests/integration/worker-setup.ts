// Gives each test file its own database, copied from the migrated template, and points DATABASE_URL at it.
import crypto from 'node:crypto';
import { inject } from 'vitest';
import { createDatabaseIfMissing } from '../../lib/db/embedded-postgres';

const serverUrl = inject('pgServerUrl');
const name = `tthc_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
await createDatabaseIfMissing(serverUrl, name, 'tthc_template');
const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
