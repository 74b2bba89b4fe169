// Applies a units file (SPEC §4) as a whole, in one transaction: upsert by MaDonVi, parents resolved across the whole
// file (a parent may come after its children), unknown parents and cycles rejected row by row, and the materialised
// path/depth recomputed for every unit whose place in the tree changed — a moved subtree takes its dossiers (and so
// its KPIs, summed by path) with it.
import 'server-only';
import type { UnitRecord } from '@/lib/import/catalog-rows';
import type { RowError } from '@/lib/import/dossier-row';
import { getDb } from '@/lib/server/db';
import { db, sql, type RawClient } from '@/lib/server/sql';
import { addDays, localDayOf } from '@/lib/calendar';
import { formatLocalDay } from '@/lib/format';
import { versionOn } from '@/lib/units';
import { DryRun, type CatalogCounts } from './catalogs';

/** The unit versions as they are, with their parent's and primary successor's codes and their dates as YYYY-MM-DD. */
function existingUnits(tx: RawClient) {
  return db(tx)
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select(['u.id', 'u.code', 'u.name', 'u.level', 'u.agency_id as agencyId', 'u.aliases', 'p.code as parentCode'])
    .select([sql<string>`u.valid_from::text`.as('validFrom'), sql<string | null>`u.valid_to::text`.as('validTo')])
    .select((eb) =>
      eb
        .selectFrom('unit_successions as us')
        .innerJoin('units as s', 's.id', 'us.to_unit_id')
        .select('s.code')
        .whereRef('us.from_unit_id', '=', 'u.id')
        .where('us.is_primary', '=', true)
        .limit(1)
        .as('successorCode'),
    )
    .execute();
}
type Existing = Awaited<ReturnType<typeof existingUnits>>[number];

/** A version's key: its code and the day it came into force. */
const keyOf = (code: string, validFrom: string) => `${code}@${validFrom}`;
const ALWAYS = '2000-01-01';
const dayAfter = (day: string) => addDays(day, 1);

