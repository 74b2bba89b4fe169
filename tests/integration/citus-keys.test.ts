// docs/scale-out/citus-keys.sql on plain PostgreSQL (docs/scale-out.md §4): applied to a seeded database, every table
// is either one of the province's (and then its primary, unique and exclusion keys and its foreign keys to the others
// carry the province: what Citus needs of a distributed table) or a reference table; the reads answer exactly as before;
// and the roll-up triggers still keep the roll-ups equal to a rebuild from the dossiers, each row with its province.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Period } from '../../lib/kpi';
import { getKpiReport, getRankings } from '../../lib/server/queries/report';
import { listOverdue } from '../../lib/server/queries/overdue';
import { findRootUnit } from '../../lib/server/queries/units';
import { seedDemoData } from '../../prisma/seed/load';
import { connect } from './helpers';

const KEYS_SQL = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/scale-out/citus-keys.sql'), 'utf8');
const NOW = new Date('2026-11-20T10:00:00+07:00');
const TODAY = '2026-11-20';
const OCTOBER: Period = { from: '2026-10-01', to: '2026-10-31' };
const YEAR: Period = { from: '2025-11-21', to: TODAY };
const H1_2025: Period = { from: '2025-01-01', to: '2025-06-30' };

/** Distributed by province on Citus, co-located with the dossiers. */
const DISTRIBUTED = [
  'units',
  'unit_successions',
  'targets',
  'dossiers',
  'feedback',
  'dossier_daily',
  'dossier_monthly',
  'dossier_unit_daily',
  'dossier_unit_monthly',
  'feedback_unit_daily',
  'import_batches',
  'users',
  'api_tokens',
  'audit_log',
  'publications',
  'data_version',
  'data_change_marks',
];
/** The national catalogue and calendar: reference tables (a copy on every node). */
const REFERENCE = ['fields', 'procedures', 'calendar_days', 'work_days', 'kpi_weights'];
/** Tables of one installation's own, left out: the federation's, and the feedback roll-up by month a national instance
 * keeps for itself (empty in a province). */
const LOCAL = ['_prisma_migrations', 'installation', 'federated_provinces', 'feedback_unit_monthly'];
const ROLLUPS = ['dossier_daily', 'dossier_monthly', 'dossier_unit_daily', 'dossier_unit_monthly'];

let client: pg.Client;

/** What the pages and the API answer for the province: KPIs, league tables of both views, late dossiers. */
async function reads() {
  const root = (await findRootUnit(TODAY))!;
  const opts = { now: NOW };
  return {
    kpiMonth: await getKpiReport(root.code, OCTOBER, opts),
    kpiYear: await getKpiReport(root.code, YEAR, opts),
    kpiHistorical: await getKpiReport('62', H1_2025, { ...opts, view: 'historical' }),
    rankings: await getRankings(root.code, 'xa', OCTOBER, opts),
    rankingsRestated: await getRankings(root.code, 'xa', H1_2025, opts),
    overdue: await listOverdue({ scopePath: root.path, unitCode: root.code, period: OCTOBER, now: NOW }),
    overdueHandler: await listOverdue({
      scopePath: root.path,
      unitCode: root.code,
      period: YEAR,
      filter: { handler: 'nguyen van' },
      now: NOW,
    }),
  };
}

/** Every roll-up row, in key order, without the province (compared before and after it is added). */
async function rollupRows() {
  const out: Record<string, unknown[]> = {};
  for (const t of ROLLUPS) {
    const { rows } = await client.query(`SELECT to_jsonb(r) - 'province' AS row FROM ${t} r ORDER BY 1`);
    out[t] = rows.map((r) => r.row);
  }
  return out;
}

const KEY_COLUMNS = new Set(['unit_id', 'procedure_id', 'day', 'month']);
/** The rows with something counted: the triggers leave a row whose changes cancelled out at zero, a rebuild has none. */
const counted = (tables: Record<string, unknown[]>) =>
  Object.fromEntries(
    Object.entries(tables).map(([t, rows]) => [
      t,
      rows.filter((r) => Object.entries(r as Record<string, number>).some(([k, v]) => !KEY_COLUMNS.has(k) && v !== 0)),
    ]),
  );

let before: Awaited<ReturnType<typeof reads>>;
let rollupsBefore: Record<string, unknown[]>;

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'quang-ngai-2025', dossiers: 20_000, seed: 5, until: NOW });
  client = await connect();
  before = await reads();
  rollupsBefore = await rollupRows();
  await client.query(KEYS_SQL); // one simple query: one transaction
}, 120_000);

afterAll(async () => {
  await client.end();
});

