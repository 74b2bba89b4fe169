// The demo catalogue is consistent and the generator is deterministic and plausible.
import { describe, expect, test } from 'vitest';
import { VIETNAM_CALENDAR_2020_2027 } from '../../lib/calendar/holidays-vn';
import { WorkCalendar, localDayOf } from '../../lib/calendar';
import { fields, procedures, units } from './catalog';
import { generateDossiers, tetDaysOf, type DossierRow } from './generate';

const calendar = new WorkCalendar(VIETNAM_CALENDAR_2020_2027);
const seedUnits = units.map((u, i) => ({ id: i + 1, code: u.code, name: u.name, level: u.level }));
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

describe('demo catalogue (Kon Tum before 2025)', () => {
  test('units form one tree: a province, its departments and 10 districts with their communes', () => {
    const codes = new Set(units.map((u) => u.code));
    expect(codes.size).toBe(units.length);
    expect(units.filter((u) => u.parentCode === null)).toHaveLength(1);
    for (const u of units) if (u.parentCode) expect(codes.has(u.parentCode), u.code).toBe(true);
    expect(units.filter((u) => u.level === 'huyen')).toHaveLength(10);
    expect(units.filter((u) => u.level === 'so_nganh').length).toBeGreaterThanOrEqual(18);
    expect(units.filter((u) => u.level === 'xa').length).toBeGreaterThanOrEqual(90);
  });

  test('procedures refer to known fields and departments and cover every unit of time', () => {
    const fieldCodes = new Set(fields.map((f) => f.code));
    const departments = new Set(units.filter((u) => u.level === 'so_nganh').map((u) => u.code));
    for (const p of procedures) {
      expect(fieldCodes.has(p.fieldCode), p.code).toBe(true);
      for (const d of p.departmentCodes ?? []) expect(departments.has(d), `${p.code} ${d}`).toBe(true);
    }
    expect(new Set(procedures.map((p) => p.timeUnit))).toEqual(new Set(['gio', 'ngay', 'ngay_lam_viec', 'thang']));
    expect(new Set(procedures.map((p) => p.code)).size).toBe(procedures.length);
  });
});

describe('generateDossiers', () => {
  const rows = generate(7);

  test('is deterministic for a seed and differs between seeds', () => {
    expect(generate(7).slice(0, 200)).toEqual(rows.slice(0, 200));
    expect(generate(8).slice(0, 200)).not.toEqual(rows.slice(0, 200));
  });

  test("produces the requested count (less today's not-yet-received) with unique codes", () => {
    expect(rows.length).toBeGreaterThan(19_900);
    expect(rows.length).toBeLessThanOrEqual(20_000);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
  });

  test('every row satisfies the database constraints', () => {
    for (const r of rows) {
      const received = r.receivedAt.getTime();
      for (const end of [r.processedAt, r.returnedAt, r.rejectedAt, r.withdrawnAt, r.supplementRequestedAt]) {
        if (end) expect(end.getTime()).toBeGreaterThanOrEqual(received);
      }
      if (r.supplementCompletedAt)
        expect(r.supplementCompletedAt.getTime()).toBeGreaterThanOrEqual(r.supplementRequestedAt!.getTime());
      expect(r.deadlineAt.getTime()).toBeGreaterThanOrEqual(received);
      expect(r.receivedAt.getTime()).toBeLessThanOrEqual(until.getTime());
      expect(r.fee).toBeGreaterThanOrEqual(0);
    }
  });

  test('has the patterns a dashboard should show: online share rising, a Tết dip, pending and late dossiers', () => {
    const share = (month: string) => {
      const inMonth = rows.filter((r) => localDayOf(r.receivedAt).startsWith(month));
      return inMonth.filter((r) => r.channel === 2).length / inMonth.length;
    };
    expect(share('2026-10')).toBeGreaterThan(share('2024-12') + 0.15);
    const perMonth = (month: string) => rows.filter((r) => localDayOf(r.receivedAt).startsWith(month)).length;
    expect(perMonth('2026-02')).toBeLessThan(perMonth('2026-03') * 0.85); // Tết 2026 falls in February
    const pending = rows.filter((r) => !r.processedAt && !r.rejectedAt && !r.withdrawnAt && !r.supplementRequestedAt);
    expect(pending.length).toBeGreaterThan(50);
    const lateResolved = rows.filter((r) => r.processedAt && r.processedAt.getTime() > r.deadlineAt.getTime());
    expect(lateResolved.length / rows.length).toBeGreaterThan(0.02);
    expect(rows.some((r) => r.apologyAt)).toBe(true);
    expect(rows.some((r) => r.supplementCount === 2)).toBe(true);
  });
});
