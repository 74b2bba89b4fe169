// The two views of SPEC §6 on a small set, through the SQL path (roll-ups read by readRollups) and the pure path
// (lib/kpi's sumDossiers on the dossiers lib/units attributes to each unit), against hand-computed counts:
// province P; district D with communes A, B, C until 30/6/2025; from 1/7/2025 commune A (a new unit with A's code)
// takes A and B, C is split (0.3 to A, 0.7 to M: M is primary); departments S1 → S2 (1/3/2025) → S3 (1/7/2025), a chain.
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WorkCalendar } from '../../lib/calendar';
import { sumDossiers, type KpiDossier, type Period } from '../../lib/kpi';
import type { Succession, UnitView } from '../../lib/units';
import { importFile } from '../../lib/server/import/run';
import { readRollups } from '../../lib/server/queries/rollups';
import { getRankings } from '../../lib/server/queries/report';
import { listOverdue } from '../../lib/server/queries/overdue';
import type { UnitRef } from '../../lib/views';
import { connect, countsUnder, pureDossiers, unitHistoryRows, type VersionRow } from './helpers';

const NOW = new Date('2026-12-06T10:00:00+07:00');
const Y2024: Period = { from: '2024-01-01', to: '2024-12-31' };
const Q3_2025: Period = { from: '2025-07-01', to: '2025-09-30' };
const csv = (...lines: string[]) => Readable.from([lines.join('\n') + '\n']);
const opts = (fileName: string) => ({ fileName, source: 'test' });

// Each dossier: [code, unit code, received day, resolved late?]. Due 10 days after receipt, resolved after 3 or 20.
const DOSSIERS: Array<[string, string, string, boolean]> = [
  ['H1', 'A', '2024-03-04', false],
  ['H2', 'A', '2024-05-06', true],
  ['H3', 'B', '2024-04-01', false],
  ['H4', 'C', '2024-06-03', true],
  ['H5', 'C', '2024-09-02', true],
  ['H6', 'D', '2024-10-01', false],
  ['H7', 'S1', '2024-02-05', false],
  ['H8', 'S2', '2024-11-04', true],
  ['H9', 'A', '2025-07-07', false], // the new A
  ['H10', 'M', '2025-08-04', true],
  ['H11', 'S3', '2025-08-04', false],
];

let client: pg.Client;
let units: VersionRow[];
let dossiers: Array<KpiDossier & { unitId: number }>;
let successions: Succession[];
const version = (code: string, day = '2024-06-30') =>
  units.find((u) => u.code === code && u.validFrom <= day && (u.validTo === null || day <= u.validTo))!;

beforeAll(async () => {
  client = await connect();
  const u = await importFile(
    'units',
    csv(
      'MaDonVi,TenDonVi,CapDonVi,MaDonViCha,HieuLucTu,HieuLucDen',
      'P,Tỉnh Thử,tinh,,,',
      'D,Huyện Cũ,huyen,P,,30/06/2025',
      'A,Xã A cũ,xa,D,,30/06/2025',
      'B,Xã B cũ,xa,D,,30/06/2025',
      'C,Xã C cũ,xa,D,,30/06/2025',
      'A,Phường A mới,xa,P,01/07/2025,',
      'M,Xã M,xa,P,01/07/2025,',
      'S1,Sở Một,so_nganh,P,,28/02/2025',
      'S2,Sở Hai,so_nganh,P,,30/06/2025',
      'S3,Sở Ba,so_nganh,P,01/07/2025,',
    ),
    opts('units.csv'),
  );
  expect(u.rejected).toEqual([]);
  const m = await importFile(
    'unit_mapping',
    csv(
      'MaDonViCu,MaDonViMoi,NgayHieuLuc,TyLe,Chinh',
      'A,A,01/07/2025,,',
      'B,A,01/07/2025,,',
      'C,A,01/07/2025,0.3,',
      'C,M,01/07/2025,0.7,',
      'S1,S2,01/03/2025,,',
      'S2,S3,01/07/2025,,',
    ),
    opts('mapping.csv'),
  );
  expect(m.rejected).toEqual([]);
  const due = (day: string, plus: number) => new Date(new Date(`${day}T08:00:00+07:00`).getTime() + plus * 86_400_000);
  const d = await importFile(
    'dossiers',
    csv(
      'MaHoSo,MaDonVi,MaTTHC,TenTTHC,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy',
      ...DOSSIERS.map(
        ([code, unit, day, late]) =>
          `${code},${unit},T.1,Thủ tục thử,${day}T08:00:00+07:00,${due(day, 10).toISOString()},${due(day, late ? 20 : 3).toISOString()}`,
      ),
    ),
    opts('dossiers.csv'),
  );
  expect(d.rejected).toEqual([]);
  ({ units, successions } = await unitHistoryRows(client));
  dossiers = await pureDossiers(client);
});
afterAll(() => client?.end());

