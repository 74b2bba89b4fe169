// The mapping step of an import (SPEC §4.1): a unit or procedure name that matched nothing is given, once, to the unit
// or procedure it means. It is kept as another name of it (TenKhac: units.aliases, procedures.aliases), so that the
// next imports resolve it, and audited; "Nhập lại các dòng bị từ chối" then imports the rejected rows again.
import 'server-only';
import { audit } from '@/lib/server/audit';
import { NotFoundError } from '@/lib/server/errors';
import { agencyIdPrefix, normalizeName, normalizeUnitName } from '@/lib/import/names';
import { db, sql } from '@/lib/server/sql';

/** A mapping that cannot be made (the unit already has another identifier): said to the admin as it is. */
export class MappingError extends Error {}

export interface NameMapping {
  kind: 'unit' | 'procedure';
  /** The name as the file wrote it. */
  name: string;
  /** The code of the unit (its latest version takes the name) or of the procedure. */
  targetCode: string;
  /** Who maps it (the audit trail's actor). */
  actor: string;
}

/** Keeps `name` as another name of the target; true when it was new (a name already known is left as it is). */
export async function mapUnresolvedName(m: NameMapping): Promise<boolean> {
  const name = m.name.trim();
  if (name === '' || name.length > 300) throw new MappingError('Tên cần gán phải có từ 1 đến 300 ký tự.');
  if (m.kind === 'unit') {
    const unit = await db()
      .selectFrom('units')
      .select(['id', 'name', 'aliases', 'agency_id'])
      .where('code', '=', m.targetCode)
      .orderBy(sql`valid_to IS NULL`, 'desc')
      .orderBy('valid_from', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!unit) throw new NotFoundError('unit_not_found', `Không có đơn vị mã "${m.targetCode}".`);
    if (agencyIdPrefix(`${name}-`) !== null) {
      // An agency identifier (MaDinhDanh, or a MaHoSo's prefix) is the unit's identifier, not another name of it.
      const id = name.toUpperCase();
      if (unit.agency_id === id) return false;
      if (unit.agency_id) {
        throw new MappingError(`Đơn vị mã ${m.targetCode} đã có mã định danh ${unit.agency_id}, khác “${name}”.`);
      }
      await db()
        .updateTable('units')
        .set({ agency_id: id, updated_at: sql`now()` })
        .where('id', '=', unit.id)
        .execute();
      await audit(m.actor, 'name_mapped', `unit:${m.targetCode}`, { agencyId: id });
      return true;
    }
    const key = normalizeUnitName(name);
    if ([unit.name, ...unit.aliases].some((n) => normalizeUnitName(n) === key)) return false;
    await db()
      .updateTable('units')
      .set({ aliases: sql`array_append(aliases, ${name})`, updated_at: sql`now()` })
      .where('id', '=', unit.id)
      .execute();
  } else {
    const procedure = await db()
      .selectFrom('procedures')
      .select(['id', 'name', 'aliases'])
      .where('code', '=', m.targetCode)
      .executeTakeFirst();
    if (!procedure) throw new NotFoundError('procedure_not_found', `Không có thủ tục mã "${m.targetCode}".`);
    const key = normalizeName(name);
    if ([procedure.name, ...procedure.aliases].some((n) => normalizeName(n) === key)) return false;
    await db()
      .updateTable('procedures')
      .set({ aliases: sql`array_append(aliases, ${name})`, updated_at: sql`now()` })
      .where('id', '=', procedure.id)
      .execute();
  }
  await audit(m.actor, 'name_mapped', `${m.kind}:${m.targetCode}`, { name });
  return true;
}
