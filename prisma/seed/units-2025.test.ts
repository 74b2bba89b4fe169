// The demo units of new Quảng Ngãi (./units-2025, from the real 2025 data) are consistent, and the generator deals
// dossiers only to units in force, a merged unit about what its predecessors received.
import { describe, expect, test } from 'vitest';
import { VIETNAM_CALENDAR_2020_2027 } from '../../lib/calendar/holidays-vn';
import { WorkCalendar, localDayOf } from '../../lib/calendar';
import { fields, procedures } from './catalog';
import { generateDossiers, isInForce, tetDaysOf, type DossierRow, type SeedUnit } from './generate';
import { REORGANISED_ON, demoUnits } from './units-2025';

const calendar = new WorkCalendar(VIETNAM_CALENDAR_2020_2027);
const { units, successions } = demoUnits();
const key = (x: { code: string; validFrom?: string }) => `${x.code}@${x.validFrom}`;
const seedUnits: SeedUnit[] = units.map((u, i) => ({ ...u, id: i + 1 }));
const idOf = new Map(seedUnits.map((u) => [key(u), u.id]));
for (const s of successions) {
  const to = seedUnits.find((u) => u.id === idOf.get(key(s.to)))!;
  (to.predecessors ??= []).push({ id: idOf.get(key(s.from))!, share: s.share ?? 0.5 });
}
const seedProcedures = procedures.map((p, i) => ({ ...p, id: i + 1 }));
const until = new Date('2026-11-20T10:00:00+07:00');
const generate = (seed: number, dossiers = 20_000): DossierRow[] => [
  ...generateDossiers(seedUnits, seedProcedures, calendar, tetDaysOf(VIETNAM_CALENDAR_2020_2027), {
    dossiers,
    seed,
    until,
    months: 24,
  }),
];
const inForce = (day: string) => units.filter((u) => isInForce(u, day));

describe('demo units: new Quảng Ngãi, and old Quảng Ngãi and Kon Tum before 1/7/2025 (shared/data/units-2025)', () => {
  test('before: two provinces, 23 districts, 272 communes; after: one province (51 again) and 96 communes, no district', () => {
    const count = (day: string, level: string) => inForce(day).filter((u) => u.level === level).length;
    expect([count('2025-06-30', 'tinh'), count('2025-06-30', 'huyen'), count('2025-06-30', 'xa')]).toEqual([2, 23, 272]);
    expect([count('2025-07-01', 'tinh'), count('2025-07-01', 'huyen'), count('2025-07-01', 'xa')]).toEqual([1, 0, 96]);
    expect(inForce('2025-07-01').find((u) => u.level === 'tinh')!.code).toBe('51');
    // Departments: merged in March, then the two provinces' into one set.
    expect(count('2025-02-28', 'so_nganh')).toBeGreaterThan(count('2025-03-01', 'so_nganh'));
    expect(count('2025-07-01', 'so_nganh')).toBeLessThan(count('2025-06-30', 'so_nganh'));
  });

  test('every parent is a unit in force when its child comes into force; no code has two versions at once', () => {
    const versions = new Map(units.map((u) => [key(u), u]));
    for (const u of units) {
      if (!u.parent) continue;
      const parent = versions.get(key(u.parent));
      expect(parent && isInForce(parent, u.validFrom), key(u)).toBe(true);
    }
    for (const day of ['2024-06-01', '2025-02-28', '2025-03-01', '2025-06-30', REORGANISED_ON, '2026-11-20']) {
      const codes = inForce(day).map((u) => u.code);
      expect(new Set(codes).size, day).toBe(codes.length);
    }
  });

  test('successions: every old commune and department goes on; new Phường Kon Tum has five predecessors; Trà Bùi is split', () => {
    const versions = new Map(units.map((u) => [key(u), u]));
    for (const s of successions) {
      expect(versions.get(key(s.from))?.validTo, key(s.from)).toBe(
        s.effectiveOn === REORGANISED_ON ? '2025-06-30' : '2025-02-28',
      );
      expect(isInForce(versions.get(key(s.to))!, s.effectiveOn), key(s.to)).toBe(true);
    }
    const succeeded = new Set(successions.map((s) => key(s.from)));
    for (const u of units.filter((x) => x.validTo === '2025-06-30' && x.level === 'xa'))
      expect(succeeded.has(key(u)), key(u)).toBe(true);
    expect(successions.filter((s) => key(s.to) === `23293@${REORGANISED_ON}`)).toHaveLength(5);
    expect(successions.filter((s) => s.from.code === '21142').map((s) => s.share)).toEqual([null, null]);
  });

  test('procedures refer to known fields; each department code is served before and after the reorganisation', () => {
    const fieldCodes = new Set(fields.map((f) => f.code));
    for (const p of procedures) expect(fieldCodes.has(p.fieldCode), p.code).toBe(true);
    for (const day of ['2024-06-01', '2026-11-20']) {
      const served = new Set(inForce(day).flatMap((u) => u.serves ?? []));
      for (const p of procedures)
        for (const d of p.departmentCodes ?? []) expect(served.has(d), `${day} ${p.code} ${d}`).toBe(true);
    }
    expect(new Set(procedures.map((p) => p.timeUnit))).toEqual(new Set(['gio', 'ngay', 'ngay_lam_viec', 'thang']));
    expect(new Set(procedures.map((p) => p.code)).size).toBe(procedures.length);
  });
});

describe('generateDossiers on new Quảng Ngãi', () => {
  const rows = generate(7);

  test('a dossier comes to a unit in force on its day; a merged commune receives about what its predecessors did', () => {
    const byId = new Map(seedUnits.map((u) => [u.id, u]));
    for (const r of rows) expect(isInForce(byId.get(r.unitId)!, localDayOf(r.receivedAt)), r.code).toBe(true);
    const kontum = seedUnits.find((u) => u.code === '23293' && u.validFrom === REORGANISED_ON)!;
    const before = new Set(kontum.predecessors!.map((p) => p.id));
    const perDay = (ids: Set<number>, from: string, to: string) =>
      rows.filter((r) => ids.has(r.unitId) && localDayOf(r.receivedAt) >= from && localDayOf(r.receivedAt) <= to).length /
      (Date.parse(to) - Date.parse(from));
    const ratio = perDay(new Set([kontum.id]), '2025-07-01', '2026-06-30') / perDay(before, '2024-07-01', '2025-06-30');
    // Its predecessors' share, and more: the districts' procedures passed to the communes (Decree 118/2025).
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(2.5);
  });
});
