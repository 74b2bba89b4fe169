// Streams the records of a CSV file (UTF-8 with or without BOM, "," or ";", quoted fields with newlines) keyed by the
// canonical column names (SPEC §4), the header found below a title block (table.ts). Constant memory: records are read
// one by one. Pure (no database).
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ColumnSpec } from './headers';
import type { TableFile } from './source';
import { HEADER_SEARCH_ROWS, countKnownColumns, openTable, type ReadRow } from './table';

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

/** The delimiter of a line: the one of "," and ";" that appears more often in it outside quotes. */
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

/** A line's cells split on a delimiter outside quotes (quotes removed): enough to tell which split names columns. */
function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let inQuotes = false;
  let cell = '';
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * The delimiter of a file from its first lines. A title line above the header ("SỔ THEO DÕI HỒ SƠ", "Từ ngày 01/11/2025,
 * …") says nothing about it, so the header line decides: the delimiter under which some line names the most known
 * columns. When neither names any, the first non-blank line's count decides, as for a file without a title.
 */
export function detectFileDelimiter(
  lines: readonly string[],
  specs: readonly ColumnSpec[],
  groups: ReadonlyArray<readonly string[]> = [],
): ',' | ';' {
  const best = (delimiter: ',' | ';') =>
    Math.max(
      0,
      ...lines.map((line) => (line.length > 100_000 ? 0 : countKnownColumns(splitLine(line, delimiter), specs, groups))),
    );
  const semicolons = best(';');
  const commas = best(',');
  if (semicolons !== commas) return semicolons > commas ? ';' : ',';
  return detectDelimiter(lines.find((line) => line.trim() !== '') ?? '');
}

/** Reads the first lines to find the delimiter, then parses the whole stream; the header may stand below a title block. */
export async function openCsv<C extends string>(
  input: Readable,
  specs: readonly (ColumnSpec & { name: C })[],
  groups: ReadonlyArray<readonly string[]> = [],
): Promise<TableFile<C> & { delimiter: ',' | ';' }> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headText = '';
  let newlines = 0;
  while (newlines < HEADER_SEARCH_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    head.push(chunk);
    const text = chunk.toString('utf8');
    headText += text;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) newlines++;
    if (headText.length > 1_000_000) break; // lines that long are no header: let the parser report them
  }
  const lines = headText
    .replace(/^\uFEFF/, '')
    .split('\n')
    .slice(0, HEADER_SEARCH_ROWS);
  const delimiter = detectFileDelimiter(lines, specs, groups);
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
      // Blank lines are rows of the file: counted, so that row numbers are the ones a spreadsheet shows, then dropped.
      skip_empty_lines: false,
      relax_quotes: true,
      max_record_size: 1_000_000,
    }),
  );
  const iteratorOf = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let read = 0;
  const records: AsyncIterator<ReadRow> = {
    async next() {
      try {
        const next = await iteratorOf.next();
        if (next.done) return next;
        read++;
        return { done: false, value: { number: read, cells: next.value } };
      } catch (error) {
        throw new CsvFormatError(read + 1, error instanceof Error ? error.message : String(error));
      }
    },
  };
  return { ...(await openTable(records, specs, groups)), delimiter };
}
