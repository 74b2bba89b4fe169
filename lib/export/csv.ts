// CSV for Excel users: UTF-8 with a BOM (so Vietnamese shows right), CRLF, and cells that would start a formula
// (= + - @ tab CR) neutralised with a leading apostrophe (CSV/formula injection).
import type { ExportFormat, ExportRow } from './format';
export const CSV_BOM = '\uFEFF';

export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** CSV as an export format: `head` (BOM and header row) first, then the lines of each fetch. */
export function csvFormat<R = ExportRow>(head: string, lines: (rows: R[]) => string): ExportFormat<R> {
  const encoder = new TextEncoder();
  return {
    contentType: 'text/csv; charset=utf-8',
    open(emit) {
      emit(encoder.encode(head));
      return {
        rows: (batch) => emit(encoder.encode(lines(batch))),
        close: async () => {},
      };
    },
  };
}
