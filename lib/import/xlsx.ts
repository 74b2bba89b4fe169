// Streams the rows of an XLSX sheet (the first, or one named) keyed by the canonical column names, like csv.ts, the
// header found below a title block (table.ts). Constant memory: exceljs's streaming reader. Pure (no database).
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CsvFormatError } from './csv';
import type { TableFile } from './source';
import type { ColumnSpec } from './headers';
import { openTable, type ReadRow } from './table';

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
  const rows = (async function* (): AsyncGenerator<ReadRow> {
    try {
      for await (const worksheet of reader) {
        const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
        if (sheetName && ws.name !== sheetName) continue;
        for await (const row of ws) {
          // values[0] is unused by exceljs and the array has holes where cells are empty (a merged title's other
          // cells, a short row's gaps): Array.from reads a hole as an empty cell.
          const cells = Array.from((row.values as ExcelJS.CellValue[]).slice(1), cellText);
          yield { number: row.number, cells };
        }
        return;
      }
    } catch (error) {
      throw new CsvFormatError(0, `tệp XLSX hỏng (${error instanceof Error ? error.message : String(error)})`);
    }
  })();
  return { ...(await openTable(rows, specs, groups)), delimiter: null };
}
