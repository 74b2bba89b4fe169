// `npm run db:seed`: deterministic, refuses to overwrite data unless told, all-or-nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemoData } from '../../prisma/seed/load';
import { connect } from './helpers';

const until = new Date('2026-11-20T10:00:00+07:00');
const url = () => process.env.DATABASE_URL!;
let client: Awaited<ReturnType<typeof connect>>;
beforeAll(async () => {
  client = await connect();
});
afterAll(() => client.end());

const fingerprint = async () =>
  (
    await client.query(`
  SELECT count(*)::int AS n,
         md5(string_agg(concat_ws('|', d.code, u.code, p.code, d.channel, d.received_at, d.deadline_at, d.ended_at,
           d.supplement_count, d.fee, d.online_payment, d.rating, d.apology_at, d.handler), ',' ORDER BY d.code)) AS hash
  FROM dossiers d JOIN units u ON u.id = d.unit_id JOIN procedures p ON p.id = d.procedure_id`)
  ).rows[0];

describe('seedDemoData', () => {
  test('loads the catalogues, the calendar, targets, feedback and dossiers', async () => {
    const result = await seedDemoData(url(), { demo: 'kon-tum-2024', dossiers: 3_000, seed: 5, until });
    expect(result.dossiers).toBeGreaterThan(2_990);
    const counts = (
      await client.query(`SELECT
      (SELECT count(*) FROM units)::int AS units, (SELECT count(*) FROM procedures)::int AS procedures,
      (SELECT count(*) FROM calendar_days)::int AS calendar, (SELECT count(*) FROM targets)::int AS targets,
      (SELECT count(*) FROM feedback)::int AS feedback, (SELECT count(*) FROM dossiers)::int AS dossiers`)
    ).rows[0];
    expect(counts.units).toBeGreaterThan(120);
    expect(counts.procedures).toBeGreaterThanOrEqual(30);
    expect(counts.calendar).toBeGreaterThan(80);
    expect(counts.targets).toBeGreaterThan(0);
    expect(counts.feedback).toBeGreaterThan(0);
    expect(counts.dossiers).toBe(result.dossiers);
    // Every subtree query relies on the materialised path.
    const bad = await client.query(
      `SELECT c.code FROM units c JOIN units p ON p.id = c.parent_id WHERE c.path <> p.path || c.id || '/'`,
    );
    expect(bad.rows).toEqual([]);
  });

  test('refuses a database that already has data', async () => {
    const before = await fingerprint();
    await expect(seedDemoData(url(), { demo: 'kon-tum-2024', dossiers: 100, seed: 1, until })).rejects.toThrow(/--reset/);
    expect(await fingerprint()).toEqual(before);
  });

  test('the same seed gives the same data; --reset replaces it', async () => {
    const first = await fingerprint();
    await seedDemoData(url(), { demo: 'kon-tum-2024', dossiers: 3_000, seed: 5, until, reset: true });
    expect(await fingerprint()).toEqual(first);
    await seedDemoData(url(), { demo: 'kon-tum-2024', dossiers: 3_000, seed: 6, until, reset: true });
    expect((await fingerprint()).hash).not.toBe(first.hash);
  });
});