/** The pure path: the dossiers whose unit version counts under `target` in the view (lib/units), summed by lib/kpi. */
function pure(target: UnitRef, period: Period, view: UnitView) {
  const counts = countsUnder(units, successions, '2026-12-06');
  return sumDossiers(
    dossiers.filter((d) => counts(d.unitId, target.id, view)),
    [],
    period,
    NOW,
    new WorkCalendar([]),
  );
}

describe('both views of a period across the reorganisation', () => {
  // [view, period, unit (code, day of its version), resolved, late], computed by hand from DOSSIERS.
  const CASES: Array<[UnitView, Period, string, string, number, number]> = [
    // Today's units restate 2024: A = old A + B (C went to M, its primary successor), M = C, S3 = S1 + S2 (a chain),
    // P = everything, the district's own dossier included (it ceased with no successor: its nearest living ancestor).
    ['current', Y2024, 'A', '2026-12-06', 3, 1],
    ['current', Y2024, 'M', '2026-12-06', 2, 2],
    ['current', Y2024, 'S3', '2026-12-06', 2, 1],
    ['current', Y2024, 'P', '2026-12-06', 8, 4],
    ['current', Q3_2025, 'A', '2026-12-06', 1, 0],
    ['current', Q3_2025, 'P', '2026-12-06', 3, 1],
    // Units as they were: the district sums its communes and its own; the new A has nothing in 2024.
    ['historical', Y2024, 'A', '2024-06-30', 2, 1],
    ['historical', Y2024, 'C', '2024-06-30', 2, 2],
    ['historical', Y2024, 'D', '2024-06-30', 6, 3],
    ['historical', Y2024, 'S1', '2024-06-30', 1, 0],
    ['historical', Y2024, 'S2', '2024-06-30', 1, 1],
    ['historical', Y2024, 'P', '2024-06-30', 8, 4],
    ['historical', Y2024, 'A', '2026-12-06', 0, 0],
    ['historical', Q3_2025, 'A', '2026-12-06', 1, 0],
  ];

  test.each(CASES)(
    '%s, %o: %s (version of %s) resolved %i, late %i — SQL = pure = by hand',
    async (view, period, code, day, resolved, late) => {
      const unit = version(code, day);
      const [sums] = await readRollups({ units: [unit], periods: [period], by: 'unit', now: NOW, view });
      const sql = sums!.get(unit.id)!;
      expect({ resolved: sql.resolved, late: sql.resolvedLate }).toEqual({ resolved, late });
      expect(sql).toEqual(pure(unit, period, view));
    },
  );

  test("the province's totals are the same in both views", async () => {
    const p = version('P');
    for (const period of [Y2024, Q3_2025, { from: '2024-01-01', to: '2026-12-06' }]) {
      const [current] = await readRollups({ units: [p], periods: [period], by: 'unit', now: NOW, view: 'current' });
      const [historical] = await readRollups({ units: [p], periods: [period], by: 'unit', now: NOW, view: 'historical' });
      expect(current!.get(p.id)).toEqual(historical!.get(p.id));
    }
  });

  test("rankings list today's units in the current view, the units of the period's end in the historical one", async () => {
    const current = await getRankings('P', 'xa', Y2024, { now: NOW, minSample: 1, kpi: 'onTime' });
    expect(current.rows.map((r) => [r.unit.code, r.denominator])).toEqual([
      ['A', 3],
      ['M', 2],
    ]);
    const historical = await getRankings('P', 'xa', Y2024, { now: NOW, minSample: 1, kpi: 'onTime', view: 'historical' });
    expect(historical.rows.map((r) => [r.unit.code, r.denominator]).sort()).toEqual([
      ['A', 2],
      ['B', 1],
      ['C', 2],
    ]);
  });

  test('the late dossiers of a unit follow the view, and the count equals the list', async () => {
    const late = async (code: string, view: UnitView) => {
      const list = await listOverdue({ scopePath: '/', unitCode: code, period: Y2024, now: NOW, view });
      expect(list.total).toBe(list.rows.length);
      return list.rows.map((r) => `${r.code}@${r.unit.code}`).sort();
    };
    expect(await late('A', 'current')).toEqual(['H2@A']); // the old A's, restated onto the new A (C went to M)
    expect(await late('M', 'current')).toEqual(['H4@C', 'H5@C']);
    expect(await late('P', 'current')).toEqual(['H2@A', 'H4@C', 'H5@C', 'H8@S2']);
    expect(await late('D', 'historical')).toEqual(['H2@A', 'H4@C', 'H5@C']);
  });
});
