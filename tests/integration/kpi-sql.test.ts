// The SQL path (roll-ups kept by triggers, pending from the dossiers) equals the pure lib/kpi result, number for
// number, on 100,000 random dossiers full of edge cases, after inserts, updates and deletes.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WorkCalendar, computeDue, endOfLocalDay, startOfLocalDay, type TimeUnit } from '../../lib/calendar';
import { VIETNAM_CALENDAR_2020_2027 } from '../../lib/calendar/holidays-vn';
import {
  EMPTY_SUMS,
  computeScore,
  kpisFromSums,
  previousPeriod,
  rank,
  sumDossiers,
  type KpiDossier,
  type KpiFeedback,
  type Period,
} from '../../lib/kpi';
import { NO_FILTER, readRollups, sumKpis, type KpiFilter } from '../../lib/server/queries/rollups';
import { listScoreWeights } from '../../lib/server/queries/catalog';
import { getKpiReport, getRankings } from '../../lib/server/queries/report';
import { createRandom, type DossierRow } from '../../prisma/seed/generate';
import { copyDossiers, seedDemoData } from '../../prisma/seed/load';
import { connect, pureDossiers } from './helpers';
import { type UnitRef } from '../../lib/views';

const calendar = new WorkCalendar(VIETNAM_CALENDAR_2020_2027);
const NOW = new Date('2026-11-20T14:30:00+07:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const random = createRandom(2026);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const chance = (p: number) => random() < p;

let client: pg.Client;
let units: Array<UnitRef & { parentId: number | null }>;
let procedures: Array<{
  id: number;
  code: string;
  fieldId: number;
  hasPaperResult: boolean;
  processingTime: number;
  timeUnit: TimeUnit;
}>;

/** A random dossier, biased towards the boundaries the rules care about. */
function randomDossier(i: number): DossierRow {
  const unit = pick(units);
  const procedure = pick(procedures);
  const span = NOW.getTime() - new Date('2025-01-01T00:00:00+07:00').getTime();
  let received = NOW.getTime() - Math.floor(random() * span);
  if (chance(0.05)) received = startOfLocalDay(new Date(received).toISOString().slice(0, 10)).getTime(); // at 00:00 UTC-ish
  const R = new Date(received);
  const computed = computeDue(R, procedure.processingTime, procedure.timeUnit, calendar);
  const D = chance(0.8) ? computed : new Date(received + Math.floor(random() * 20 * DAY));
  let requested: Date | null = null;
  let completed: Date | null = null;
  let count = 0;
  if (chance(0.12)) {
    requested = new Date(received + Math.floor(random() * 5 * DAY));
    count = chance(0.2) ? 2 : 1;
    if (chance(0.8)) completed = new Date(requested.getTime() + Math.floor(random() * 6 * DAY));
  }
  const S = requested && completed ? completed.getTime() - requested.getTime() : 0;
  // Where the (net) end falls relative to D: exactly at D, 1 ms after, on the due day, well before, after.
  const r = random();
  let netEnd =
    r < 0.05
      ? D.getTime()
      : r < 0.1
        ? D.getTime() + 1
        : r < 0.2
          ? startOfLocalDay(new Date(D.getTime() + 7 * HOUR).toISOString().slice(0, 10)).getTime() + Math.floor(random() * DAY)
          : r < 0.7
            ? received + Math.floor(random() * Math.max(1, D.getTime() - received))
            : D.getTime() + Math.floor(random() * 10 * DAY);
  netEnd = Math.max(netEnd, received);
  let end: number | null = netEnd + S;
  if (requested && end < requested.getTime()) end = requested.getTime() + 1;
  if (completed && end < completed.getTime()) end = completed.getTime();
  if (chance(0.08) || end > NOW.getTime()) end = null; // unfinished
  if (requested && requested.getTime() > NOW.getTime()) {
    requested = null;
    completed = null;
    count = 0;
  }
  if (completed && completed.getTime() > NOW.getTime()) completed = null;
  const how = random();
  const E = end === null ? null : new Date(end);
  const fee = chance(0.3) ? null : chance(0.3) ? 0 : 1000 * (1 + Math.floor(random() * 100));
  return {
    code: `T-${i}`,
    unitId: unit.id,
    procedureId: procedure.id,
    channel: pick([1, 1, 2, 3] as const),
    receivedAt: R,
    dueAt: D,
    processedAt: E && how < 0.6 ? E : null,
    returnedAt: E && how >= 0.6 && how < 0.75 ? E : E && how < 0.3 ? new Date(E.getTime() + DAY) : null,
    rejectedAt: E && how >= 0.75 && how < 0.85 ? E : null,
    withdrawnAt: E && how >= 0.85 ? E : null,
    supplementRequestedAt: requested,
    supplementCompletedAt: completed,
    supplementCount: count,
    fee: fee as number,
    onlinePayment: fee === null ? null : pick([0, 1, 2, null]),
    digitized: chance(0.5),
    eResult: chance(0.5),
    reusedData: chance(0.3),
    rating: pick([null, null, 1, 2, 3]),
    apologyAt: chance(0.3) ? new Date(received + Math.floor(random() * 30 * DAY)) : null,
    handler: pick(['Nguyễn Văn An', 'Trần Thị Bình', '=cmd|calc', null]) as string,
    deadlineAt: D,
  };
}

async function loadPure(): Promise<{
  dossiers: Array<KpiDossier & { unitId: number; procedureId: number }>;
  feedback: Array<KpiFeedback & { unitId: number; procedureId: number | null }>;
}> {
  const dossiers = await pureDossiers(client);
  const fb = await client.query('SELECT unit_id, procedure_id, received_at, deadline_at, resolved_at FROM feedback');
  const feedback = fb.rows.map((r) => ({
    unitId: r.unit_id,
    procedureId: r.procedure_id,
    receivedAt: r.received_at,
    deadlineAt: r.deadline_at,
    resolvedAt: r.resolved_at,
  }));
  return { dossiers, feedback };
}

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'kon-tum-2024', dossiers: 0, seed: 1, until: NOW });
  client = await connect();
  units = (await client.query(`SELECT id, code, name, level::text AS level, path, parent_id AS "parentId" FROM units`)).rows;
  procedures = (
    await client.query(`
    SELECT id, code, field_id AS "fieldId", has_paper_result AS "hasPaperResult", processing_time::float AS "processingTime",
           time_unit::text AS "timeUnit" FROM procedures`)
  ).rows;
  // Insert in several statements (each one a trigger run), then update and delete some.
  const all = Array.from({ length: 100_000 }, (_, i) => randomDossier(i));
  for (let i = 0; i < all.length; i += 25_000) await copyDossiers(client, all.slice(i, i + 25_000));
  await client.query(
    `UPDATE dossiers SET processed_at = received_at + interval '3 days'
                      WHERE ended_at IS NULL AND id % 10 = 0 AND received_at + interval '3 days' < $1`,
    [NOW],
  );
  await client.query(`UPDATE dossiers SET unit_id = (SELECT min(id) FROM units WHERE level = 'xa'), apology_at = NULL
                      WHERE id % 50 = 1`);
  await client.query(`UPDATE dossiers SET supplement_count = 2 WHERE id % 97 = 0`);
  await client.query(`DELETE FROM dossiers WHERE id % 41 = 0`);
}, 300_000);
afterAll(() => client?.end());