describe('the Citus keys on plain PostgreSQL', () => {
  test('every table is the province’s or a reference table; the province’s have the column, set to the province', async () => {
    const { rows } = await client.query(
      `SELECT c.relname AS name, a.attname IS NOT NULL AS has_province
       FROM pg_class c LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'province' AND NOT a.attisdropped
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relname <> ALL ($1)`,
      [LOCAL],
    );
    // A new table fails here until it is classified (and, if it is the province's, given the column by the keys SQL).
    expect(rows.map((r) => r.name).sort()).toEqual([...DISTRIBUTED, ...REFERENCE].sort());
    for (const r of rows) expect([r.name, r.has_province]).toEqual([r.name, DISTRIBUTED.includes(r.name)]);
    for (const t of DISTRIBUTED) {
      const { rows: values } = await client.query(`SELECT DISTINCT province FROM ${t}`);
      expect([t, values.map((v) => v.province)]).toEqual([t, values.length ? ['51'] : []]);
    }
  });

  test('every primary key, unique index and exclusion constraint of the province’s tables includes the province', async () => {
    const { rows } = await client.query(
      `SELECT t.relname AS tbl, i.relname AS idx,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'province'
                      AND a.attnum = ANY (x.indkey::int2[])) AS with_province
       FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
       WHERE t.relname = ANY ($1) AND (x.indisunique OR x.indisexclusion)`,
      [DISTRIBUTED],
    );
    expect(new Set(rows.map((r) => r.tbl))).toEqual(new Set(DISTRIBUTED)); // each has at least its primary key
    expect(rows.filter((r) => !r.with_province).map((r) => `${r.tbl}.${r.idx}`)).toEqual([]);
  });

  test('every foreign key of a province’s table includes the province on both sides, or points at a reference table', async () => {
    const { rows } = await client.query(
      `SELECT c.conname, c.conrelid::regclass::text AS src, c.confrelid::regclass::text AS dst,
              (SELECT array_agg(attname::text ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
              (SELECT array_agg(attname::text ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS ref_cols
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    );
    const wrong = rows.filter((r) => {
      if (!DISTRIBUTED.includes(r.src)) return !REFERENCE.includes(r.dst); // reference → reference only
      if (REFERENCE.includes(r.dst)) return false; // distributed → reference: allowed as it is
      // distributed → distributed: the province in the same position on both sides, so rows pair within a province.
      const i = r.cols.indexOf('province');
      return !DISTRIBUTED.includes(r.dst) || i < 0 || r.ref_cols[i] !== 'province';
    });
    expect(wrong.map((r) => `${r.conname}: ${r.src}(${r.cols}) → ${r.dst}(${r.ref_cols})`)).toEqual([]);
    // The eleven foreign keys between the province's tables are all still there.
    expect(rows.filter((r) => DISTRIBUTED.includes(r.src) && DISTRIBUTED.includes(r.dst))).toHaveLength(11);
  });

  test('the reads answer exactly as before', async () => {
    const after = await reads();
    expect(after.kpiYear.counts.received).toBeGreaterThan(1000);
    expect(after.rankings.rows).toHaveLength(96);
    expect(after.overdue.total).toBeGreaterThan(0);
    expect(after).toEqual(before);
    expect(await rollupRows()).toEqual(rollupsBefore);
  });

  test('writes: the roll-up triggers keep the roll-ups equal to a rebuild, every row with the province', async () => {
    await client.query(`INSERT INTO dossiers (code, unit_id, procedure_id, channel, received_at, deadline_at, processed_at,
                          fee, rating, supplement_count)
                        SELECT 'CITUS-' || code, unit_id, procedure_id, channel, received_at, deadline_at, processed_at,
                          fee, rating, supplement_count
                        FROM dossiers ORDER BY id LIMIT 500`);
    await client.query(`UPDATE dossiers SET processed_at = NULL WHERE code LIKE 'CITUS-%' AND id % 3 = 0`);
    await client.query(`DELETE FROM dossiers WHERE code LIKE 'CITUS-%' AND id % 5 = 0`);
    const maintained = counted(await rollupRows());
    expect(maintained).not.toEqual(counted(rollupsBefore));
    await client.query('SELECT tthc_rebuild_rollups()');
    expect(await rollupRows()).toEqual(maintained);
    for (const t of ROLLUPS) {
      const { rows } = await client.query(`SELECT DISTINCT province FROM ${t}`);
      expect([t, rows.map((r) => r.province)]).toEqual([t, ['51']]);
    }
    // A dossier code is unique within its province.
    await expect(
      client.query(`INSERT INTO dossiers (code, unit_id, procedure_id, received_at, deadline_at)
                    SELECT code, unit_id, procedure_id, received_at, deadline_at FROM dossiers LIMIT 1`),
    ).rejects.toThrow(/dossiers_code_key/);
  });
});
