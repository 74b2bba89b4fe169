// XLSX as an export format, in constant memory: exceljs's streaming WorkbookWriter, each row committed (written to
// the zip) as it comes. Cells are written as values — strings, numbers, dates — never as formulas, so a cell that
// starts with = + - @ stays text in Excel (no formula injection) without the CSV's leading apostrophe.
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { ExportFormat, ExportRow } from './format';

export type XlsxCell = string | number | Date | null;

/** Strings as plain values: exceljs would read an object as a formula, hyperlink or rich text; a string never. */
const cellValue = (v: XlsxCell): ExcelJS.CellValue => v;

export function xlsxFormat(sheetName: string, columns: readonly string[], cells: (row: ExportRow) => XlsxCell[]): ExportFormat {
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    open(emit) {
      const zip = new PassThrough();
      zip.on('data', (chunk: Buffer) => emit(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
      const done = finished(zip);
      // Inline strings (no shared-string table to keep in memory until the end), no styles.
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zip, useSharedStrings: false, useStyles: false });
      const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.addRow([...columns]).commit();
      return {
        async rows(batch) {
          for (const row of batch) sheet.addRow(cells(row).map(cellValue)).commit();
          // Let the compressor take this fetch's rows before the next fetch is read.
          await new Promise<void>((resolve) => setImmediate(resolve));
        },
        async close() {
          sheet.commit();
          await workbook.commit();
          await done;
        },
      };
    },
  };
}