const subtree = (unit: UnitRef) => new Set(units.filter((u) => u.path.startsWith(unit.path)).map((u) => u.id));

const PERIODS: Array<[string, Period]> = [
  ['a past month', { from: '2026-03-01', to: '2026-03-31' }],
  ['a quarter', { from: '2026-04-01', to: '2026-06-30' }],
  ['a year', { from: '2025-01-01', to: '2025-12-31' }],
  ['a range across months, not aligned', { from: '2025-12-17', to: '2026-02-09' }],
  ['long edges: most of each edge month', { from: '2025-12-04', to: '2026-02-26' }],
  ['two months, most of each, no whole one', { from: '2026-01-03', to: '2026-02-25' }],
  ['most of one month', { from: '2026-03-02', to: '2026-03-30' }],
  ['a single day', { from: '2026-10-15', to: '2026-10-15' }],
  ['the current month (T = now)', { from: '2026-11-01', to: '2026-11-30' }],
  ['ending today (T = now)', { from: '2026-10-21', to: '2026-11-20' }],
  ['ending yesterday (T = end of yesterday)', { from: '2026-11-01', to: '2026-11-19' }],
];

describe('SQL roll-ups equal the pure KPI engine', () => {
  let pure: Awaited<ReturnType<typeof loadPure>>;
  beforeAll(async () => {
    pure = await loadPure();
  });

  const chosen = () => {
    const province = units.find((u) => u.parentId === null)!;
    const department = units.find((u) => u.level === 'so_nganh')!;
    const district = units.find((u) => u.level === 'huyen')!;
    const commune = units.find((u) => u.level === 'xa' && u.path.startsWith(district.path))!;
    return { province, department, district, commune };
  };

  test('the data set has the cases the rules care about', () => {
    const n = pure.dossiers.length;
    expect(n).toBeGreaterThan(95_000);
    expect(pure.dossiers.filter((d) => d.processedAt?.getTime() === d.deadlineAt.getTime()).length).toBeGreaterThan(100);
    expect(pure.dossiers.filter((d) => d.supplementCount === 2).length).toBeGreaterThan(1000);
    expect(pure.dossiers.filter((d) => d.supplementRequestedAt && !d.supplementCompletedAt).length).toBeGreaterThan(500);
  });

  for (const [name, period] of PERIODS) {
    test(`${name}: every sum for the province, a department, a district and a commune`, async () => {
      const targets = Object.values(chosen());
      const sql = await sumKpis(targets, period, NOW);
      for (const unit of targets) {
        const ids = subtree(unit);
        const expected = sumDossiers(
          pure.dossiers.filter((d) => ids.has(d.unitId)),
          pure.feedback.filter((f) => ids.has(f.unitId)),
          period,
          NOW,
          calendar,
        );
        expect(sql.get(unit.id), `${unit.level} ${unit.code}`).toEqual(expected);
        expect(expected.resolved + expected.pending, `${unit.level} has data`).toBeGreaterThan(0);
      }
    });
  }

  test.each([
    ['one field', 'field'],
    ['one procedure', 'procedure'],
  ])('filtered to %s', async (_name, kind) => {
    const procedure = procedures[0]!;
    const filter: KpiFilter =
      kind === 'field' ? { fieldId: procedure.fieldId, procedureId: null } : { fieldId: null, procedureId: procedure.id };
    const keep = new Set(
      procedures.filter((p) => (kind === 'field' ? p.fieldId === procedure.fieldId : p.id === procedure.id)).map((p) => p.id),
    );
    const { province } = chosen();
    for (const [, period] of [PERIODS[2]!, PERIODS[5]!]) {
      const sql = await sumKpis([province], period, NOW, filter);
      const expected = sumDossiers(
        pure.dossiers.filter((d) => keep.has(d.procedureId)),
        pure.feedback.filter((f) => f.procedureId !== null && keep.has(f.procedureId)),
        period,
        NOW,
        calendar,
      );
      expect(sql.get(province.id)).toEqual(expected);
    }
  });

  test('every period at once, grouped by unit, procedure and field: each group equals the pure engine on its rows', async () => {
    const { province, district } = chosen();
    const periods = PERIODS.map(([, p]) => p);
    const read = (by: 'unit' | 'procedure' | 'field') => readRollups({ units: [province, district], periods, by, now: NOW });
    const [byUnit, byProcedure, byField] = await Promise.all([read('unit'), read('procedure'), read('field')]);
    const fieldOf = new Map(procedures.map((p) => [p.id, p.fieldId]));
    const inDistrict = subtree(district);
    periods.forEach((period, i) => {
      const pureOf = (keep: (procedureId: number | null, unitId: number) => boolean) =>
        sumDossiers(
          pure.dossiers.filter((d) => keep(d.procedureId, d.unitId)),
          pure.feedback.filter((f) => keep(f.procedureId, f.unitId)),
          period,
          NOW,
          calendar,
        );
      expect(byUnit[i]!.get(province.id), `${period.from} province`).toEqual(pureOf(() => true));
      expect(byUnit[i]!.get(district.id), `${period.from} district`).toEqual(pureOf((_p, u) => inDistrict.has(u)));
      // The two subtrees overlap: grouped by procedure or field, each dossier counts once.
      for (const procedure of procedures.slice(0, 5)) {
        const expected = pureOf((p) => p === procedure.id);
        expect(byProcedure[i]!.get(procedure.id) ?? EMPTY_SUMS, `${period.from} ${procedure.code}`).toEqual(expected);
      }
      for (const fieldId of new Set(procedures.map((p) => p.fieldId))) {
        const expected = pureOf((p) => p !== null && fieldOf.get(p) === fieldId);
        expect(byField[i]!.get(fieldId) ?? EMPTY_SUMS, `${period.from} field ${fieldId}`).toEqual(expected);
      }
    });
  });

  test('a league table of communes: values, samples and ranks as the pure engine gives them', async () => {
    const { district } = chosen();
    const period = PERIODS[0]![1];
    const weights = await listScoreWeights();
    const table = await getRankings(district.code, 'xa', period, { now: NOW, minSample: 5 });
    const communes = units.filter((u) => u.level === 'xa' && u.path.startsWith(district.path));
    expect(table.rows).toHaveLength(communes.length);
    const pureRows = communes.map((c) => {
      const ids = subtree(c);
      const sums = sumDossiers(
        pure.dossiers.filter((d) => ids.has(d.unitId)),
        pure.feedback.filter((f) => ids.has(f.unitId)),
        period,
        NOW,
        calendar,
      );
      const kpis = kpisFromSums(sums);
      return { key: c.code, value: computeScore(kpis, weights).value, sample: kpis.onTime.denominator };
    });
    const expected = rank(pureRows, 5);
    expect(table.rows.map((r) => [r.unit.code, r.rank, r.value, r.sample])).toEqual(
      expected.map((r) => [r.key, r.rank, r.value, r.sample]),
    );
    expect(table.previousPeriod).toEqual(previousPeriod(period));
  });

  test('the report of a unit carries its targets and the score', async () => {
    const { province } = chosen();
    const report = await getKpiReport(province.code, PERIODS[0]![1], { now: NOW });
    expect(report.kpis.onTime.target).toBe(0.95);
    expect(report.kpis.onTime.met).toBe(report.kpis.onTime.value! >= 0.95);
    expect(report.score.value).not.toBeNull();
    expect(report.asOf).toEqual(endOfLocalDay('2026-03-31'));
    const pureSums = sumDossiers(pure.dossiers, pure.feedback, PERIODS[0]![1], NOW, calendar);
    expect(report.counts.received).toBe(pureSums.received);
  });

  test('rebuilding the roll-ups from scratch gives the same sums as the triggers kept', async () => {
    const { province, commune } = chosen();
    const before = await sumKpis([province, commune], PERIODS[2]![1], NOW, NO_FILTER);
    await client.query('SELECT tthc_rebuild_rollups()');
    expect(await sumKpis([province, commune], PERIODS[2]![1], NOW, NO_FILTER)).toEqual(before);
  });
});

describe('tthc_due (SQL) equals computeDue (lib/calendar)', () => {
  test('on 2,000 random receipts, for every unit of time', async () => {
    const cases = Array.from({ length: 2000 }, () => ({
      received: new Date(new Date('2020-01-01T00:00:00+07:00').getTime() + Math.floor(random() * 7.5 * 365 * DAY)),
      amount: 1 + Math.floor(random() * 40),
      unit: pick(['gio', 'ngay', 'ngay_lam_viec', 'thang'] as const),
    }));
    const { rows } = await client.query<{ due: Date }>(
      `SELECT tthc_due(r, a, u::time_unit) AS due FROM unnest($1::timestamptz[], $2::numeric[], $3::text[]) WITH ORDINALITY AS x(r, a, u, i) ORDER BY i`,
      [cases.map((c) => c.received), cases.map((c) => c.amount), cases.map((c) => c.unit)],
    );
    expect(rows.map((r) => r.due.getTime())).toEqual(
      cases.map((c) => computeDue(c.received, c.amount, c.unit, calendar).getTime()),
    );
  });
});
