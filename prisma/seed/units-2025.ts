// The demo's units: new Quảng Ngãi as reorganised in 2025, built from the real data in ./data/units-2025 (GSO codes and
// names, the 274 succession rows with the Trà Bùi split, the departments' 2025 restructuring; see its README and
// SOURCES). Before 1/7/2025: old Quảng Ngãi (51) and old Kon Tum (62), each with its districts, communes and
// departments; from 1/7/2025: new Quảng Ngãi (51, the code reused) with its 96 communes and one set of departments.
// Successions carry every old unit into the new ones (SPEC §6); districts have none (they count under their province).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { UnitLevel } from '../../lib/kpi';
import { REORGANISED_ON } from '../../lib/units';

export { REORGANISED_ON };

const DATA = path.join(import.meta.dirname, 'data', 'units-2025');
const LAST_OLD_DAY = '2025-06-30';
/** The March 2025 restructuring of departments (Decree 45/2025 and the provinces' decisions). */
const RESTRUCTURED_ON = '2025-03-01';
const LAST_BEFORE_RESTRUCTURING = '2025-02-28';
const ALWAYS = '2000-01-01';

export interface DemoUnit {
  code: string;
  name: string;
  level: UnitLevel;
  validFrom: string;
  validTo: string | null;
  /** The parent: its code and the day of its version (the one in force when this one came into force). */
  parent: { code: string; validFrom: string } | null;
  /** The department codes of the catalogue's procedures this unit receives (departments only). */
  serves?: string[];
  agencyId?: string;
}
export interface DemoSuccession {
  from: { code: string; validFrom: string };
  to: { code: string; validFrom: string };
  effectiveOn: string;
  share: number | null;
}

const read = (file: string): Array<Record<string, string>> =>
  parse(fs.readFileSync(path.join(DATA, file), 'utf8'), { columns: true, skip_empty_lines: true });

/** "Phường Lê Hồng Phong" → "UBND phường Lê Hồng Phong": how the portal names a commune's people's committee. */
const committee = (name: string) => `UBND ${name.charAt(0).toLowerCase()}${name.slice(1)}`;

/** Department codes by the department's name without its province (no official codes are published). */
const DEPARTMENT_CODES: Array<[RegExp, string]> = [
  [/^Sở Kế hoạch và Đầu tư/, 'SKHDT'],
  [/^Sở Giao thông vận tải/, 'SGTVT'],
  [/^Sở Lao động/, 'SLDTBXH'],
  [/^Sở Thông tin và Truyền thông/, 'STTTT'],
  [/^Sở Tài nguyên và Môi trường/, 'STNMT'],
  [/^Sở Nông nghiệp và Phát triển nông thôn/, 'SNNPTNT'],
  [/^Ban Dân tộc/, 'BDT'],
  [/^Văn phòng Ủy ban nhân dân/, 'VPUBND'],
  [/^Sở Nội vụ/, 'SNV'],
  [/^Sở Tư pháp/, 'STP'],
  [/^Sở Tài chính/, 'STC'],
  [/^Sở Công Thương/, 'SCT'],
  [/^Sở Nông nghiệp và Môi trường/, 'SNNMT'],
  [/^Sở Xây dựng/, 'SXD'],
  [/^Sở Khoa học và Công nghệ/, 'SKHCN'],
  [/^Sở Văn hóa, Thể thao và Du lịch/, 'SVHTTDL'],
  [/^Sở Giáo dục và Đào tạo/, 'SGDDT'],
  [/^Sở Y tế/, 'SYT'],
  [/^Thanh tra/, 'TTT'],
  [/^Sở Dân tộc và Tôn giáo/, 'SDTTG'],
  [/^Sở Ngoại vụ/, 'SNGV'],
  [/^Ban Quản lý Khu kinh tế/, 'BQLKKT'],
  [/^Công an tỉnh/, 'CAT'],
];
/** Departments created by the March restructuring (they did not exist before it). */
const CREATED_IN_MARCH = new Set(['SNNMT', 'SDTTG']);

function departmentCode(name: string): string {
  const found = DEPARTMENT_CODES.find(([re]) => re.test(name));
  if (!found) throw new Error(`No code for department "${name}"`);
  return found[1];
}

