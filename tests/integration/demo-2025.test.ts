// The demo `npm start` loads — new Quảng Ngãi across the 2025 reorganisation (prisma/seed/units-2025.ts) — read in
// both views of SPEC §6: today's league tables list the 96 communes and no district; Phường Kon Tum's figures for a
// period before the merger are made of its five predecessors'; the units as they were show the two old provinces with
// their districts; the province's totals are the same in both views; no unit of the wrong time appears.
import { beforeAll, describe, expect, test } from 'vitest';
import { SUM_KEYS, type KpiSums, type Period } from '../../lib/kpi';
import { readRollups } from '../../lib/server/queries/rollups';
import { getRankings } from '../../lib/server/queries/report';
import { listOverdue } from '../../lib/server/queries/overdue';
import { findRootUnit, findUnit, listLevelsUnder } from '../../lib/server/queries/units';
import { seedDemoData } from '../../prisma/seed/load';
import { connect } from './helpers';

const NOW = new Date('2026-11-20T10:00:00+07:00');
const H1_2025: Period = { from: '2025-01-01', to: '2025-06-30' };
const TODAY = '2026-11-20';

const add = (a: KpiSums, b: KpiSums) => Object.fromEntries(SUM_KEYS.map((k) => [k, a[k] + b[k]])) as KpiSums;

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'quang-ngai-2025', dossiers: 40_000, seed: 3, until: NOW });
}, 300_000);

describe('the demo: new Quảng Ngãi', () => {
  test('today: the new province, its departments and 96 communes in the league table, no district', async () => {
    const root = (await findRootUnit(TODAY))!;
    expect({ code: root.code, name: root.name }).toEqual({ code: '51', name: 'UBND tỉnh Quảng Ngãi' });
    expect(await listLevelsUnder(root, TODAY)).toEqual(['so_nganh', 'xa']);
    const table = await getRankings('51', 'xa', { from: '2026-10-01', to: '2026-10-31' }, { now: NOW });
    expect(table.rows).toHaveLength(96);
    const client = await connect();
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM unnest($1::text[], $2::text[]) AS r(code, name)
       WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.code = r.code AND u.name = r.name
                         AND u.valid_from <= $3::date AND (u.valid_to IS NULL OR u.valid_to >= $3::date))`,
      [table.rows.map((r) => r.unit.code), table.rows.map((r) => r.unit.name), TODAY],
    );
    await client.end();
    expect(rows[0].n).toBe(0); // … and each of them is today's unit of its code
  });

  test('Phường Kon Tum before the merger = its five predecessors; the province the same in both views', async () => {
    const kontum = (await findUnit('23293', TODAY))!;
    expect(kontum.name).toBe('UBND phường Kon Tum');
    const client = await connect();
    const { rows: predecessors } = await client.query(
      `SELECT u.id, u.code, u.name, u.level::text AS level, u.path FROM unit_successions s JOIN units u ON u.id = s.from_unit_id
       WHERE s.to_unit_id = $1 ORDER BY u.code`,
      [kontum.id],
    );
    await client.end();
    expect(predecessors).toHaveLength(5);
    const [current] = await readRollups({ units: [kontum], periods: [H1_2025], by: 'unit', now: NOW, view: 'current' });
    const [historical] = await readRollups({ units: predecessors, periods: [H1_2025], by: 'unit', now: NOW, view: 'historical' });
    const sum = predecessors.map((p) => historical!.get(p.id)!).reduce(add);
    expect(current!.get(kontum.id)).toEqual(sum);
    expect(sum.received).toBeGreaterThan(0);

    // The province: the new one restated, or the two old ones as they were.
    const [oldQuangNgai, oldKonTum] = [(await findUnit('51', '2025-06-30'))!, (await findUnit('62', '2025-06-30'))!];
    expect(oldQuangNgai.id).not.toBe((await findUnit('51', TODAY))!.id);
    const [newProvince] = await readRollups({
      units: [(await findUnit('51', TODAY))!],
      periods: [H1_2025],
      by: 'unit',
      now: NOW,
    });
    const [old] = await readRollups({
      units: [oldQuangNgai, oldKonTum],
      periods: [H1_2025],
      by: 'unit',
      now: NOW,
      view: 'historical',
    });
    expect(newProvince!.values().next().value).toEqual(add(old!.get(oldQuangNgai.id)!, old!.get(oldKonTum.id)!));
  });

  test('as they were: the old provinces with their districts; the league tables list only the units of that time', async () => {
    const march: Period = { from: '2025-03-01', to: '2025-03-31' };
    const konTum = (await findUnit('62', march.to))!;
    expect(konTum.name).toBe('UBND tỉnh Kon Tum');
    expect(await listLevelsUnder(konTum, march.to)).toEqual(['so_nganh', 'huyen', 'xa']);
    const districts = await getRankings('62', 'huyen', march, { now: NOW, view: 'historical' });
    expect(districts.rows).toHaveLength(10);
    const communes = await getRankings('62', 'xa', march, { now: NOW, view: 'historical' });
    expect(communes.rows).toHaveLength(102);
    // In the current view, the same month is read for today's units: no district, no old commune.
    const today = await getRankings('51', 'xa', march, { now: NOW });
    expect(today.rows).toHaveLength(96);
    expect(today.rows.some((r) => r.unit.name === 'UBND phường Kon Tum')).toBe(true);
  });

  test('the late dossiers of a quarter before the merger, in both views: every one listed, as many as the roll-ups count', async () => {
    // T is the quarter's end, long past: dossiers pending then and ended late since are listed too (the branch of the
    // list that reads the late dossiers' index by unit version).
    const q2: Period = { from: '2025-04-01', to: '2025-06-30' };
    for (const [unitCode, view] of [
      ['62', 'historical'],
      ['51', 'historical'],
      ['51', 'current'],
      ['23293', 'current'],
    ] as const) {
      const first = await listOverdue({ unitCode, period: q2, scopePath: '/', view, now: NOW, pageSize: 500 });
      const rows = [...first.rows];
      for (let page = 2; rows.length < first.total && page < 100; page++) {
        rows.push(...(await listOverdue({ unitCode, period: q2, scopePath: '/', view, now: NOW, page, pageSize: 500 })).rows);
      }
      expect({ unitCode, view, listed: rows.length }).toEqual({ unitCode, view, listed: first.total });
      expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
      if (unitCode !== '23293') expect(rows.some((r) => r.status === 'pending_late')).toBe(true);
    }
  });
});
