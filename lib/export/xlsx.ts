// XLSX as an export format, in constant memory: exceljs's streaming WorkbookWriter, each row committed (written to
// the zip) as it comes. Cells are written as values — strings and numbers — never as formulas, so a cell that
// starts with = + - @ stays text in Excel (no formula injection) without the CSV's leading apostrophe.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { ExportFormat, ExportRow } from './format';

/**
 * Plain values only: exceljs reads an object as a formula, hyperlink or rich text, but a string always as text.
 * (No dates either: without styles they would show as serial numbers; the caller formats them.)
 */
export type XlsxCell = string | number | null;

/** The stream archiver reads a sheet from: a readable-stream 2 PassThrough (no `writableNeedDrain` getter). */
interface SheetPipe extends NodeJS.EventEmitter {
  _writableState?: { needDrain?: boolean };
}

/**
 * Waits until the zip compressor has taken the rows written so far. exceljs 4.4's sheet stream ignores backpressure:
 * it writes on into the stream archiver reads the sheet from (its only pipe), which would buffer a whole fast export
 * in memory. That stream's `drain` is the signal to wait for (exceljs is pinned; a test covers the memory).
 */
async function compressed(sheet: ExcelJS.Worksheet): Promise<void> {
  const target = (sheet as unknown as { stream: { pipes?: SheetPipe[] } }).stream.pipes?.[0];
  if (target?._writableState?.needDrain) await once(target, 'drain');
}

export function xlsxFormat<R = ExportRow>(
  sheetName: string,
  columns: readonly string[],
  cells: (row: R) => XlsxCell[],
): ExportFormat<R> {
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    open(emit) {
      const zip = new PassThrough();
      zip.on('data', (chunk: Buffer) => emit(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
      const done = finished(zip);
      done.catch(() => {}); // awaited in close(); an abandoned export must not leave an unhandled rejection
      // Strings in their cells (no shared-string table to keep in memory until the end), no styles.
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zip, useSharedStrings: false, useStyles: false });
      const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.addRow([...columns]).commit();
      return {
        async rows(batch) {
          for (const row of batch) sheet.addRow(cells(row)).commit();
          await compressed(sheet); // before the next fetch is read
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
