// The shape of a spreadsheet as one-stop systems export it (SPEC §4.1), common to CSV and XLSX: the header row found
// below a title block, rows read by position, footer lines (totals, signatures, a dated place) skipped. Pure.
import { isPersonalHeader, matchHeaders, type ColumnSpec } from './headers';
import type { SourceRow, TableFile } from './source';

/** The header is the row, among this many first rows, that names the most known columns (SPEC §4.1). */
export const HEADER_SEARCH_ROWS = 30;

/** A row as a reader gives it: its number in the file (1-based) and its cells, by position, without holes. */
export interface ReadRow {
  number: number;
  cells: string[];
}

const isBlank = (cells: readonly string[]) => cells.every((v) => v.trim() === '');

/** How many known columns a row of cells names. */
export function countKnownColumns(
  cells: readonly string[],
  specs: readonly ColumnSpec[],
  groups: ReadonlyArray<readonly string[]> = [],
): number {
  return matchHeaders(cells, specs, groups).columns.filter((c) => c !== null).length;
}

/**
 * Which of these rows is the header: the one naming the most known columns, the first of a tie; when none names any,
 * the first non-blank row (a file of unknown columns is then refused for what it lacks, as before); -1 when all are
 * blank. Title lines (agency, report name, period) name no column, so a header below them wins.
 */
export function findHeader(
  rows: ReadonlyArray<readonly string[]>,
  specs: readonly ColumnSpec[],
  groups: ReadonlyArray<readonly string[]> = [],
): number {
  let best = -1;
  let bestCount = 0;
  rows.forEach((cells, i) => {
    if (isBlank(cells)) return;
    const count = countKnownColumns(cells, specs, groups);
    if (best === -1 || count > bestCount) {
      best = i;
      bestCount = count;
    }
  });
  return best;
}

/** Text compared ignoring case, diacritics and spacing: "Tổng  CỘNG:" → "tong cong:". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// How the lines below a report's table begin, folded. "Cộng" folds as "Công" does ("Công dân yêu cầu rút hồ sơ"): it
// counts only followed by a number, a colon or nothing.
const FOOTER_STARTS = [
  /^tong (cong|so)\b/, // Tổng cộng: 12 hồ sơ · Tổng số hồ sơ
  /^(tong|cong) ?(:|\.|\d|$)/, // Cộng: 12 · Tổng 12
  /^(nguoi|can bo) lap( bieu| bang| danh sach)?\b/, // Người lập biểu
  /^thu truong\b/, // Thủ trưởng đơn vị
  /^lanh dao\b/, // Lãnh đạo đơn vị
  /^\(? ?ky(,| ten| va| ghi| ho)/, // (Ký, ghi rõ họ tên) · (Ký tên, đóng dấu)
  /^xac nhan( cua (lanh dao|thu truong|co quan|don vi)\b| ?[:.]|$)/, // Xác nhận của thủ trưởng đơn vị · Xác nhận:
  /^(kt|tm|tl|tuq)\. /, // KT. CHỦ TỊCH · TM. ỦY BAN NHÂN DÂN
  /^([^,\d]{1,50}, ?)?ngay [\d.…_ ]*thang [\d.…_ ]*nam\b/, // Kon Tum, ngày 05 tháng 12 năm 2025
];

/** Whether a cell's text starts a footer line (a total, a signature, a dated place line). */
export function isFooterText(text: string): boolean {
  const t = fold(text);
  return t !== '' && FOOTER_STARTS.some((re) => re.test(t));
}

/** A cell quoted in a reason, not too long. */
const quote = (text: string) => {
  const t = text.trim().replace(/\s+/g, ' ');
  return `"${t.length > 80 ? `${t.slice(0, 79)}…` : t}"`;
};

