// The overview's numbers equal direct SQL counts over the same demo data, for a month, a quarter, 6 months, a year
// and a custom range, and so do those of the previous period its KPI cards compare with.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { endOfLocalDay, startOfLocalDay, monthRange } from '../../lib/calendar';
import { customPeriod, parsePreset, previousPeriod, type Period } from '../../lib/kpi';
import { getOverview } from '../../lib/server/queries/overview';
import { getKpiReport } from '../../lib/server/queries/report';
import { seedDemoData } from '../../prisma/seed/load';
import { connect } from './helpers';

const now = new Date('2026-11-20T10:00:00+07:00');
let client: Awaited<ReturnType<typeof connect>>;

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'kon-tum-2024', dossiers: 20_000, seed: 42, until: now });
  client = await connect();
});
afterAll(() => client.end());

const month = (m: string) => monthRange(`${m}-01`);

async function sqlCounts({ from, to }: Period, pathPrefix = '/') {
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
    [start, end, asOf, pathPrefix],
  );
  const r = rows[0];
  const numerator = r.resolvedOnTime + r.pending - r.pendingLate;
  const denominator = r.resolved + r.pending;
  return { ...r, onTime: { numerator, denominator, value: denominator ? numerator / denominator : null } };
}

describe('getOverview', () => {
  test.each(['2026-11', '2026-06', '2025-02'])('totals of %s equal direct SQL counts', async (m) => {
    const overview = await getOverview(month(m), now);
    const expected = await sqlCounts(month(m));
    expect(overview.totals).toEqual(expected);
    expect(expected.received).toBeGreaterThan(100);
    expect(expected.resolved).toBeGreaterThan(100);
  });

  test('the current month has pending and late dossiers, and T is now', async () => {
    const overview = await getOverview(month('2026-11'), now);
    expect(overview.asOf.getTime()).toBe(now.getTime());
    expect(overview.totals.pending).toBeGreaterThan(0);
    expect(overview.totals.pendingLate).toBeGreaterThan(0);
    expect(overview.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  test('every department and district row equals the SQL count of its subtree', async () => {
    const overview = await getOverview(month('2026-10'), now);
    const { rows: units } = await client.query(
      `SELECT code, path FROM units WHERE parent_id = (SELECT id FROM units WHERE parent_id IS NULL)`,
    );
    expect(overview.rows.map((r) => r.code).sort()).toEqual(units.map((u) => u.code).sort());
    for (const unit of units) {
      const row = overview.rows.find((r) => r.code === unit.code)!;
      const { code: _code, name: _name, path: _path, level: _level, ...counts } = row;
      expect(counts, unit.code).toEqual(await sqlCounts(month('2026-10'), unit.path));
    }
    expect(overview.rows.filter((r) => r.level === 'huyen')).toHaveLength(10);
    expect(overview.rows.filter((r) => r.level === 'so_nganh').length).toBeGreaterThanOrEqual(15);
  });

  test('a district: its totals and its communes equal the SQL counts of their subtrees', async () => {
    const {
      rows: [district],
    } = await client.query(`SELECT id, code, path FROM units WHERE level = 'huyen' ORDER BY code LIMIT 1`);
    const overview = await getOverview(month('2026-10'), now, district.code);
    expect(overview.unit?.code).toBe(district.code);
    expect(overview.totals).toEqual(await sqlCounts(month('2026-10'), district.path));
    const { rows: communes } = await client.query(`SELECT code, path FROM units WHERE parent_id = $1`, [district.id]);
    expect(overview.rows.map((r) => r.code).sort()).toEqual(communes.map((u) => u.code).sort());
    for (const commune of communes.slice(0, 3)) {
      const {
        code: _code,
        name: _name,
        path: _path,
        level: _level,
        ...counts
      } = overview.rows.find((r) => r.code === commune.code)!;
      expect(counts, commune.code).toEqual(await sqlCounts(month('2026-10'), commune.path));
    }
    expect((await getOverview(month('2026-10'), now, 'no-such-unit')).unit).toBeNull();
  });

  test('a month before any dossier gives zeros and no on-time rate ("—", not 0 %)', async () => {
    const overview = await getOverview(month('2020-01'), now);
    expect(overview.totals).toEqual({
      received: 0,
      resolved: 0,
      resolvedOnTime: 0,
      pending: 0,
      pendingLate: 0,
      onTime: { numerator: 0, denominator: 0, value: null },
    });
  });
});

describe('getOverview for other periods, and the previous period the KPI cards compare with', () => {
  test.each([
    ['quý III/2026 → quý II/2026', parsePreset('2026-Q3')!, { from: '2026-04-01', to: '2026-06-30' }],
    ['6 tháng đầu năm 2026 → cùng kỳ 2025', parsePreset('2026-6T')!, { from: '2025-01-01', to: '2025-06-30' }],
    ['năm 2025 → năm 2024', parsePreset('2025')!, { from: '2024-01-01', to: '2024-12-31' }],
    [
      '20/10 – 05/11/2026 → the 17 days before',
      customPeriod('2026-10-20', '2026-11-05')!,
      { from: '2026-10-03', to: '2026-10-19' },
    ],
  ])('%s: both equal direct SQL counts', async (_name, period, previous) => {
    expect(previousPeriod(period)).toEqual(previous);
    const [current, before] = await Promise.all([getOverview(period, now), getOverview(previousPeriod(period), now)]);
    expect(current.period).toEqual({ from: period.from, to: period.to });
    expect(current.totals).toEqual(await sqlCounts(period));
    expect(before.totals).toEqual(await sqlCounts(previous));
    expect(current.totals.received).toBeGreaterThan(100);
    // The KPI cards read the same sums: their on-time rates (and so the change) are these counts'.
    const root = current.unit!.code;
    const [reportNow, reportBefore] = await Promise.all([
      getKpiReport(root, period, { now }),
      getKpiReport(root, previousPeriod(period), { now }),
    ]);
    expect(reportNow.kpis.onTime).toMatchObject(current.totals.onTime);
    expect(reportBefore.kpis.onTime).toMatchObject(before.totals.onTime);
  });

  test('a quarter is the sum of its months; its districts equal the SQL counts of their subtrees', async () => {
    const quarter = await getOverview(parsePreset('2026-Q3')!, now);
    const months = await Promise.all(['2026-07', '2026-08', '2026-09'].map((m) => getOverview(month(m), now)));
    for (const key of ['received', 'resolved', 'resolvedOnTime'] as const) {
      expect(quarter.totals[key]).toBe(months.reduce((sum, o) => sum + o.totals[key], 0));
    }
    expect(quarter.totals.pending).toBe(months[2]!.totals.pending); // pending at T, the end of the quarter's last month
    for (const row of quarter.rows.filter((r) => r.level === 'huyen').slice(0, 3)) {
      const { code: _code, name: _name, path, level: _level, ...counts } = row;
      expect(counts, row.code).toEqual(await sqlCounts(parsePreset('2026-Q3')!, path));
    }
  });

  test('the quarter still running is judged now', async () => {
    const overview = await getOverview(parsePreset('2026-Q4')!, now);
    expect(overview.asOf.getTime()).toBe(now.getTime());
    expect(overview.totals).toEqual(await sqlCounts(parsePreset('2026-Q4')!));
  });
});
