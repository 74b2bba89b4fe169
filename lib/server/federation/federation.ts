// The national instance's provinces (issue 20), by PostgreSQL's own logical replication: each province publishes its
// units, successions, targets and unit-level roll-ups (never dossiers or people; no TRUNCATE, which would wipe every
// province on the national side), and the national database holds one subscription per province, whose slot on the
// province keeps what the national side has not yet received. `npm run federation` (scripts/federation.ts) runs these.
import 'server-only';
import pg from 'pg';
import { z } from 'zod';
import { FRESHNESS_SQL, type Freshness } from './freshness';

/** The publication every province has (made by `add`). */
export const PUBLICATION = 'tthc_federation';

/** A refusal with a message for the operator (no stack trace). */
export class FederationError extends Error {}

export const provinceNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a province name is lower-case letters, digits and _, starting with a letter');
export const connectionSchema = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'the connection is a URL: postgresql://user:password@host:port/database');

/** A value checked by a schema, or a FederationError with the schema's message. */
function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new FederationError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

/** The subscription (and the slot on the province) of a province name. */
export const subscriptionOf = (name: string) => `tthc_fed_${name}`;

/** A connection URL without its password: what is kept and shown. */
export function withoutPassword(connection: string): string {
  if (!URL.canParse(connection)) return '(not a URL)';
  const url = new URL(connection);
  url.password = '';
  return url.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>, connectTimeoutMs = 10_000): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  client.on('error', () => undefined); // a server going away mid-command is reported by the query that fails
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The tables a province publishes (the migration's one list). */
async function federatedTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ t: string }>('SELECT unnest(tthc_federated_tables()) AS t');
  return rows.map((r) => r.t);
}

async function requireNational(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT array_length(conkey, 1) AS n FROM pg_constraint WHERE conname = 'units_pkey' AND conrelid = 'units'::regclass`,
  );
  if (rows[0]?.n !== 2) {
    throw new FederationError('This is not a national database: run the command with TTHC_MODE=national.');
  }
}

/**
 * On the province: checks logical WAL, takes its province identity (set from its root unit in force when none is
 * set yet) and creates or updates the publication. Returns the identity.
 */
export async function preparePublication(provinceUrl: string): Promise<string> {
  return withClient(provinceUrl, async (client) => {
    const { rows: wal } = await client.query<{ wal_level: string }>('SHOW wal_level');
    if (wal[0]?.wal_level !== 'logical') {
      throw new FederationError(
        `The province's PostgreSQL runs with wal_level=${wal[0]?.wal_level}: it needs wal_level=logical ` +
          '(TTHC_WAL_LEVEL=logical for the embedded one; max_slot_wal_keep_size too, see README.md).',
      );
    }
    let { rows } = await client.query<{ province: string }>('SELECT tthc_province() AS province');
    if (rows[0]!.province === '') {
      const root = await client.query<{ code: string }>(
        'SELECT code FROM units WHERE parent_id IS NULL AND valid_to IS NULL ORDER BY sort_order, id LIMIT 1',
      );
      if (!root.rows[0]) throw new FederationError('The province has no units yet: import its units first.');
      await client.query('SELECT tthc_set_province($1)', [root.rows[0].code]);
      ({ rows } = await client.query<{ province: string }>('SELECT tthc_province() AS province'));
    }
    const tables = (await federatedTables(client)).map((t) => client.escapeIdentifier(t)).join(', ');
    const { rowCount } = await client.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [PUBLICATION]);
    // insert, update, delete — not truncate: a province's TRUNCATE (a re-seed) would empty every province's rows.
    await client.query(
      rowCount
        ? `ALTER PUBLICATION ${PUBLICATION} SET TABLE ${tables}`
        : `CREATE PUBLICATION ${PUBLICATION} FOR TABLE ${tables} WITH (publish = 'insert, update, delete')`,
    );
    return rows[0]!.province;
  });
}

/** Deletes a province's rows from the national tables. */
async function deleteProvinceRows(client: pg.Client, province: string): Promise<void> {
  await client.query('BEGIN');
  for (const t of await federatedTables(client)) {
    await client.query(`DELETE FROM ${client.escapeIdentifier(t)} WHERE province = $1`, [province]);
  }
  await client.query('COMMIT');
}

