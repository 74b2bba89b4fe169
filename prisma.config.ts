// Prisma CLI configuration. Migrations are applied by our own runner (lib/db/migrate.ts);
// the CLI is used only for `prisma generate`, which needs no database.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
