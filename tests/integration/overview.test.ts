// The overview's numbers equal direct SQL counts over the same demo data.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { endOfLocalDay, startOfLocalDay, monthRange } from '../../lib/calendar';
import { getOverview } from '../../lib/server/queries/overview';
import { seedDemoData } from '../../prisma/seed/load';
import { connect } from './helpers';

const now = new Date('2026-11-20T10:00:00+07:00');
let client: Awaited<ReturnType<typeof connect>>;

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { dossiers: 20_000, seed: 42, until: now });
  client = await connect();
});
afterAll(() => client.end());

async function sqlCounts(month: string, pathPrefix = '/') {
  const { from, to } = monthRange(`${month}-01`);
  const start = startOfLocalDay(from);
  const end = new Date(endOfLocalDay(to).getTime() + 1);
  const asOf = new Date(Math.min(end.getTime() - 1, now.getTime()));
  const { rows } = await client.query(
    `SELECT
       count(*) FILTER (WHERE received_at >= $1 AND received_at < $2)::int AS received,
       count(*) FILTER (WHERE ended_at >= $1 AND ended_at < $2)::int AS resolved,
       count(*) FILTER (WHERE ended_at >= $1 AND ended_at < $2 AND outcome IN (1, 2))::int AS "resolvedOnTime",
       count(*) FILTER (WHERE received_at <= $3 AND (ended_at IS NULL OR ended_at > $3))::int AS pending,
       count(*) FILTER (WHERE received_at <= $3 AND (ended_at IS NULL OR ended_at > $3) AND late_after < $3)::int AS "pendingLate"
     FROM dossiers d JOIN units u ON u.id = d.unit_id
     WHERE u.path LIKE $4 || '%'`,
    [start, end, asOf, pathPrefix]);
  const r = rows[0];
  const numerator = r.resolvedOnTime + r.pending - r.pendingLate;
  const denominator = r.resolved + r.pending;
  return { ...r, onTime: { numerator, denominator, value: denominator ? numerator / denominator : null } };
}

describe('getOverview', () => {
  test.each(['2026-11', '2026-06', '2025-02'])('totals of %s equal direct SQL counts', async (month) => {
    const overview = await getOverview(month, now);
    const expected = await sqlCounts(month);
    expect(overview.totals).toEqual(expected);
    expect(expected.received).toBeGreaterThan(100);
    expect(expected.resolved).toBeGreaterThan(100);
  });

  test('the current month has pending and late dossiers, and T is now', async () => {
    const overview = await getOverview('2026-11', now);
    expect(overview.asOf.getTime()).toBe(now.getTime());
    expect(overview.totals.pending).toBeGreaterThan(0);
    expect(overview.totals.pendingLate).toBeGreaterThan(0);
    expect(overview.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  test('every department and district row equals the SQL count of its subtree', async () => {
    const overview = await getOverview('2026-10', now);
    const { rows: units } = await client.query(
      `SELECT code, path FROM units WHERE parent_id = (SELECT id FROM units WHERE parent_id IS NULL)`);
    expect(overview.rows.map((r) => r.code).sort()).toEqual(units.map((u) => u.code).sort());
    for (const unit of units) {
      const row = overview.rows.find((r) => r.code === unit.code)!;
      const { code: _code, name: _name, path: _path, level: _level, ...counts } = row;
      expect(counts, unit.code).toEqual(await sqlCounts('2026-10', unit.path));
    }
    expect(overview.rows.filter((r) => r.level === 'huyen')).toHaveLength(10);
    expect(overview.rows.filter((r) => r.level === 'so_nganh').length).toBeGreaterThanOrEqual(15);
  });

  test('a district: its totals and its communes equal the SQL counts of their subtrees', async () => {
    const { rows: [district] } = await client.query(`SELECT id, code, path FROM units WHERE level = 'huyen' ORDER BY code LIMIT 1`);
    const overview = await getOverview('2026-10', now, district.code);
    expect(overview.unit?.code).toBe(district.code);
    expect(overview.totals).toEqual(await sqlCounts('2026-10', district.path));
    const { rows: communes } = await client.query(`SELECT code, path FROM units WHERE parent_id = $1`, [district.id]);
    expect(overview.rows.map((r) => r.code).sort()).toEqual(communes.map((u) => u.code).sort());
    for (const commune of communes.slice(0, 3)) {
      const { code: _code, name: _name, path: _path, level: _level, ...counts } = overview.rows.find((r) => r.code === commune.code)!;
      expect(counts, commune.code).toEqual(await sqlCounts('2026-10', commune.path));
    }
    expect((await getOverview('2026-10', now, 'no-such-unit')).unit).toBeNull();
  });

  test('a month before any dossier gives zeros and no on-time rate ("—", not 0 %)', async () => {
    const overview = await getOverview('2020-01', now);
    expect(overview.totals).toEqual({
      received: 0, resolved: 0, resolvedOnTime: 0, pending: 0, pendingLate: 0, onTime: { numerator: 0, denominator: 0, value: null },
    });
  });
});
