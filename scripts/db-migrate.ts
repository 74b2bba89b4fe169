// `npm run db:migrate`: applies pending migrations to DATABASE_URL.
import { env, requireDatabaseUrl } from '../lib/env';
import { migrate } from '../lib/db/migrate';

const applied = await migrate(requireDatabaseUrl(), undefined, env.TTHC_MODE);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
