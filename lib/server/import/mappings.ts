// Applies a unit-mapping file (SPEC §4, §6) as a whole, in one transaction: each row says that an old unit went, from
// NgayHieuLuc, wholly or in a share into a new one. The old unit is the version of its code in force the day before, the
// new one the version in force on the day; a row whose units do not fit its date, that would close a cycle of
// successions or push a split's shares above 1 is rejected with the reason. Re-importing the same file changes nothing.
// Successions change no roll-up: the current view restates through them when it reads (lib/units, queries/rollups).
import 'server-only';
import type { UnitMappingRecord } from '@/lib/import/catalog-rows';
import { addDays } from '@/lib/calendar';
import { formatLocalDay } from '@/lib/format';
import { findCycle, successionProblem, versionOn, type UnitVersion } from '@/lib/units';
import { getDb } from '@/lib/server/db';
import { db, sql } from '@/lib/server/sql';
import { DryRun, type CatalogCounts } from './catalogs';

export async function applyUnitMappings(
  batch: ReadonlyArray<{ row: number; record: UnitMappingRecord }>,
  dryRun = false,
): Promise<CatalogCounts> {
  try {
    return await getDb().$transaction(
      async (tx) => {
        await tx.$executeRaw`LOCK TABLE units, unit_successions IN SHARE ROW EXCLUSIVE MODE`;
        const counts: CatalogCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: [], duplicates: [], rebuild: false };
        const units = await db(tx)
          .selectFrom('units')
          .select(['id', 'code', 'parent_id as parentId'])
          .select([sql<string>`valid_from::text`.as('validFrom'), sql<string | null>`valid_to::text`.as('validTo')])
          .execute();
        const byCode = new Map<string, UnitVersion[]>();
        for (const u of units) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
        const existing = await db(tx)
          .selectFrom('unit_successions')
          .select(['from_unit_id as fromId', 'to_unit_id as toId', 'is_primary as primary'])
          .select([sql<string>`effective_on::text`.as('effectiveOn'), sql<number | null>`share::float8`.as('share')])
          .execute();

        // Resolve each row's two versions; the last row wins for the same pair.
        type Resolved = { row: number; record: UnitMappingRecord; fromId: number; toId: number };
        const rows = new Map<string, Resolved>();
        const version = (code: string, day: string, role: string): UnitVersion | string => {
          const versions = byCode.get(code);
          if (!versions) return `không có ${role} mã "${code}"`;
          return versionOn(versions, day) ?? `${role} mã "${code}" không có hiệu lực vào ngày ${formatLocalDay(day)}`;
        };
        for (const { row, record: r } of batch) {
          const from = version(r.fromCode, addDays(r.effectiveOn, -1), 'đơn vị cũ');
          if (typeof from === 'string') {
            counts.rejected.push({ row, column: 'MaDonViCu', value: r.fromCode, reason: `${from} (ngày trước ngày hiệu lực)` });
            continue;
          }
          const to = version(r.toCode, r.effectiveOn, 'đơn vị mới');
          const problem = typeof to === 'string' ? to : successionProblem(from, to, r.effectiveOn);
          if (typeof to === 'string' || problem) {
            const column = typeof to === 'string' || problem!.startsWith('đơn vị mới') ? 'MaDonViMoi' : 'MaDonViCu';
            counts.rejected.push({ row, column, value: column === 'MaDonViMoi' ? r.toCode : r.fromCode, reason: problem! });
            continue;
          }
          const pair = `${from.id}>${to.id}`;
          const earlier = rows.get(pair);
          if (earlier) {
            counts.duplicates!.push({
              row: earlier.row,
              column: 'MaDonViMoi',
              value: r.toCode,
              reason: `trùng cặp đơn vị cũ – mới, được thay bằng dòng ${row}`,
            });
          }
          rows.set(pair, { row, record: r, fromId: from.id, toId: to.id });
        }

        // Reject until nothing changes: cycles through the file's rows, and splits whose known shares exceed the whole.
        const reject = (pair: string, column: string, value: string, reason: string) => {
          counts.rejected.push({ row: rows.get(pair)!.row, column, value, reason });
          rows.delete(pair);
        };
        const codeOf = new Map(units.map((u) => [u.id, u.code]));
        for (let changed = true; changed;) {
          changed = false;
          const kept = existing.filter((e) => !rows.has(`${e.fromId}>${e.toId}`));
          const cycle = findCycle([...kept, ...rows.values()]);
          if (cycle) {
            const inFile = cycle
              .slice(1)
              .map((to, i) => `${cycle[i]}>${to}`)
              .find((p) => rows.has(p));
            if (inFile) {
              const r = rows.get(inFile)!.record;
              const path = cycle.map((id) => codeOf.get(id)).join(' → ');
              reject(inFile, 'MaDonViMoi', r.toCode, `kế thừa tạo thành vòng lặp: ${path}`);
              changed = true;
            }
          }
          const shares = new Map<number, number>();
          for (const e of [...kept, ...[...rows.values()].map((x) => ({ fromId: x.fromId, share: x.record.share }))]) {
            shares.set(e.fromId, (shares.get(e.fromId) ?? 0) + (e.share ?? 0));
          }
          // The later row of a split whose shares add up to more than the whole is the one refused.
          for (const [pair, x] of [...rows].reverse()) {
            if ((shares.get(x.fromId) ?? 0) > 1.00001) {
              reject(pair, 'TyLe', String(x.record.share ?? ''), `tổng tỷ lệ của đơn vị cũ ${x.record.fromCode} vượt quá 1`);
              changed = true;
              break;
            }
          }
        }

        const old = new Map(existing.map((e) => [`${e.fromId}>${e.toId}`, e]));
        const changedRows = [...rows.entries()]
          .filter(([pair, { record: r }]) => {
            const e = old.get(pair);
            const same = e && e.effectiveOn === r.effectiveOn && e.share === r.share && e.primary === r.primary;
            if (!e) counts.inserted++;
            else if (same) counts.unchanged++;
            else counts.updated++;
            return !same;
          })
          .map(([, x]) => x);
        if (changedRows.length > 0) {
          await tx.$executeRaw`
          INSERT INTO unit_successions (from_unit_id, to_unit_id, effective_on, share, is_primary)
          SELECT * FROM unnest(${changedRows.map((x) => x.fromId)}::int[], ${changedRows.map((x) => x.toId)}::int[],
                               ${changedRows.map((x) => x.record.effectiveOn)}::date[],
                               ${changedRows.map((x) => x.record.share)}::numeric[],
                               ${changedRows.map((x) => x.record.primary)}::boolean[])
          ON CONFLICT (from_unit_id, to_unit_id) DO UPDATE
            SET effective_on = excluded.effective_on, share = excluded.share, is_primary = excluded.is_primary`;
        }
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
