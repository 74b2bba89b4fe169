// The resolve stage of a dossier import (SPEC §4.1): the unit a record names — by code, agency identifier (MaDinhDanh,
// or the MaHoSo prefix), or name and other names (TenKhac) — and its procedure — by code, or name and other names —
// become catalogue codes. Which unit a code or a name means depends on the day the dossier was received (SPEC §6: a code
// can be reused, a name can be taken by a new unit). The catalogue is read once per import: a province has a few
// thousand unit versions and procedures, held in maps; each record costs a few lookups.
import 'server-only';
import { localDayOf, type LocalDay } from '@/lib/calendar';
import type { RowError } from '@/lib/import/cells';
import type { DossierRecord, ParsedDossier } from '@/lib/import/dossier-row';
import { agencyIdPrefix, normalizeName, normalizeUnitName } from '@/lib/import/names';
import { isValidOn } from '@/lib/units';
import { formatDate } from '@/lib/format';
import { db } from '@/lib/server/sql';

interface UnitEntry {
  code: string;
  name: string;
  validFrom: LocalDay;
  validTo: LocalDay | null;
}

/** A name or identifier that matched nothing: the upload page lists them with their row counts (the mapping step). */
export interface Unresolved {
  kind: 'unit' | 'procedure';
  /** The name or identifier as the file wrote it (the first spelling seen). */
  value: string;
  rows: number;
}

/** Distinct unresolved values kept for the mapping step at the most (a file of random names must not fill memory). */
const KEPT_UNRESOLVED = 1_000;

export type Resolution = { ok: true; record: DossierRecord } | { ok: false; errors: RowError[] };

export class Resolver {
  private readonly unresolved = new Map<string, Unresolved>();

  private constructor(
    private readonly byAgency: Map<string, UnitEntry[]>,
    private readonly byName: Map<string, UnitEntry[]>,
    private readonly procedureByName: Map<string, string[]>,
  ) {}

  /** Reads the unit versions and procedures. */
  static async load(): Promise<Resolver> {
    const [units, procedures] = await Promise.all([
      db().selectFrom('units').select(['code', 'name', 'agency_id', 'aliases', 'valid_from', 'valid_to']).execute(),
      db().selectFrom('procedures').select(['code', 'name', 'aliases']).execute(),
    ]);
    const byAgency = new Map<string, UnitEntry[]>();
    const byName = new Map<string, UnitEntry[]>();
    const add = (map: Map<string, UnitEntry[]>, key: string, entry: UnitEntry) => {
      const list = map.get(key);
      if (!list) map.set(key, [entry]);
      else if (!list.includes(entry)) list.push(entry);
    };
    for (const u of units) {
      const entry: UnitEntry = {
        code: u.code,
        name: u.name,
        validFrom: localDayOf(u.valid_from),
        validTo: u.valid_to ? localDayOf(u.valid_to) : null,
      };
      if (u.agency_id) add(byAgency, u.agency_id.toUpperCase(), entry);
      for (const name of [u.name, ...u.aliases]) add(byName, normalizeUnitName(name), entry);
    }
    const procedureByName = new Map<string, string[]>();
    for (const p of procedures) {
      for (const name of [p.name, ...p.aliases]) {
        const key = normalizeName(name);
        const list = procedureByName.get(key) ?? [];
        if (!list.includes(p.code)) procedureByName.set(key, [...list, p.code]);
      }
    }
    return new Resolver(byAgency, byName, procedureByName);
  }

