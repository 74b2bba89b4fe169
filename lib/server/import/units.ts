// Applies a units file (SPEC §4) as a whole, in one transaction: upsert by MaDonVi, parents resolved across the whole
// file (a parent may come after its children), unknown parents and cycles rejected row by row, and the materialised
// path/depth recomputed for every unit whose place in the tree changed — a moved subtree takes its dossiers (and so
// its KPIs, summed by path) with it.
import 'server-only';
import type { UnitRecord } from '@/lib/import/catalog-rows';
import type { RowError } from '@/lib/import/dossier-row';
import { getDb } from '@/lib/server/db';
import { db, sql, type RawClient } from '@/lib/server/sql';
import type { CatalogCounts } from './catalogs';

/** The units as they are, with their parent's and successor's codes and their dates as YYYY-MM-DD. */
function existingUnits(tx: RawClient) {
  return db(tx)
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .leftJoin('units as s', 's.id', 'u.successor_id')
    .select(['u.id', 'u.code', 'u.name', 'u.level', 'p.code as parentCode', 's.code as successorCode'])
    .select([sql<string>`u.valid_from::text`.as('validFrom'), sql<string | null>`u.valid_to::text`.as('validTo')])
    .execute();
}
type Existing = Awaited<ReturnType<typeof existingUnits>>[number];

/** Thrown to roll a dry run back once its counts are known. */
class DryRun extends Error {
  constructor(readonly counts: CatalogCounts) {
    super('dry run');
  }
}

export async function applyUnits(
  batch: ReadonlyArray<{ row: number; record: UnitRecord }>,
  dryRun = false,
): Promise<CatalogCounts> {
  try {
    return await getDb().$transaction(
      async (tx) => {
        // Nobody else changes the tree while this file is checked against it and applied.
        await tx.$executeRaw`LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE`;
        const counts: CatalogCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: [], duplicates: [], rebuild: false };
        const existing = new Map((await existingUnits(tx)).map((u) => [u.code, u]));

        // The last row wins for a MaDonVi given twice.
        const rows = new Map<string, { row: number; record: UnitRecord }>();
        for (const input of batch) {
          const earlier = rows.get(input.record.code);
          if (earlier) {
            counts.duplicates!.push({
              row: earlier.row,
              column: 'MaDonVi',
              value: input.record.code,
              reason: `trùng mã đơn vị, được thay bằng dòng ${input.row}`,
            });
          }
          rows.set(input.record.code, input);
        }

        // Reject until nothing changes: a rejected row may leave another row's parent unknown.
        const refused = new Map<string, number>();
        const reject = (code: string, error: Omit<RowError, 'row'>) => {
          counts.rejected.push({ row: rows.get(code)!.row, ...error });
          refused.set(code, rows.get(code)!.row);
          rows.delete(code);
        };
        const unknown = (code: string) =>
          refused.has(code)
            ? `đơn vị mã "${code}" ở dòng ${refused.get(code)} bị từ chối`
            : `không có đơn vị mã "${code}" (trong cơ sở dữ liệu hay trong tệp)`;
        const parentOf = (code: string) =>
          rows.has(code) ? rows.get(code)!.record.parentCode : (existing.get(code)?.parentCode ?? null);
        const known = (code: string) => rows.has(code) || existing.has(code);
        for (let changed = true; changed;) {
          changed = false;
          for (const [code, { record: r }] of rows) {
            if (r.parentCode && !known(r.parentCode)) {
              reject(code, { column: 'MaDonViCha', value: r.parentCode, reason: `đơn vị cha: ${unknown(r.parentCode)}` });
              changed = true;
            } else if (r.successorCode && !known(r.successorCode)) {
              reject(code, {
                column: 'MaDonViKeThua',
                value: r.successorCode,
                reason: `đơn vị kế thừa: ${unknown(r.successorCode)}`,
              });
              changed = true;
            }
          }
          // A cycle needs at least one row of the file (the tree in the database has none): walk up from each row.
          for (const [code, { record: r }] of rows) {
            const chain = [code];
            const seen = new Set(chain);
            for (let up = parentOf(code); up !== null && !seen.has(up); up = parentOf(up)) {
              chain.push(up);
              seen.add(up);
            }
            const last = parentOf(chain.at(-1)!);
            if (last === code) {
              reject(code, {
                column: 'MaDonViCha',
                value: r.parentCode ?? '',
                reason: `đơn vị cha tạo thành vòng lặp: ${[...chain, code].join(' → ')}`,
              });
              changed = true;
            }
          }
        }

        // Write: new units first (placeholder place in the tree), then every row's fields and parent.
        const sameAs = (old: Existing, r: UnitRecord) =>
          old.name === r.name &&
          old.level === r.level &&
          old.parentCode === r.parentCode &&
          old.validFrom === r.validFrom &&
          old.validTo === r.validTo &&
          old.successorCode === r.successorCode;
        const changedRows = [...rows.values()].filter(({ record: r }) => {
          const old = existing.get(r.code);
          if (!old) counts.inserted++;
          else if (sameAs(old, r)) counts.unchanged++;
          else counts.updated++;
          return !old || !sameAs(old, r);
        });
        if (changedRows.length === 0) return counts;
        const col = <T>(f: (r: UnitRecord) => T) => changedRows.map(({ record }) => f(record));
        await tx.$executeRaw`
        INSERT INTO units (code, name, level, path, depth, valid_from, valid_to)
        SELECT code, name, level, '/0/', 0, valid_from, valid_to
        FROM unnest(${col((r) => r.code)}::text[], ${col((r) => r.name)}::text[], ${col((r) => r.level)}::unit_level[],
                    ${col((r) => r.validFrom)}::date[], ${col((r) => r.validTo)}::date[]) AS i(code, name, level, valid_from, valid_to)
        ON CONFLICT (code) DO NOTHING`;
        await tx.$executeRaw`
        UPDATE units u SET name = i.name, level = i.level, parent_id = p.id, valid_from = i.valid_from, valid_to = i.valid_to,
          successor_id = s.id, updated_at = now()
        FROM unnest(${col((r) => r.code)}::text[], ${col((r) => r.name)}::text[], ${col((r) => r.level)}::unit_level[],
                    ${col((r) => r.parentCode)}::text[], ${col((r) => r.validFrom)}::date[], ${col((r) => r.validTo)}::date[],
                    ${col((r) => r.successorCode)}::text[])
          AS i(code, name, level, parent_code, valid_from, valid_to, successor_code)
        LEFT JOIN units p ON p.code = i.parent_code
        LEFT JOIN units s ON s.code = i.successor_code
        WHERE u.code = i.code`;
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
