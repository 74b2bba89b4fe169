// `npm run db:migrate`: applies pending migrations to DATABASE_URL.
import { requireDatabaseUrl } from '../lib/env';
import { migrate } from '../lib/db/migrate';

const applied = await migrate(requireDatabaseUrl());
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