/** A subscription's tables and how far their initial copy is (pg_subscription_rel: i, d, f, s, r = ready). */
export interface CopyProgress {
  tables: Array<{ table: string; state: string }>;
  ready: number;
  /** The province's rows on the national side so far, all tables together. */
  rows: number;
}

async function copyProgress(client: pg.Client, subscription: string, province: string): Promise<CopyProgress> {
  const { rows } = await client.query<{ table: string; state: string }>(
    `SELECT c.relname AS table, r.srsubstate AS state FROM pg_subscription_rel r
     JOIN pg_subscription s ON s.oid = r.srsubid JOIN pg_class c ON c.oid = r.srrelid
     WHERE s.subname = $1 ORDER BY c.relname`,
    [subscription],
  );
  let total = 0;
  for (const r of rows) {
    const { rows: n } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${client.escapeIdentifier(r.table)} WHERE province = $1`,
      [province],
    );
    total += Number(n[0]!.n);
  }
  return {
    tables: rows,
    ready: rows.filter((r) => r.state === 'r').length,
    rows: total,
  };
}

const STATE_NAMES: Record<string, string> = { i: 'starting', d: 'copying', f: 'copied', s: 'syncing', r: 'ready' };

/** One line of copy progress, for the operator. */
export function describeProgress(p: CopyProgress): string {
  const busy = p.tables.filter((t) => t.state !== 'r').map((t) => `${t.table} ${STATE_NAMES[t.state] ?? t.state}`);
  return `${p.ready}/${p.tables.length} tables ready, ${p.rows.toLocaleString('en')} rows${busy.length ? ` (${busy.join(', ')})` : ''}`;
}

async function waitForCopy(
  client: pg.Client,
  subscription: string,
  province: string,
  onProgress: (p: CopyProgress) => void,
  timeoutMs: number,
): Promise<CopyProgress> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const p = await copyProgress(client, subscription, province);
    const line = describeProgress(p);
    if (line !== last) onProgress(p);
    last = line;
    if (p.tables.length > 0 && p.ready === p.tables.length) return p;
    const { rows } = await client.query<{ errors: string }>(
      'SELECT sync_error_count AS errors FROM pg_stat_subscription_stats WHERE subname = $1',
      [subscription],
    );
    if (Number(rows[0]?.errors ?? 0) > 0) {
      throw new FederationError(`The initial copy failed (see the national PostgreSQL's log): ${line}.`);
    }
    if (Date.now() > deadline) throw new FederationError(`The initial copy is still running: ${line}. See \`status\`.`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function subscribe(client: pg.Client, subscription: string, provinceUrl: string): Promise<void> {
  // The subscription keeps the full connection (pg_subscription is readable by superusers only); the slot is made on
  // the province, named as the subscription.
  await client.query(
    `CREATE SUBSCRIPTION ${client.escapeIdentifier(subscription)} CONNECTION ${client.escapeLiteral(provinceUrl)}
     PUBLICATION ${PUBLICATION} WITH (copy_data = true, binary = true)`,
  );
}

export interface AddOptions {
  onProgress?: (p: CopyProgress) => void;
  timeoutMs?: number;
}

/** `add`: the province's publication, the national subscription, and the initial copy until every table is ready. */
export async function addProvince(
  nationalUrl: string,
  name: string,
  provinceUrl: string,
  options: AddOptions = {},
): Promise<{ province: string; progress: CopyProgress }> {
  check(provinceNameSchema, name);
  check(connectionSchema, provinceUrl);
  const subscription = subscriptionOf(name);
  return withClient(nationalUrl, async (client) => {
    await requireNational(client);
    const taken = await client.query('SELECT 1 FROM federated_provinces WHERE name = $1', [name]);
    if (taken.rowCount) throw new FederationError(`A province named "${name}" is already federated.`);
    const province = await preparePublication(provinceUrl);
    const other = await client.query<{ name: string }>('SELECT name FROM federated_provinces WHERE province = $1', [province]);
    if (other.rows[0]) {
      throw new FederationError(`Province ${province} is already federated as "${other.rows[0].name}".`);
    }
    await deleteProvinceRows(client, province); // rows left by an earlier subscription removed without its rows
    await client.query('INSERT INTO federated_provinces (name, province, subscription, conninfo) VALUES ($1, $2, $3, $4)', [
      name,
      province,
      subscription,
      withoutPassword(provinceUrl),
    ]);
    try {
      await subscribe(client, subscription, provinceUrl);
    } catch (error) {
      await client.query('DELETE FROM federated_provinces WHERE name = $1', [name]);
      throw error;
    }
    const progress = await waitForCopy(
      client,
      subscription,
      province,
      options.onProgress ?? (() => {}),
      options.timeoutMs ?? 600_000,
    );
    return { province, progress };
  });
}

async function requireProvince(client: pg.Client, name: string) {
  const { rows } = await client.query<{ province: string; subscription: string }>(
    'SELECT province, subscription FROM federated_provinces WHERE name = $1',
    [name],
  );
  if (!rows[0]) throw new FederationError(`No federated province is named "${name}".`);
  return rows[0];
}

/**
 * Drops a subscription and its slot on the province. A province that cannot be reached keeps its slot: the
 * subscription is detached from it first, and the slot's name is returned for the province to drop
 * (`SELECT pg_drop_replication_slot('…')`) — until then max_slot_wal_keep_size bounds the WAL it holds.
 */
async function dropSubscription(client: pg.Client, subscription: string): Promise<string | null> {
  const exists = await client.query('SELECT 1 FROM pg_subscription WHERE subname = $1', [subscription]);
  if (!exists.rowCount) return null;
  const sub = client.escapeIdentifier(subscription);
  try {
    await client.query(`DROP SUBSCRIPTION ${sub}`);
    return null;
  } catch {
    await client.query(`ALTER SUBSCRIPTION ${sub} DISABLE`);
    await client.query(`ALTER SUBSCRIPTION ${sub} SET (slot_name = NONE)`);
    await client.query(`DROP SUBSCRIPTION ${sub}`);
    return subscription;
  }
}

/** The full connection of a subscription (superusers only). */
async function subscriptionConnection(client: pg.Client, subscription: string): Promise<string> {
  const { rows } = await client.query<{ conninfo: string }>(
    'SELECT subconninfo AS conninfo FROM pg_subscription WHERE subname = $1',
    [subscription],
  );
  if (!rows[0]) throw new FederationError(`The subscription ${subscription} is missing: remove the province and add it again.`);
  return rows[0].conninfo;
}

/**
 * `resync`: a province re-seeded from scratch (its rows renumbered, its slot's changes no longer matching): the
 * subscription is dropped, the province's national rows deleted, and a new subscription copies everything again.
 * `provinceUrl`: a new connection (default: the subscription's).
 */
export async function resyncProvince(
  nationalUrl: string,
  name: string,
  options: AddOptions & { provinceUrl?: string } = {},
): Promise<{ province: string; progress: CopyProgress }> {
  return withClient(nationalUrl, async (client) => {
    await requireNational(client);
    const row = await requireProvince(client, name);
    const provinceUrl = options.provinceUrl ?? (await subscriptionConnection(client, row.subscription));
    check(connectionSchema, provinceUrl);
    const province = await preparePublication(provinceUrl);
    const leftSlot = await dropSubscription(client, row.subscription);
    if (leftSlot) throw new FederationError(`The province could not be reached to drop its slot ${leftSlot}.`);
    await deleteProvinceRows(client, row.province);
    await client.query('UPDATE federated_provinces SET province = $2, conninfo = $3, seen_at = NULL WHERE name = $1', [
      name,
      province,
      withoutPassword(provinceUrl),
    ]);
    await subscribe(client, row.subscription, provinceUrl);
    const progress = await waitForCopy(
      client,
      row.subscription,
      province,
      options.onProgress ?? (() => {}),
      options.timeoutMs ?? 600_000,
    );
    return { province, progress };
  });
}

/** `remove`: the subscription (and its slot, when the province is reachable), the province's rows and its entry. */
export async function removeProvince(nationalUrl: string, name: string): Promise<{ leftSlot: string | null }> {
  return withClient(nationalUrl, async (client) => {
    await requireNational(client);
    const row = await requireProvince(client, name);
    const leftSlot = await dropSubscription(client, row.subscription);
    await deleteProvinceRows(client, row.province);
    await client.query('DELETE FROM federated_provinces WHERE name = $1', [name]);
    return { leftSlot };
  });
}

/** A province's slot as the province reports it (null: the province could not be reached). */
export interface SlotStatus {
  active: boolean;
  /** reserved, extended, unreserved (about to be lost) or lost (past max_slot_wal_keep_size: resync). */
  walStatus: string | null;
  /** Bytes of WAL the province can still write before the slot is lost (null: no limit). */
  safeWalSize: number | null;
  /** WAL written on the province that the national side has not confirmed, in bytes. */
  lagBytes: number | null;
}

export interface ProvinceStatus extends Freshness {
  subscription: string;
  conninfo: string;
  /** Errors of the apply worker and of the initial copy since the subscription was made (pg_stat_subscription_stats). */
  applyErrors: number;
  syncErrors: number;
  /** Tables not yet ready (initial copy running). */
  copying: number;
  slot: SlotStatus | null;
  /** Why the slot could not be read. */
  slotError: string | null;
}

/** `status`: every province's freshness, errors, and its slot on the province (reached with a short timeout). */
export async function federationStatus(nationalUrl: string): Promise<ProvinceStatus[]> {
  return withClient(nationalUrl, async (client) => {
    await requireNational(client);
    const fresh = (await client.query<Freshness>(FRESHNESS_SQL)).rows;
    const { rows } = await client.query<{
      name: string;
      subscription: string;
      conninfo: string;
      full: string | null;
      apply_errors: string | null;
      sync_errors: string | null;
      copying: string;
    }>(
      `SELECT f.name, f.subscription, f.conninfo, sub.subconninfo AS full,
              st.apply_error_count AS apply_errors, st.sync_error_count AS sync_errors,
              (SELECT count(*) FROM pg_subscription_rel r WHERE r.srsubid = sub.oid AND r.srsubstate <> 'r') AS copying
       FROM federated_provinces f
       LEFT JOIN pg_subscription sub ON sub.subname = f.subscription
       LEFT JOIN pg_stat_subscription_stats st ON st.subid = sub.oid`,
    );
    const byName = new Map(rows.map((r) => [r.name, r]));
    return Promise.all(
      fresh.map(async (f) => {
        const r = byName.get(f.name)!;
        let slot: SlotStatus | null = null;
        let slotError: string | null = null;
        if (r.full) {
          try {
            slot = await readSlot(r.full, r.subscription);
          } catch (error) {
            slotError = error instanceof Error ? error.message : String(error);
          }
        } else slotError = 'no subscription';
        return {
          ...f,
          subscription: r.subscription,
          conninfo: r.conninfo,
          applyErrors: Number(r.apply_errors ?? 0),
          syncErrors: Number(r.sync_errors ?? 0),
          copying: Number(r.copying),
          slot,
          slotError,
        };
      }),
    );
  });
}

async function readSlot(provinceUrl: string, slotName: string): Promise<SlotStatus | null> {
  return withClient(
    provinceUrl,
    async (client) => {
      const { rows } = await client.query<{
        active: boolean;
        wal_status: string | null;
        safe_wal_size: string | null;
        lag: string | null;
      }>(
        `SELECT active, wal_status, safe_wal_size,
                pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn) AS lag
         FROM pg_replication_slots WHERE slot_name = $1`,
        [slotName],
      );
      const s = rows[0];
      if (!s) throw new Error(`the province has no slot ${slotName}: resync it`);
      const num = (v: string | null) => (v === null ? null : Number(v));
      return { active: s.active, walStatus: s.wal_status, safeWalSize: num(s.safe_wal_size), lagBytes: num(s.lag) };
    },
    3_000,
  );
}
