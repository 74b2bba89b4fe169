// Configuration, checked once. Nothing else reads process.env (STYLE.md).
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** An existing PostgreSQL (≥ 15). When absent, `npm start` runs the embedded one under TTHC_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  /** Port of the web server. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Port of the embedded PostgreSQL. */
  PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** Where the embedded PostgreSQL keeps its files, and other local state. */
  TTHC_DATA_DIR: z.string().min(1).default('.data'),
  /** Signs the session cookies (≥ 32 characters). `npm start` generates one into TTHC_DATA_DIR when it is not set. */
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must have at least 32 characters').optional(),
  /** Demo dossiers loaded into a new embedded database. */
  SEED_DOSSIERS: z.coerce.number().int().min(0).default(300_000),
  /**
   * The demo's units (prisma/seed/load.ts): new Quảng Ngãi across the 2025 reorganisation, or old Kon Tum's three levels
   * (what the browser tests were written on).
   */
  TTHC_DEMO: z.enum(['quang-ngai-2025', 'kon-tum-2024']).default('quang-ngai-2025'),
  /** Added to the fixed ports of the tests and the benchmark, so two checkouts can run them at the same time. */
  TTHC_TEST_PORT_OFFSET: z.coerce.number().int().min(0).max(1000).default(0),
  /**
   * Whether a reverse proxy in front of the app sets X-Forwarded-For/-Host/-Proto (it must overwrite what clients send).
   * Off: those headers are ignored, the client is the socket's address and the site is the Host header over plain HTTP.
   */
  TRUST_PROXY: z
    .enum(['0', '1', 'false', 'true'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /**
   * A province's own dashboard, or the national one built from the provinces' figures by logical replication
   * (`npm run federation`, issue 20): the national database's keys hold the province.
   */
  TTHC_MODE: z.enum(['province', 'national']).default('province'),
  /**
   * WAL level of the embedded PostgreSQL: `minimal` lets bulk loads skip WAL; a province that a national instance
   * subscribes to needs `logical`.
   */
  TTHC_WAL_LEVEL: z.enum(['minimal', 'logical']).default('minimal'),
  /** With logical WAL: the most WAL a replication slot may hold back (a national instance offline for long), `-1` none. */
  TTHC_MAX_SLOT_WAL_KEEP_SIZE: z
    .string()
    .regex(/^(-1|\d+(kB|MB|GB|TB))$/, 'TTHC_MAX_SLOT_WAL_KEEP_SIZE is -1 or a size such as 20GB')
    .default('20GB'),
  /** Chromium used by the browser tests. */
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const env: Env = load();

/** Absolute path of the local data directory. */
export const dataDir = path.resolve(env.TTHC_DATA_DIR);

/** The database URL the app must use; set by `npm start` when it runs the embedded database. */
export function requireDatabaseUrl(): string {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides it.');
  return env.DATABASE_URL;
}

/** A port of the tests or the benchmark, moved by TTHC_TEST_PORT_OFFSET. */
export const testPort = (port: number) => port + env.TTHC_TEST_PORT_OFFSET;

/** The secret that signs sessions; set by `npm start` (generated into the data directory when not configured). */
export function requireAuthSecret(): string {
  if (!env.AUTH_SECRET) throw new Error('AUTH_SECRET is not set: start the app with `npm start`, which provides it.');
  return env.AUTH_SECRET;
}