export async function applyUnits(
  batch: ReadonlyArray<{ row: number; record: UnitRecord }>,
  dryRun = false,
  today: string = localDayOf(new Date()),
): Promise<CatalogCounts> {
  try {
    return await getDb().$transaction(
      async (tx) => {
        // Nobody else changes the tree while this file is checked against it and applied.
        await tx.$executeRaw`LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE`;
        const counts: CatalogCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: [], duplicates: [], rebuild: false };
        const existing = new Map((await existingUnits(tx)).map((u) => [keyOf(u.code, u.validFrom), u]));
        const existingByCode = new Map<string, Existing[]>();
        for (const u of existing.values()) existingByCode.set(u.code, [...(existingByCode.get(u.code) ?? []), u]);

        // A row names a version by MaDonVi and HieuLucTu; without HieuLucTu, the code's only version when it has one (a
        // file exported without dates), else the one in force since always. The last row wins for a version given twice.
        type Row = { row: number; record: UnitRecord & { validFrom: string } };
        const rows = new Map<string, Row>();
        for (const input of batch) {
          const r = input.record;
          const versions = existingByCode.get(r.code) ?? [];
          const validFrom = r.validFrom ?? (versions.length === 1 ? versions[0]!.validFrom : ALWAYS);
          const key = keyOf(r.code, validFrom);
          const earlier = rows.get(key);
          if (earlier) {
            counts.duplicates!.push({
              row: earlier.row,
              column: 'MaDonVi',
              value: r.code,
              reason: `trùng mã đơn vị (cùng ngày hiệu lực), được thay bằng dòng ${input.row}`,
            });
          }
          rows.set(key, { row: input.row, record: { ...r, validFrom } });
        }

        // Reject until nothing changes: a rejected row may leave another row's parent or successor unknown.
        const refused = new Map<string, number>();
        const reject = (key: string, error: Omit<RowError, 'row'>) => {
          counts.rejected.push({ row: rows.get(key)!.row, ...error });
          refused.set(rows.get(key)!.record.code, rows.get(key)!.row);
          rows.delete(key);
        };
        /** Every version of a code: those of the file and those of the database the file does not restate. */
        const versionsOf = (code: string) => [
          ...[...rows.values()]
            .filter((x) => x.record.code === code)
            .map((x) => ({ key: keyOf(code, x.record.validFrom), ...x.record })),
          ...(existingByCode.get(code) ?? [])
            .filter((u) => !rows.has(keyOf(code, u.validFrom)))
            .map((u) => ({ key: keyOf(code, u.validFrom), ...u })),
        ];
        /** The version of `code` in force on one of `days` (the first that has one), or why there is none. */
        const versionAt = (
          code: string,
          days: string[],
          role: string,
        ): { key: string; validFrom: string } | { reason: string } => {
          const all = versionsOf(code);
          for (const day of days) {
            const found = versionOn(all, day);
            if (found) return found;
          }
          if (all.length > 0) return { reason: `${role} mã "${code}" không có hiệu lực vào ngày ${formatLocalDay(days[0]!)}` };
          return {
            reason: refused.has(code)
              ? `${role}: đơn vị mã "${code}" ở dòng ${refused.get(code)} bị từ chối`
              : `${role}: không có đơn vị mã "${code}" (trong cơ sở dữ liệu hay trong tệp)`,
          };
        };
        /** The parent of a version: the version of MaDonViCha in force when it came into force, else at its end (or today):
         * a unit moved under a new parent (a district into a new province) keeps one place in the tree. */
        const parentOf = (r: { parentCode: string | null; validFrom: string; validTo: string | null }) =>
          r.parentCode ? versionAt(r.parentCode, [r.validFrom, r.validTo ?? today], 'đơn vị cha') : null;
        const parentKey = (key: string): string | null => {
          const r = rows.get(key)?.record ?? existing.get(key);
          const found = r ? parentOf(r) : null;
          return found && 'key' in found ? found.key : null;
        };
        for (let changed = true; changed;) {
          changed = false;
          for (const [key, { record: r }] of rows) {
            const overlap = versionsOf(r.code).find(
              (v) => v.key !== key && v.validFrom <= (r.validTo ?? '9999-12-31') && r.validFrom <= (v.validTo ?? '9999-12-31'),
            );
            const parent = parentOf(r);
            const successor =
              r.successorCode && r.validTo ? versionAt(r.successorCode, [dayAfter(r.validTo)], 'đơn vị kế thừa') : null;
            if (overlap) {
              reject(key, {
                column: 'HieuLucTu',
                value: r.validFrom,
                reason: `mã đơn vị "${r.code}" đã có một đơn vị có hiệu lực từ ${formatLocalDay(overlap.validFrom)}${overlap.validTo ? ` đến ${formatLocalDay(overlap.validTo)}` : ''}: thời gian hiệu lực không được chồng nhau`,
              });
            } else if (parent && 'reason' in parent) {
              reject(key, { column: 'MaDonViCha', value: r.parentCode!, reason: parent.reason });
            } else if (r.successorCode && !r.validTo) {
              reject(key, { column: 'HieuLucDen', value: '', reason: 'đơn vị có đơn vị kế thừa phải có ngày hết hiệu lực' });
            } else if (successor && 'reason' in successor) {
              reject(key, { column: 'MaDonViKeThua', value: r.successorCode!, reason: successor.reason });
            } else {
              continue;
            }
            changed = true;
          }
          // A cycle needs at least one row of the file (the tree in the database has none): walk up from each row.
          for (const [key, { record: r }] of rows) {
            const chain = [key];
            const seen = new Set(chain);
            for (let up = parentKey(key); up !== null && !seen.has(up); up = parentKey(up)) {
              chain.push(up);
              seen.add(up);
            }
            if (parentKey(chain.at(-1)!) === key) {
              reject(key, {
                column: 'MaDonViCha',
                value: r.parentCode ?? '',
                reason: `đơn vị cha tạo thành vòng lặp: ${[...chain, key].map((k) => k.split('@')[0]).join(' → ')}`,
              });
              changed = true;
            }
          }
        }

        // Write: new versions first (placeholder place in the tree), then every row's fields and parent.
        const sameAs = (old: Existing, r: UnitRecord) =>
          old.name === r.name &&
          old.level === r.level &&
          old.parentCode === r.parentCode &&
          old.validTo === r.validTo &&
          old.successorCode === r.successorCode &&
          old.agencyId === r.agencyId &&
          old.aliases.join('|') === r.aliases.join('|');
        const changedRows = [...rows.entries()]
          .filter(([key, { record: r }]) => {
            const old = existing.get(key);
            if (!old) counts.inserted++;
            else if (sameAs(old, r)) counts.unchanged++;
            else counts.updated++;
            return !old || !sameAs(old, r);
          })
          .map(([, row]) => row);
        if (changedRows.length === 0) return counts;
        const col = <T>(f: (r: Row['record']) => T) => changedRows.map(({ record }) => f(record));
        const parentFrom = (r: Row['record']) => {
          const p = parentOf(r);
          return p && 'key' in p ? p.validFrom : null;
        };
        await tx.$executeRaw`
        INSERT INTO units (code, name, level, path, depth, valid_from, valid_to)
        SELECT code, name, level, '/0/', 0, valid_from, valid_to
        FROM unnest(${col((r) => r.code)}::text[], ${col((r) => r.name)}::text[], ${col((r) => r.level)}::unit_level[],
                    ${col((r) => r.validFrom)}::date[], ${col((r) => r.validTo)}::date[]) AS i(code, name, level, valid_from, valid_to)
        ON CONFLICT (code, valid_from) DO NOTHING`;
        await tx.$executeRaw`
        UPDATE units u SET name = i.name, level = i.level, parent_id = p.id, valid_to = i.valid_to, agency_id = i.agency_id,
          aliases = string_to_array(i.aliases, '|'), updated_at = now()
        FROM unnest(${col((r) => r.code)}::text[], ${col((r) => r.name)}::text[], ${col((r) => r.level)}::unit_level[],
                    ${col((r) => r.parentCode)}::text[], ${col(parentFrom)}::date[], ${col((r) => r.validFrom)}::date[],
                    ${col((r) => r.validTo)}::date[], ${col((r) => r.agencyId)}::text[], ${col((r) => r.aliases.join('|'))}::text[])
          AS i(code, name, level, parent_code, parent_from, valid_from, valid_to, agency_id, aliases)
        LEFT JOIN units p ON p.code = i.parent_code AND p.valid_from = i.parent_from
        WHERE u.code = i.code AND u.valid_from = i.valid_from`;
        // MaDonViKeThua: the whole unit went into its successor (in force the day after it ceased).
        const succeeded = changedRows.filter(({ record: r }) => r.successorCode && r.validTo);
        if (succeeded.length > 0) {
          const scol = <T>(f: (r: Row['record']) => T) => succeeded.map(({ record }) => f(record));
          await tx.$executeRaw`
          INSERT INTO unit_successions (from_unit_id, to_unit_id, effective_on, share, is_primary)
          SELECT u.id, s.id, i.valid_to + 1, 1, true
          FROM unnest(${scol((r) => r.code)}::text[], ${scol((r) => r.validFrom)}::date[], ${scol((r) => r.validTo)}::date[],
                      ${scol((r) => r.successorCode)}::text[]) AS i(code, valid_from, valid_to, successor_code)
          JOIN units u ON u.code = i.code AND u.valid_from = i.valid_from
          JOIN units s ON s.code = i.successor_code AND s.valid_from <= i.valid_to + 1
            AND (s.valid_to IS NULL OR i.valid_to + 1 <= s.valid_to)
          ON CONFLICT (from_unit_id, to_unit_id) DO UPDATE SET effective_on = excluded.effective_on`;
        }
        // Path and depth from the roots down, written only where they changed (new units, moved subtrees).
        await tx.$executeRaw`
        WITH RECURSIVE tree AS (
          SELECT id, '/' || id || '/' AS path, 0 AS depth FROM units WHERE parent_id IS NULL
          UNION ALL
          SELECT u.id, t.path || u.id || '/', t.depth + 1 FROM units u JOIN tree t ON u.parent_id = t.id
        )
        UPDATE units u SET path = t.path, depth = t.depth FROM tree t
        WHERE u.id = t.id AND (u.path, u.depth) IS DISTINCT FROM (t.path, t.depth::smallint)`;
        if (dryRun) throw new DryRun(counts);
        return counts;
      },
      { timeout: 120_000 },
    );
  } catch (error) {
    if (error instanceof DryRun) return error.counts;
    throw error;
  }
}
