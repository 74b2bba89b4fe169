// The roll-ups stay exact over random unit histories (SPEC §6): random old communes merged and split into new ones on
// 1/7/2025, a chain (new communes merged again on 1/2/2026), random dossiers received by the units in force on their
// day — and for several periods, every unit's sums in both views equal lib/kpi's sumDossiers over the dossiers that
// lib/units attributes to it (its representative today in the current view, its ancestors then in the historical one).
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WorkCalendar } from '../../lib/calendar';
import { sumDossiers, type KpiDossier, type Period } from '../../lib/kpi';
import { isValidOn, type Succession, type UnitView } from '../../lib/units';
import { importFile } from '../../lib/server/import/run';
import { readRollups } from '../../lib/server/queries/rollups';
import { createRandom } from '../../prisma/seed/generate';
import { connect, countsUnder, pureDossiers, unitHistoryRows, type VersionRow } from './helpers';

const NOW = new Date('2026-11-20T10:00:00+07:00');
const TODAY = '2026-11-20';
const random = createRandom(617);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
const csv = (lines: string[]) => Readable.from([lines.join('\n') + '\n']);
const day = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

let client: pg.Client;
let units: VersionRow[];
let successions: Succession[];
let dossiers: Array<KpiDossier & { unitId: number }>;

beforeAll(async () => {
  client = await connect();
  // Old: province P, districts D1, D2 with 12 communes each until 30/6/2025. New: 8 communes from 1/7/2025, of which
  // N7 and N8 merge into N9 on 1/2/2026 (a chain). Each old commune goes into one new commune, or is split over two.
  const rows = ['MaDonVi,TenDonVi,CapDonVi,MaDonViCha,HieuLucTu,HieuLucDen', 'P,Tỉnh,tinh,,,'];
  const old: string[] = [];
  for (const d of ['D1', 'D2']) {
    rows.push(`${d},Huyện ${d},huyen,P,,30/06/2025`);
    for (let i = 1; i <= 12; i++) {
      old.push(`${d}X${i}`);
      rows.push(`${d}X${i},Xã ${d}X${i},xa,${d},,30/06/2025`);
    }
  }
  const fresh = Array.from({ length: 8 }, (_, i) => `N${i + 1}`);
  for (const n of fresh) rows.push(`${n},Xã ${n},xa,P,01/07/2025,${n === 'N7' || n === 'N8' ? '31/01/2026' : ''}`);
  rows.push('N9,Xã N9,xa,P,01/02/2026,');
  expect((await importFile('units', csv(rows), { fileName: 'u.csv', source: 'test' })).rejected).toEqual([]);
  const mapping = ['MaDonViCu,MaDonViMoi,NgayHieuLuc,TyLe,Chinh', 'N7,N9,01/02/2026,,', 'N8,N9,01/02/2026,,'];
  for (const o of old) {
    if (random() < 0.3) {
      const [a, b] = [pick(fresh), pick(fresh)];
      if (a === b) mapping.push(`${o},${a},01/07/2025,,`);
      else {
        const share = Math.round(random() * 80 + 10) / 100;
        const primary = random() < 0.5 ? 1 : 0; // Chinh on the first part, or decided by the shares
        mapping.push(`${o},${a},01/07/2025,${share},${primary}`, `${o},${b},01/07/2025,${(1 - share).toFixed(2)},0`);
      }
    } else mapping.push(`${o},${pick(fresh)},01/07/2025,,`);
  }
  expect((await importFile('unit_mapping', csv(mapping), { fileName: 'm.csv', source: 'test' })).rejected).toEqual([]);

  ({ units, successions } = await unitHistoryRows(client));

  // 3,000 dossiers from 1/1/2024 to now, each to a commune or district in force on its day; a third resolved late.
  const lines = ['MaHoSo,MaDonVi,MaTTHC,TenTTHC,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy'];
  const start = new Date('2024-01-01T08:00:00+07:00').getTime();
  for (let i = 0; i < 3_000; i++) {
    const at = new Date(start + Math.floor(random() * (NOW.getTime() - start - 30 * 86_400_000)));
    const open = units.filter((u) => u.level !== 'tinh' && isValidOn(u, day(at)));
    const due = new Date(at.getTime() + 10 * 86_400_000);
    const end = random() < 0.15 ? '' : new Date(at.getTime() + (random() < 0.33 ? 15 : 4) * 86_400_000).toISOString();
    lines.push(`RND-${i},${pick(open).code},T.1,Thủ tục thử,${at.toISOString()},${due.toISOString()},${end}`);
  }
  expect((await importFile('dossiers', csv(lines), { fileName: 'd.csv', source: 'test' })).rejected).toEqual([]);
  dossiers = await pureDossiers(client);
}, 300_000);
afterAll(() => client?.end());

const PERIODS: Period[] = [
  { from: '2024-01-01', to: '2024-12-31' },
  { from: '2025-05-10', to: '2025-08-20' }, // across the reorganisation
  { from: '2025-10-01', to: '2026-03-31' }, // across the chain
  { from: '2026-11-01', to: '2026-11-30' }, // still running
];

test.each(['current', 'historical'] as UnitView[])('%s view: every unit, every period, SQL = pure', async (view) => {
  const counts = countsUnder(units, successions, TODAY);
  for (const period of PERIODS) {
    // The units a league table would list: today's in the current view, those in force at the period's end otherwise.
    const at = view === 'current' || period.to > TODAY ? TODAY : period.to;
    const targets = units.filter((u) => isValidOn(u, at));
    const [sql] = await readRollups({ units: targets, periods: [period], by: 'unit', now: NOW, view });
    for (const t of targets) {
      const mine = dossiers.filter((d) => counts(d.unitId, t.id, view));
      const expected = sumDossiers(mine, [], period, NOW, new WorkCalendar([]));
      expect(sql!.get(t.id), `${view} ${period.from} ${t.code}`).toEqual(expected);
    }
    // Nothing lost or counted twice: the province holds every dossier, in both views.
    const p = targets.find((u) => u.code === 'P')!;
    expect(sql!.get(p.id)).toEqual(sumDossiers(dossiers, [], period, NOW, new WorkCalendar([])));
  }
});
