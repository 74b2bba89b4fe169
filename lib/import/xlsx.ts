// Streams the rows of an XLSX sheet (the first, or one named) keyed by the canonical column names, like csv.ts, the
// header found below a title block (table.ts). Pure (no database).
//
// The upload is spooled to a temporary file and read through the zip's central directory: the workbook,
// its relations, shared strings and styles first, then the sheet row by row — constant memory whatever the order of
// the zip's entries. exceljs's own streaming reader walks the local headers instead and now and then loses the last
// entry (exceljs #3064), which is where exceljs's own writer puts xl/workbook.xml.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
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

/** The parts of exceljs's WorkbookReader fed here entry by entry (exceljs 4.4, pinned). */
interface WorkbookParts {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { id: number; name: string; rId: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<{ value: AsyncIterable<ExcelJS.Row> }>;
}

/** The workbook stops being readable (after `row`, 0 when nothing was read): a CsvFormatError, reported as such. */
export class XlsxFormatError extends CsvFormatError {
  constructor(row: number, detail: string) {
    super(row, detail);
    this.name = 'XlsxFormatError';
    this.message = `Tệp XLSX hỏng, không đọc được${row > 0 ? ` sau dòng ${row}` : ''} (${detail}).`;
  }
}

/** The upload as a zip directory over a temporary file, removed by `close`. */
async function spool(input: Readable) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tthc-xlsx-'));
  const close = () => rm(dir, { recursive: true, force: true });
  try {
    const file = path.join(dir, 'upload.xlsx');
    await pipeline(input, createWriteStream(file));
    return { directory: unzipper.Open.file(file), close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function openXlsx<C extends string>(
  input: Readable,
  specs: readonly (ColumnSpec & { name: C })[],
  sheetName?: string,
  groups: ReadonlyArray<readonly string[]> = [],
): Promise<TableFile<C>> {
  const { directory, close } = await spool(input);
  let last = 0;
  const corrupt = (reason: unknown) => new XlsxFormatError(last, reason instanceof Error ? reason.message : String(reason));
  const rows = (async function* (): AsyncGenerator<ReadRow> {
    try {
      const zip = await directory.catch((error: unknown) => {
        throw corrupt(error);
      });
      const entry = (name: string) => zip.files.find((f) => f.path === name);
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(null as unknown as Readable, {
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        worksheets: 'emit',
      }) as unknown as WorkbookParts;
      const rels = entry('xl/_rels/workbook.xml.rels');
      const book = entry('xl/workbook.xml');
      if (!rels || !book) throw corrupt('không có xl/workbook.xml');
      await reader._parseRels(rels.stream());
      await reader._parseWorkbook(book.stream());
      const strings = entry('xl/sharedStrings.xml');
      if (strings) for await (const _ of reader._parseSharedStrings(strings.stream()));
      const styles = entry('xl/styles.xml');
      if (styles) await reader._parseStyles(styles.stream());

      const sheets = reader.model?.sheets ?? [];
      const sheet = sheetName ? sheets.find((s) => s.name === sheetName) : sheets[0];
      if (!sheet) return;
      const target = reader.workbookRels?.find((r) => r.Id === sheet.rId)?.Target ?? '';
      const part = entry(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
      const sheetNo = /sheet(\d+)\.xml$/.exec(target)?.[1];
      if (!part || !sheetNo) throw corrupt(`không có trang ${sheet.name}`);
      for (const { value: worksheet } of reader._parseWorksheet(part.stream(), sheetNo)) {
        for await (const row of worksheet) {
          // values[0] is unused by exceljs and the array has holes where cells are empty (a merged title's other
          // cells, a short row's gaps): Array.from reads a hole as an empty cell.
          const cells = Array.from((row.values as ExcelJS.CellValue[]).slice(1), cellText);
          yield { number: row.number, cells };
          last = row.number;
        }
      }
    } catch (error) {
      throw error instanceof CsvFormatError ? error : corrupt(error);
    } finally {
      await close();
    }
  })();
  return { ...(await openTable(rows, specs, groups)), delimiter: null };
}
