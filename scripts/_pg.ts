import { startEmbeddedPostgres } from '../lib/db/embedded-postgres';
const s = await startEmbeddedPostgres({ dir: '.data/scratch/pg', port: 54390, database: 'scratch' });
console.log('up', s.url());
setInterval(() => {}, 1 << 30);