export function demoUnits(): { units: DemoUnit[]; successions: DemoSuccession[] } {
  const units: DemoUnit[] = [];
  const successions: DemoSuccession[] = [];
  const old = read('old-units.csv');
  const fresh = read('new-units.csv');
  const agency = new Map(read('agency-ids.csv').map((a) => [a.name!, a.e_id!]));
  const at = (code: string, validFrom: string) => ({ code, validFrom });

  // Before 1/7/2025: the two provinces, their districts and communes, as the statistics office lists them.
  const levelOf: Record<string, UnitLevel> = { province: 'tinh', district: 'huyen', commune: 'xa' };
  for (const u of old) {
    units.push({
      code: u.code!,
      name: u.level === 'province' ? committee(u.name!) : committee(u.name!),
      level: levelOf[u.level!]!,
      validFrom: ALWAYS,
      validTo: LAST_OLD_DAY,
      parent: u.parent_code ? at(u.parent_code, ALWAYS) : null,
    });
  }
  // From 1/7/2025: new Quảng Ngãi (code 51 again) and its communes.
  for (const u of fresh) {
    units.push({
      code: u.code!,
      name: committee(u.name!),
      level: u.level === 'province' ? 'tinh' : 'xa',
      validFrom: REORGANISED_ON,
      validTo: null,
      parent: u.parent_code ? at(u.parent_code, REORGANISED_ON) : null,
      agencyId: u.level === 'province' ? agency.get('Ủy ban nhân dân tỉnh Quảng Ngãi') : undefined,
    });
  }
  for (const m of read('mapping.csv')) {
    successions.push({
      from: at(m.old_code!, ALWAYS),
      to: at(m.new_code!, REORGANISED_ON),
      effectiveOn: REORGANISED_ON,
      share: m.share ? Number(m.share) : null,
    });
  }
  for (const province of ['51', '62']) {
    successions.push({ from: at(province, ALWAYS), to: at('51', REORGANISED_ON), effectiveOn: REORGANISED_ON, share: 1 });
  }

  // Departments. Old Quảng Ngãi's keep their codes (a version until 30/6/2025 under the old province, the next one under
  // the new); old Kon Tum's are prefixed KT-. Those merged in March 2025 end on 28/2/2025.
  // The provincial police (Công an tỉnh) handle one-stop dossiers too (identity cards); the file lists the sở, ban, ngành.
  const departments = [
    ...read('departments.csv'),
    { code_hint: '', name: 'Công an tỉnh Quảng Ngãi', valid_from: '', valid_to: '', province: '51', successor_name: '' },
    {
      code_hint: '',
      name: 'Công an tỉnh Kon Tum',
      valid_from: '',
      valid_to: LAST_OLD_DAY,
      province: '62',
      successor_name: 'Công an tỉnh Quảng Ngãi',
    },
  ];
  const byName = new Map<string, { code: string; validFrom: string }>();
  const restructured = (d: Record<string, string>) =>
    d.successor_name !== '' && !/Quảng Ngãi$/.test(d.successor_name!) ? true : d.valid_to === LAST_BEFORE_RESTRUCTURING;
  for (const d of departments) {
    const base = departmentCode(d.name!);
    const province = d.province!;
    const code = province === '62' ? `KT-${base}` : base;
    const validFrom = d.valid_from || (CREATED_IN_MARCH.has(base) ? RESTRUCTURED_ON : ALWAYS);
    const validTo = restructured(d) ? LAST_BEFORE_RESTRUCTURING : LAST_OLD_DAY;
    units.push({ code, name: d.name!, level: 'so_nganh', validFrom, validTo, parent: at(province, ALWAYS), serves: [base] });
    byName.set(d.name!, { code, validFrom });
  }
  // The new province's departments: old Quảng Ngãi's still in force on 30/6/2025, under the new province.
  for (const d of departments.filter((x) => x.province === '51' && !restructured(x))) {
    const base = departmentCode(d.name!);
    units.push({
      code: base,
      name: d.name!,
      level: 'so_nganh',
      validFrom: REORGANISED_ON,
      validTo: null,
      parent: at('51', REORGANISED_ON),
      serves: [base],
    });
    successions.push({ from: byName.get(d.name!)!, to: at(base, REORGANISED_ON), effectiveOn: REORGANISED_ON, share: 1 });
  }
  for (const d of departments.filter((x) => x.successor_name)) {
    const from = byName.get(d.name!)!;
    const target = byName.get(d.successor_name!)!;
    const intoNew = /Quảng Ngãi$/.test(d.successor_name!) && d.province === '62';
    const to = intoNew ? at(target.code, REORGANISED_ON) : target;
    successions.push({ from, to, effectiveOn: intoNew ? REORGANISED_ON : RESTRUCTURED_ON, share: 1 });
  }
  // What a merged department receives: its own procedures and those of the departments merged into it.
  const serves = new Map<string, Set<string>>();
  for (const s of successions) {
    const from = units.find((u) => u.code === s.from.code && u.validFrom === s.from.validFrom)!;
    if (from.level !== 'so_nganh') continue;
    const key = `${s.to.code}@${s.to.validFrom}`;
    serves.set(key, new Set([...(serves.get(key) ?? []), ...(from.serves ?? [])]));
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const u of units) {
      const extra = serves.get(`${u.code}@${u.validFrom}`);
      if (!extra) continue;
      const all = new Set([...(u.serves ?? []), ...extra]);
      if (all.size !== (u.serves ?? []).length) {
        u.serves = [...all];
        changed = true;
        for (const s of successions.filter((x) => x.from.code === u.code && x.from.validFrom === u.validFrom)) {
          const key = `${s.to.code}@${s.to.validFrom}`;
          serves.set(key, new Set([...(serves.get(key) ?? []), ...all]));
        }
      }
    }
  }
  return { units, successions };
}
