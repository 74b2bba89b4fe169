// The migration runner: Prisma-compatible bookkeeping, idempotent, refuses edited history, all-or-nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabaseIfMissing } from '../../lib/db/embedded-postgres';
import { MIGRATIONS_DIR, listMigrations, migrate } from '../../lib/db/migrate';
import { connect, databaseUrl } from './helpers';

const name = `tthc_test_migrate_${crypto.randomBytes(3).toString('hex')}`;
let url: string;
beforeAll(async () => {
  const server = databaseUrl('postgres');
  await createDatabaseIfMissing(server, name);
  url = databaseUrl(name);
});
afterAll(async () => {
  const admin = await connect(databaseUrl('postgres'));
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('migrate', () => {
  test('applies every migration to an empty database and records it as Prisma does', async () => {
    const applied = await migrate(url);
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => fs.existsSync(path.join(MIGRATIONS_DIR, f, 'migration.sql')))
      .sort();
    expect(applied).toEqual(files);
    const client = await connect(url);
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(files);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(crypto.createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  test('a second run applies nothing', async () => {
    expect(await migrate(url)).toEqual([]);
  });

  test('an applied migration whose file changed is refused', async () => {
    const edited = listMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'x'.repeat(64) } : m));
    await expect(migrate(url, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  test('a failing migration leaves no trace', async () => {
    const broken = [
      ...listMigrations(),
      { name: '29991231000000_broken', sql: 'CREATE TABLE half_done (id int); SELECT 1/0;', checksum: 'b'.repeat(64) },
    ];
    await expect(migrate(url, broken)).rejects.toThrow(/29991231000000_broken failed: division by zero/);
    const client = await connect(url);
    const table = await client.query(`SELECT to_regclass('half_done') AS t`);
    const row = await client.query(`SELECT 1 FROM _prisma_migrations WHERE migration_name = '29991231000000_broken'`);
    await client.end();
    expect(table.rows[0].t).toBeNull();
    expect(row.rowCount).toBe(0);
  });
});

describe('database constraints', () => {
  let client: Awaited<ReturnType<typeof connect>>;
  beforeAll(async () => {
    client = await connect(url);
    await client.query(`INSERT INTO units (code, name, level, path, depth) VALUES ('62', 'UBND tỉnh', 'tinh', '/1/', 0)`);
    await client.query(`INSERT INTO fields (code, name) VALUES ('HT', 'Hộ tịch')`);
    await client.query(
      `INSERT INTO procedures (code, name, field_id, processing_time, time_unit) VALUES ('1.001193', 'Đăng ký khai sinh', 1, 1, 'ngay_lam_viec')`,
    );
  });
  afterAll(() => client.end());

  const insert = (values: string) =>
    client.query(
      `INSERT INTO dossiers (code, unit_id, procedure_id, received_at, deadline_at, fee, processed_at, supplement_requested_at, supplement_completed_at, channel, rating)
     VALUES ${values}`,
    );

  test.each([
    [
      'negative fee',
      `('A1', 1, 1, '2025-03-10T09:00+07', '2025-03-11T23:59+07', -1, NULL, NULL, NULL, 1, NULL)`,
      /dossiers_fee_non_negative/,
    ],
    [
      'end before received',
      `('A2', 1, 1, '2025-03-10T09:00+07', '2025-03-11T23:59+07', 0, '2025-03-09T09:00+07', NULL, NULL, 1, NULL)`,
      /dossiers_processed_after_received/,
    ],
    [
      'supplement done before asked',
      `('A3', 1, 1, '2025-03-10T09:00+07', '2025-03-11T23:59+07', 0, NULL, '2025-03-10T10:00+07', '2025-03-10T09:30+07', 1, NULL)`,
      /dossiers_supplement_completed_after_request/,
    ],
    [
      'unknown channel',
      `('A4', 1, 1, '2025-03-10T09:00+07', '2025-03-11T23:59+07', 0, NULL, NULL, NULL, 4, NULL)`,
      /dossiers_channel_valid/,
    ],
    [
      'rating out of range',
      `('A5', 1, 1, '2025-03-10T09:00+07', '2025-03-11T23:59+07', 0, NULL, NULL, NULL, 1, 4)`,
      /dossiers_rating_valid/,
    ],
  ])('refuses %s', async (_name, values, error) => {
    await expect(insert(values)).rejects.toThrow(error);
  });

  test('derives E, D + S and the outcome (SPEC §2) in the database', async () => {
    // B1 waits for a supplement: ended at the request, early. B2: a 2-day supplement pause; finished 2 days after the
    // due, which is the due day once the pause is taken off: on time. B3: early. B4: two supplements: late although early.
    await insert(`('B1', 1, 1, '2025-03-10T09:00+07', '2025-03-14T23:59:59.999+07', 0, NULL, '2025-03-11T09:00+07', NULL, 1, NULL),
                  ('B2', 1, 1, '2025-03-10T09:00+07', '2025-03-14T23:59:59.999+07', 0, '2025-03-16T10:00+07', '2025-03-11T09:00+07', '2025-03-13T09:00+07', 1, NULL),
                  ('B3', 1, 1, '2025-03-10T09:00+07', '2025-03-14T23:59:59.999+07', 0, '2025-03-13T10:00+07', NULL, NULL, 1, NULL)`);
    await client.query(`INSERT INTO dossiers (code, unit_id, procedure_id, received_at, deadline_at, processed_at, supplement_count)
                        VALUES ('B4', 1, 1, '2025-03-10T09:00+07', '2025-03-14T23:59:59.999+07', '2025-03-11T10:00+07', 2)`);
    const { rows } = await client.query(
      `SELECT code, ended_at, late_after, outcome FROM dossiers WHERE code LIKE 'B%' ORDER BY code`,
    );
    expect(rows.map((r) => [r.code, r.ended_at?.toISOString() ?? null, r.outcome])).toEqual([
      ['B1', '2025-03-11T02:00:00.000Z', 1],
      ['B2', '2025-03-16T03:00:00.000Z', 2],
      ['B3', '2025-03-13T03:00:00.000Z', 1],
      ['B4', '2025-03-11T03:00:00.000Z', 3],
    ]);
    expect(rows[1].late_after.toISOString()).toBe('2025-03-16T16:59:59.999Z'); // D + 2 days
  });

  test('a dossier must refer to an existing unit, procedure and import, checked once per statement', async () => {
    const refused = async (sql: string, constraint: string) => {
      const error = await client.query(sql).then(
        () => null,
        (e: { code?: string; message: string }) => e,
      );
      expect(error?.code).toBe('23503'); // foreign_key_violation, as a foreign key reports it
      expect(error?.message).toContain(constraint);
    };
    await refused(
      `INSERT INTO dossiers (code, unit_id, procedure_id, received_at, deadline_at)
                   VALUES ('R1', 1, 1, '2025-03-10T09:00+07', '2025-03-11T23:59+07'), ('R2', 999, 1, '2025-03-10T09:00+07', '2025-03-11T23:59+07')`,
      'dossiers_unit_id_fkey',
    );
    await refused(
      `INSERT INTO dossiers (code, unit_id, procedure_id, received_at, deadline_at)
                   VALUES ('R3', 1, 999, '2025-03-10T09:00+07', '2025-03-11T23:59+07')`,
      'dossiers_procedure_id_fkey',
    );
    await client.query(`INSERT INTO dossiers (code, unit_id, procedure_id, received_at, deadline_at)
                        VALUES ('R4', 1, 1, '2025-03-10T09:00+07', '2025-03-11T23:59+07')`);
    await refused(`UPDATE dossiers SET import_batch_id = 999 WHERE code = 'R4'`, 'dossiers_import_batch_id_fkey');
    expect((await client.query(`SELECT code FROM dossiers WHERE code LIKE 'R%'`)).rows).toEqual([{ code: 'R4' }]);

    // The referenced rows cannot be deleted while dossiers refer to them; once no dossier does, they can.
    await client.query(`INSERT INTO import_batches (kind, source) VALUES ('dossiers', 'test')`);
    await client.query(`UPDATE dossiers SET import_batch_id = (SELECT max(id) FROM import_batches) WHERE code = 'R4'`);
    await refused(`DELETE FROM procedures WHERE id = 1`, 'dossiers_procedure_id_fkey');
    await refused(`DELETE FROM units WHERE id = 1`, 'dossiers_unit_id_fkey');
    await refused(`DELETE FROM import_batches`, 'dossiers_import_batch_id_fkey');
    await client.query(`DELETE FROM dossiers WHERE code = 'R4'`);
    await client.query(`DELETE FROM import_batches`);
  });

  test('a unit that an uncommitted statement refers to is locked against deletion, as a foreign key locks it', async () => {
    await client.query(`INSERT INTO units (code, name, level, path, depth) VALUES ('62999', 'Xã thử', 'xa', '/1/9/', 1)`);
    const other = await connect(url);
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO dossiers (code, unit_id, procedure_id, received_at, deadline_at)
                          VALUES ('L1', (SELECT id FROM units WHERE code = '62999'), 1, '2025-03-10T09:00+07', '2025-03-11T23:59+07')`);
      await other.query(`SET lock_timeout = '300ms'`);
      await expect(other.query(`DELETE FROM units WHERE code = '62999'`)).rejects.toThrow(/lock timeout/);
      await client.query('ROLLBACK');
      await other.query(`DELETE FROM units WHERE code = '62999'`); // nothing refers to it any more
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await other.end();
    }
  });

  test('the audit log is append-only', async () => {
    await client.query(`INSERT INTO audit_log (actor, action) VALUES ('test', 'check')`);
    await expect(client.query(`UPDATE audit_log SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});
