// The records of a JSON input (json.ts: a .json file, a push to POST /api/v1/dossiers) read like a file's rows: keys
// matched as headers (the portal's names or the Vietnamese labels), values as the text of a cell, DongBoHoSoMC lists
// folded in (dongbo.ts). `row` is the record's index in the array. Pure.
import { flattenDongBo } from './dongbo';
import { matchHeaders, type ColumnSpec, type HeaderMatch } from './headers';
import type { SourceRow } from './source';

/**
 * The header of records whose keys can differ from one record to the next, learnt key by key and updated in place. Each
 * key names its column on its own: a record with "Mã hồ sơ" and another with "MaHoSo" both have a code; two keys of one
 * column in one record are a duplicate, the first one wins. `missing` are the columns no record so far had: a JSON
 * input is checked record by record.
 */
export class RecordHeader<C extends string> {
  readonly header: HeaderMatch<C> = { columns: [], missing: [], ignored: [], duplicated: [] };
  private readonly keys: string[] = [];
  private readonly columnOf = new Map<string, C | null>();

  constructor(
    private readonly specs: readonly (ColumnSpec & { name: C })[],
    private readonly groups: ReadonlyArray<readonly string[]> = [],
  ) {}

  /** A record's cells (keyed by its own keys) → the known columns' text. */
  columns(cells: Record<string, string>): Partial<Record<C, string>> {
    const raw: Partial<Record<C, string>> = {};
    for (const key in cells) {
      let column = this.columnOf.get(key);
      if (column === undefined) column = this.learn([key]).get(key) ?? null;
      if (column !== null && raw[column] === undefined) raw[column] = cells[key];
    }
    return raw;
  }

  /** Adds keys not seen before; rare (a file has a few dozen keys), so the header is matched again whole. */
  learn(keys: Iterable<string>): Map<string, C | null> {
    for (const key of keys) {
      if (this.columnOf.has(key)) continue;
      this.keys.push(key);
      this.columnOf.set(key, matchHeaders([key], this.specs).columns[0] ?? null);
    }
    const match = matchHeaders(this.keys, this.specs, this.groups);
    const h = this.header;
    h.columns.splice(0, h.columns.length, ...match.columns);
    h.missing.splice(0, h.missing.length, ...match.missing);
    h.ignored.splice(0, h.ignored.length, ...match.ignored);
    h.duplicated.splice(0, h.duplicated.length, ...match.duplicated);
    return this.columnOf;
  }
}

/** One element of a records array as a row: a record is flattened; anything else is a row of nothing (rejected). */
export function recordRow<C extends string>(element: unknown, index: number, header: RecordHeader<C>): SourceRow<C> {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) {
    // Not a record: nothing of it is kept (it could be anything, personal data included); validation rejects the row
    // for its missing required columns, under its index.
    return { row: index, raw: {}, original: {} };
  }
  const { raw, original } = flattenDongBo(element as Record<string, unknown>);
  return { row: index, raw: header.columns(raw), original };
}
