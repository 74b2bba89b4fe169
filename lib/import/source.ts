// What every input (CSV, XLSX, a DongBoHoSoMC JSON stream, an API body) becomes before validation: a header matched to
// the canonical columns (SPEC §4) and rows of their text, each with the row as it was read. Pure.
import type { HeaderMatch } from './headers';

/** One row of an input, before validation. */
export interface SourceRow<C extends string> {
  /** Its row number in the file (1-based, as a spreadsheet shows it), or its index in a JSON array. */
  row: number;
  /** The known columns' text. */
  raw: Partial<Record<C, string>>;
  /**
   * The row as it was read, for the rejected-rows file (SPEC §4.1: importable again once corrected): its cells (CSV,
   * XLSX) by position, at least as many as `headerCells` (a short row padded with empty cells), or the record (JSON);
   * personal data already removed.
   */
  original: readonly string[] | Readonly<Record<string, unknown>>;
  /** Not a dossier (a footer line, a record not received …): counted as skipped with this reason, not rejected. */
  skip?: string;
}

/** An input read row by row, in constant memory. */
export interface TableFile<C extends string> {
  header: HeaderMatch<C>;
  /**
   * The header row's cells as read (personal columns blanked), and its row number: the row among the first 30 that names
   * the most known columns, below any title block (SPEC §4.1); null and 0 for JSON records.
   */
  headerCells: readonly string[] | null;
  headerRow: number;
  /** The CSV delimiter found; null for XLSX and JSON. */
  delimiter: ',' | ';' | null;
  rows: AsyncIterable<SourceRow<C>>;
  /** Releases what the reader holds (an XLSX upload's temporary file) when the rows are not read to their end. */
  close?: () => Promise<void>;
}