/**
 * The footer text of a row, or null. A row is a footer when its first non-empty cell reads like one AND its key cell
 * (MaHoSo, …) is empty or is that very cell: a data row keeps its key, so a procedure or a status that merely starts
 * with such words ("Xác nhận …", "Công dân yêu cầu rút hồ sơ") never ends the data. Only the first non-empty cell is
 * read: a footer line's text stands at its start, a data row's first cells are its number and its key.
 */
export function footerText(cells: readonly string[], keyPositions: readonly number[]): string | null {
  let first = -1;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i]!.trim() !== '') {
      first = i;
      break;
    }
  }
  if (first === -1) return null;
  for (const k of keyPositions) if (k !== first && (cells[k] ?? '').trim() !== '') return null;
  return isFooterText(cells[first]!) ? cells[first]! : null;
}

/**
 * A table from the rows a reader gives: reads up to HEADER_SEARCH_ROWS rows ahead to find the header, then yields every
 * later row — blank ones dropped, a footer line and every row after it skipped with the reason. Constant memory: only
 * those first rows are held. A read that fails within them fails here when no row was read, else after the rows before
 * it were yielded (they are applied, as anywhere else in a file).
 */
export async function openTable<C extends string>(
  read: AsyncIterator<ReadRow>,
  specs: readonly (ColumnSpec & { name: C })[],
  groups: ReadonlyArray<readonly string[]> = [],
): Promise<Omit<TableFile<C>, 'delimiter'>> {
  const ahead: ReadRow[] = [];
  let failure: { error: unknown } | null = null;
  while (ahead.length < HEADER_SEARCH_ROWS) {
    let next: IteratorResult<ReadRow>;
    try {
      next = await read.next();
    } catch (error) {
      if (ahead.length === 0) throw error;
      failure = { error };
      break;
    }
    if (next.done) break;
    ahead.push(next.value);
  }
  const at = findHeader(
    ahead.map((r) => r.cells),
    specs,
    groups,
  );
  const headerCells = at === -1 ? [] : ahead[at]!.cells;
  const header = matchHeaders(headerCells, specs, groups);
  const personal = headerCells.map(isPersonalHeader);
  // Each spec list's first column is its row key (MaHoSo, MaDonVi, MaTTHC, Ngay, MaPAKN, MaDonViCu).
  const key = specs[0]?.name;
  const keyPositions = header.columns.flatMap((c, i) => (c !== null && c === key ? [i] : []));
  const width = headerCells.length;

  async function* rows(): AsyncGenerator<SourceRow<C>> {
    let footer: { row: number; text: string } | null = null;
    const shape = ({ number, cells }: ReadRow): SourceRow<C> | null => {
      // The row as read, aligned to the header: a short row padded (read by position up to its last cell).
      const original = cells.map((v, i) => (personal[i] ? '' : v));
      while (original.length < width) original.push('');
      const raw: Partial<Record<C, string>> = {};
      cells.forEach((v, i) => {
        const column = header.columns[i];
        if (column) raw[column] = v;
      });
      if (footer === null) {
        const text = footerText(cells, keyPositions);
        if (text !== null) {
          footer = { row: number, text };
          return { row: number, raw, original, skip: `dòng cuối bảng (${quote(text)})` };
        }
        if (isBlank(cells)) return null;
        return { row: number, raw, original };
      }
      if (isBlank(cells)) return null;
      return { row: number, raw, original, skip: `sau dòng cuối bảng (dòng ${footer.row}: ${quote(footer.text)})` };
    };
    for (const r of ahead.slice(at + 1)) {
      const row = shape(r);
      if (row) yield row;
    }
    ahead.length = 0;
    if (failure) throw failure.error;
    for (;;) {
      const next = await read.next();
      if (next.done) return;
      const row = shape(next.value);
      if (row) yield row;
    }
  }

  return {
    header,
    headerCells: headerCells.map((h, i) => (personal[i] ? '' : h)),
    headerRow: at === -1 ? 1 : ahead[at]!.number,
    rows: rows(),
    close: async () => {
      await read.return?.();
    },
  };
}
