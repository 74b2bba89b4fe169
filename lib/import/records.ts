// A JSON array of records (POST /api/v1/dossiers) read like a file: keys matched as headers (the portal's names or the
// Vietnamese labels), values as the text of a cell. `row` is the record's index in the array. Pure.
import { isPersonalHeader, matchHeaders, type ColumnSpec } from './headers';
import type { TableFile } from './source';

export type JsonRecord = Record<string, string | number | boolean | null>;

export function openRecords<C extends string>(
  records: readonly JsonRecord[],
  specs: readonly (ColumnSpec & { name: C })[],
): TableFile<C> {
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const header = matchHeaders(keys, specs);
  const columnOf = new Map(keys.map((key, i) => [key, header.columns[i] ?? null]));
  return {
    header,
    headerCells: null,
    headerRow: 0,
    delimiter: null,
    rows: (async function* () {
      for (const [index, record] of records.entries()) {
        const raw: Partial<Record<C, string>> = {};
        const original: Record<string, unknown> = {};
        for (const [key, v] of Object.entries(record)) {
          if (!isPersonalHeader(key)) original[key] = v;
          const column = columnOf.get(key);
          if (column && v !== null && v !== undefined) raw[column] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
        }
        yield { row: index, raw, original };
      }
    })(),
  };
}
