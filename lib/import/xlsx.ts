// Streams the rows of an XLSX sheet (the first, or one named) keyed by the canonical column names, like csv.ts.
// Constant memory: exceljs's streaming reader. Pure (no database).
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CsvFormatError } from './csv';
import type { TableFile } from './source';
import { isPersonalHeader, matchHeaders, type ColumnSpec } from './headers';

/** A cell as the text the value parsers read. Excel dates are wall-clock times: kept as local, date-only at 00:00. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 23);
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return String(value.text);
  return ''; // an error cell (#N/A …)
}

export async function openXlsx<C extends string>(
  input: Readable,
  specs: readonly (ColumnSpec & { name: C })[],
  sheetName?: string,
  groups: ReadonlyArray<readonly string[]> = [],
): Promise<TableFile<C>> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    entries: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  type Row = { number: number; values: string[] };
  const rows = (async function* (): AsyncGenerator<Row> {
    try {
      for await (const worksheet of reader) {
        const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
        if (sheetName && ws.name !== sheetName) continue;
        for await (const row of ws) {
          const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText); // values[0] is unused by exceljs
          yield { number: row.number, values };
        }
        return;
      }
    } catch (error) {
      throw new CsvFormatError(0, `tệp XLSX hỏng (${error instanceof Error ? error.message : String(error)})`);
    }
  })();
  let first = await rows.next();
  while (!first.done && first.value.values.every((v) => v.trim() === '')) first = await rows.next();
  const headerCells = first.done ? [] : first.value.values;
  const header = matchHeaders(headerCells, specs, groups);
  const personal = headerCells.map(isPersonalHeader);
  return {
    header,
    headerCells: headerCells.map((h, i) => (personal[i] ? '' : h)),
    headerRow: first.done ? 1 : first.value.number,
    delimiter: null,
    rows: (async function* () {
      for await (const { number, values } of rows) {
        if (values.every((v) => v.trim() === '')) continue;
        const raw: Partial<Record<C, string>> = {};
        values.forEach((v, i) => {
          const column = header.columns[i];
          if (column) raw[column] = v;
        });
        yield { row: number, raw, original: values.map((v, i) => (personal[i] ? '' : v)) };
      }
    })(),
  };
}
