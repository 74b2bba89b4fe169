// Streams the records of a CSV file (UTF-8 with or without BOM, "," or ";", quoted fields with newlines) keyed by the
// canonical column names (SPEC §4). Constant memory: records are read one by one. Pure (no database).
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { isPersonalHeader, matchHeaders, type ColumnSpec } from './headers';
import type { TableFile } from './source';

/** The file stops being readable CSV at some record: the records before it were read. */
export class CsvFormatError extends Error {
  constructor(
    readonly row: number,
    detail: string,
  ) {
    super(`Tệp CSV không đọc được từ dòng ${row}: ${detail}`);
  }
}

export type { TableFile } from './source';

/** The delimiter of a file: the one of "," and ";" that appears more often in its first line outside quotes. */
export function detectDelimiter(firstLine: string): ',' | ';' {
  let inQuotes = false;
  let commas = 0;
  let semicolons = 0;
  for (const ch of firstLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === ',') commas++;
    else if (!inQuotes && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Reads the first bytes to find the delimiter, then parses the whole stream. */
export async function openCsv<C extends string>(
  input: Readable,
  specs: readonly (ColumnSpec & { name: C })[],
  groups: ReadonlyArray<readonly string[]> = [],
): Promise<TableFile<C> & { delimiter: ',' | ';' }> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headText = '';
  while (!headText.includes('\n')) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    head.push(chunk);
    headText += chunk.toString('utf8');
    if (headText.length > 1_000_000) break; // a header line that long is not a header: let the parser report it
  }
  const delimiter = detectDelimiter(headText.replace(/^\uFEFF/, '').split('\n')[0] ?? '');
  const rest = Readable.from(
    (async function* () {
      for (const chunk of head) yield chunk;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    })(),
  );
  const parser = rest.pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
      max_record_size: 1_000_000,
    }),
  );
  const iteratorOf = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let read = 0;
  const records = {
    async next() {
      try {
        const next = await iteratorOf.next();
        if (!next.done) read++;
        return next;
      } catch (error) {
        throw new CsvFormatError(read + 1, error instanceof Error ? error.message : String(error));
      }
    },
  };
  const first = await records.next();
  const headerCells = (first.done ? [] : first.value) as string[];
  const header = matchHeaders(headerCells, specs, groups);
  const personal = headerCells.map(isPersonalHeader);
  return {
    header,
    headerCells: headerCells.map((h, i) => (personal[i] ? '' : h)),
    headerRow: 1,
    delimiter,
    rows: (async function* () {
      let row = 1;
      for (;;) {
        const next = await records.next();
        if (next.done) return;
        row++;
        const raw: Partial<Record<C, string>> = {};
        next.value.forEach((v, i) => {
          const column = header.columns[i];
          if (column) raw[column] = v;
        });
        yield { row, raw, original: next.value.map((v, i) => (personal[i] ? '' : v)) };
      }
    })(),
  };
}
