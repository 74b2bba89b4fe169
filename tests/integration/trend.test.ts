// The breakdown by field and procedure (one grouped sum) gives each field's and procedure's own filtered report.
// The monthly trend (two grouped queries) gives, month by month, exactly the KPI report of that month — including the
// pending dossiers at each month's end and the month still running, judged now.
import { beforeAll, describe, expect, test } from 'vitest';
import { addLocalMonths, monthRange } from '../../lib/calendar';
import { getBreakdown, getKpiReport, getKpiTrend } from '../../lib/server/queries/report';
import { seedDemoData } from '../../prisma/seed/load';
import { connect } from './helpers';
import { TREND_KPIS } from '../../lib/views';

const now = new Date('2026-11-20T10:00:00+07:00');
let units: string[] = [];

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'kon-tum-2024', dossiers: 20_000, seed: 11, until: now });
  const client = await connect();
  units = [
    (await client.query(`SELECT code FROM units WHERE parent_id IS NULL`)).rows[0].code,
    (await client.query(`SELECT code FROM units WHERE level = 'huyen' ORDER BY sort_order LIMIT 1`)).rows[0].code,
    (await client.query(`SELECT code FROM units WHERE level = 'xa' ORDER BY sort_order DESC LIMIT 1`)).rows[0].code,
  ];
  await client.end();
});

describe('getKpiTrend', () => {
  test.each([0, 1, 2])('unit #%i: every month equals its own report (the current month included)', async (i) => {
    const trend = await getKpiTrend(units[i]!, '2026-11', 14, now);
    expect(trend.months.map((m) => m.month)).toEqual(
      Array.from({ length: 14 }, (_, k) => addLocalMonths('2025-10-01', k).slice(0, 7)),
    );
    for (const m of trend.months) {
      const report = await getKpiReport(units[i]!, monthRange(`${m.month}-01`), { now });
      expect(m.asOf).toEqual(report.asOf);
      for (const k of TREND_KPIS) expect(m.kpis[k], `${m.month} ${k}`).toEqual(report.kpis[k]);
    }
    expect(trend.months.at(-1)!.kpis.onTime.denominator).toBeGreaterThan(0);
  });

  test('a past end month is read at the end of each month; months before any data are empty, not zero', async () => {
    const trend = await getKpiTrend(units[0]!, '2026-06', 12, now);
    for (const m of trend.months) {
      const report = await getKpiReport(units[0]!, monthRange(`${m.month}-01`), { now });
      for (const k of TREND_KPIS) expect(m.kpis[k], `${m.month} ${k}`).toEqual(report.kpis[k]);
    }
    const early = await getKpiTrend(units[0]!, '2015-03', 3, now);
    for (const m of early.months) expect(m.kpis.onTime.value).toBeNull();
  });
});

describe('getBreakdown', () => {
  test.each([
    [0, { from: '2026-10-01', to: '2026-10-31' }],
    [1, { from: '2026-07-01', to: '2026-11-30' }],
    [2, { from: '2026-01-15', to: '2026-11-20' }],
  ])('unit #%i, %o: each field and procedure equals its filtered report', async (i, period) => {
    const b = await getBreakdown(units[i]!, period, now);
    expect(b.fields.length).toBeGreaterThan(0);
    for (const f of b.fields) {
      const report = await getKpiReport(units[i]!, period, { now, fieldCode: f.code });
      expect(f.kpis, f.code).toEqual(report.kpis);
      expect(f.counts, f.code).toEqual(report.counts);
    }
    for (const p of b.procedures.slice(0, 8)) {
      const report = await getKpiReport(units[i]!, period, { now, procedureCode: p.code });
      expect(p.kpis, p.code).toEqual(report.kpis);
      expect(p.counts, p.code).toEqual(report.counts);
    }
    // Together the fields are the whole unit.
    const whole = await getKpiReport(units[i]!, period, { now });
    expect(b.fields.reduce((a, f) => a + f.counts.received, 0)).toBe(whole.counts.received);
    expect(b.fields.reduce((a, f) => a + f.kpis.onTime.denominator, 0)).toBe(whole.kpis.onTime.denominator);
  });
});
