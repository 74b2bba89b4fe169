// The monthly trend (two grouped queries) gives, month by month, exactly the KPI report of that month — including the
// pending dossiers at each month's end and the month still running, judged now.
import { beforeAll, describe, expect, test } from 'vitest';
import { addLocalMonths, monthRange } from '../../lib/calendar';
import { TREND_KPIS, getKpiReport, getKpiTrend } from '../../lib/server/queries/report';
import { seedDemoData } from '../../prisma/seed/load';
import { connect } from './helpers';

const now = new Date('2026-11-20T10:00:00+07:00');
let units: string[] = [];

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { dossiers: 20_000, seed: 11, until: now });
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
      Array.from({ length: 14 }, (_, k) => addLocalMonths('2025-10-01', k).slice(0, 7)));
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