  /** The values that matched nothing so far, most rows first. */
  unresolvedValues(): Unresolved[] {
    return [...this.unresolved.values()].sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value, 'vi'));
  }

  resolve(parsed: ParsedDossier, row: number): Resolution {
    const errors: RowError[] = [];
    const day = localDayOf(parsed.receivedAt);
    const unitCode = this.unit(parsed, day, row, errors);
    const procedureCode = this.procedure(parsed, row, errors);
    if (errors.length > 0 || unitCode === null || procedureCode === null) return { ok: false, errors };
    return { ok: true, record: { ...parsed, unitCode, procedureCode } };
  }

  /**
   * MaDonVi when given (the write stage says when no version of it is in force on the day); else the agency identifier
   * (MaDinhDanh, or the MaHoSo prefix when it is a unit's); else the name. An identifier we do not know falls through
   * to the name: provinces rarely have every agency's identifier in their catalogue.
   */
  private unit(r: ParsedDossier, day: LocalDay, row: number, errors: RowError[]): string | null {
    if (r.unitCode) return r.unitCode;
    const prefix = agencyIdPrefix(r.code);
    for (const id of [r.agencyId, prefix]) {
      if (!id) continue;
      const found = this.byAgency.get(id.toUpperCase());
      if (!found) continue;
      const valid = found.filter((u) => isValidOn(u, day));
      if (valid.length === 1) return valid[0]!.code;
      errors.push({
        row,
        column: id === r.agencyId ? 'MaDinhDanh' : 'MaHoSo',
        value: id,
        reason:
          valid.length === 0
            ? `mã định danh "${id}" là của đơn vị không còn hiệu lực vào ngày tiếp nhận ${formatDate(r.receivedAt)}`
            : `mã định danh "${id}" trùng với nhiều đơn vị: ${valid.map((u) => u.code).join(', ')}`,
      });
      return null;
    }
    if (r.unitName) {
      const found = this.byName.get(normalizeUnitName(r.unitName)) ?? [];
      const valid = found.filter((u) => isValidOn(u, day));
      if (valid.length === 1) return valid[0]!.code;
      if (valid.length > 1) {
        errors.push({
          row,
          column: 'DonViXuLy',
          value: r.unitName,
          reason: `tên đơn vị "${r.unitName}" trùng với nhiều đơn vị: ${valid.map((u) => `${u.name} (${u.code})`).join(', ')}; hãy dùng mã đơn vị`,
        });
        return null;
      }
      this.remember('unit', r.unitName);
      errors.push({
        row,
        column: 'DonViXuLy',
        value: r.unitName,
        reason:
          found.length > 0
            ? `đơn vị "${r.unitName}" không có hiệu lực vào ngày tiếp nhận ${formatDate(r.receivedAt)}`
            : `không tìm thấy đơn vị tên "${r.unitName}" (gán tên này cho một đơn vị ở trang nhập dữ liệu)`,
      });
      return null;
    }
    const id = r.agencyId ?? prefix;
    if (id) this.remember('unit', id);
    errors.push({
      row,
      column: r.agencyId ? 'MaDinhDanh' : 'MaHoSo',
      value: id ?? '',
      reason: `không có đơn vị nào mang mã định danh "${id}"`,
    });
    return null;
  }

  /** MaTTHC when given (an unknown code with a name is created by the write stage, SPEC §4); else the name. */
  private procedure(r: ParsedDossier, row: number, errors: RowError[]): string | null {
    if (r.procedureCode) return r.procedureCode;
    const name = r.procedureName!;
    const found = this.procedureByName.get(normalizeName(name)) ?? [];
    if (found.length === 1) return found[0]!;
    if (found.length === 0) this.remember('procedure', name);
    errors.push({
      row,
      column: 'TenTTHC',
      value: name,
      reason:
        found.length === 0
          ? `không tìm thấy thủ tục tên "${name}" (gán tên này cho một thủ tục ở trang nhập dữ liệu)`
          : `tên thủ tục "${name}" trùng với nhiều thủ tục: ${found.join(', ')}; hãy dùng mã TTHC`,
    });
    return null;
  }

  private remember(kind: Unresolved['kind'], value: string) {
    const key = `${kind}:${kind === 'unit' ? normalizeUnitName(value) : normalizeName(value)}`;
    const seen = this.unresolved.get(key);
    if (seen) seen.rows++;
    else if (this.unresolved.size < KEPT_UNRESOLVED) this.unresolved.set(key, { kind, value, rows: 1 });
  }
}
