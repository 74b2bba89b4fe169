// CSV for Excel users: UTF-8 with a BOM (so Vietnamese shows right), CRLF, and cells that would start a formula
// (= + - @ tab CR) neutralised with a leading apostrophe (CSV/formula injection).
export const CSV_BOM = '\uFEFF';

export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
