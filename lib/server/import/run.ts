// One import of a dossier file (CSV or XLSX), whichever way it comes in (CLI; the upload page later): read, validate,
// apply in batches, keep the history.
import 'server-only';
import type { Readable } from 'node:stream';
import { CsvFormatError, openCsv } from '@/lib/import/csv';
import { openXlsx } from '@/lib/import/xlsx';
import { parseDossierRow, type RowError } from '@/lib/import/dossier-row';
import { DOSSIER_COLUMNS } from '@/lib/import/headers';
import { applyDossierBatch, finishImport, startImport, type BatchInput } from './dossiers';
import { applyFeedback, applyHolidays, applyProcedures, rebuildRollups, type CatalogCounts } from './catalogs';
import { feedbackRowSchema, holidayRowSchema, parseRow, procedureRowSchema } from '@/lib/import/catalog-rows';
import { FEEDBACK_COLUMNS, HOLIDAY_COLUMNS, PROCEDURE_COLUMNS, type ColumnSpec } from '@/lib/import/headers';
import type { z } from 'zod';
import { CSV_BOM, csvLine } from '@/lib/export/csv';

const BATCH = 5_000;

/** A file that cannot be imported at all (wrong columns): nothing was written. */
export class ImportFileError extends Error {}

export interface ImportSummary {
  importId: number | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RowError[];
  duplicates: RowError[];
  ignoredColumns: string[];
}

export interface ImportOptions {
  fileName: string | null;
  source: string;
  format?: 'csv' | 'xlsx';
  /** XLSX: the sheet to read (default the first). */
  sheet?: string;
  dryRun?: boolean;
  onProgress?: (rows: number) => void;
}

/** Opens a CSV or XLSX file for one kind of rows; a file without the required columns is refused whole. */
async function openTable<C extends string>(input: Readable, columns: readonly (ColumnSpec & { name: C })[], options: ImportOptions) {
  const file = options.format === 'xlsx' ? await openXlsx(input, columns, options.sheet) : await openCsv(input, columns);
  if (file.header.missing.length > 0) {
    throw new ImportFileError(`Tệp thiếu cột bắt buộc: ${file.header.missing.join(', ')} (dòng tiêu đề là dòng 1).`);
  }
  return file;
}

/** Runs the body of an import and closes its history entry, done or failed. */
async function tracked(summary: ImportSummary, body: () => Promise<void>): Promise<ImportSummary> {
  try {
    await body();
  } catch (error) {
    if (summary.importId !== null) await finishImport(summary.importId, summary, 'failed').catch(() => undefined);
    // A file that stops being readable part-way: the rows before were applied; say where it broke.
    if (error instanceof CsvFormatError) throw new ImportFileError(`${error.message} Các dòng trước đó đã được nhập.`);
    throw error;
  }
  summary.rejected.sort((a, b) => a.row - b.row);
  if (summary.importId !== null) await finishImport(summary.importId, summary);
  return summary;
}

export async function importDossierFile(input: Readable, options: ImportOptions): Promise<ImportSummary> {
  const file = await openTable(input, DOSSIER_COLUMNS, options);
  const dryRun = options.dryRun ?? false;
  const importId = dryRun ? null : await startImport(options.source, options.fileName);
  const summary: ImportSummary = {
    importId, rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [], duplicates: [], ignoredColumns: file.header.ignored,
  };
  let batch: BatchInput[] = [];
  // One batch is written while the next one is read and validated: the database and Node work at the same time.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const full = batch;
    batch = [];
    await writing;
    writing = applyDossierBatch(full, importId, dryRun).then((counts) => {
      summary.inserted += counts.inserted;
      summary.updated += counts.updated;
      summary.unchanged += counts.unchanged;
      summary.rejected.push(...counts.rejected);
      summary.duplicates.push(...counts.duplicates);
    });
    writing.catch(() => undefined); // handled where it is awaited; this only keeps Node from calling it unhandled
  };
  return tracked(summary, async () => {
    try {
      for await (const { row, raw } of file.rows) {
        summary.rows++;
        const parsed = parseDossierRow(raw, row);
        if (parsed.ok) batch.push({ row, record: parsed.record });
        else summary.rejected.push(...parsed.errors);
        if (batch.length >= BATCH) await flush();
        if (summary.rows % 10_000 === 0) options.onProgress?.(summary.rows);
      }
      await flush();
    } finally {
      await writing.catch(() => undefined);
    }
    await writing;
    options.onProgress?.(summary.rows);
  });
}

/** Rejected rows as CSV (UTF-8 with BOM, so that Excel shows Vietnamese right), cells that start a formula neutralised. */
export function rejectedRowsCsv(errors: readonly RowError[]): string {
  return CSV_BOM + csvLine(['Dòng', 'Cột', 'Giá trị', 'Lý do']) + errors.map((e) => csvLine([e.row, e.column, e.value, e.reason])).join('');
}

interface CatalogKind<S extends z.ZodType> {
  columns: readonly ColumnSpec[];
  schema: S;
  apply: (batch: Array<{ row: number; record: z.output<S> }>) => Promise<CatalogCounts>;
}
const kind = <S extends z.ZodType>(k: CatalogKind<S>) => k;
const CATALOGS = {
  procedures: kind({ columns: PROCEDURE_COLUMNS, schema: procedureRowSchema, apply: applyProcedures }),
  holidays: kind({ columns: HOLIDAY_COLUMNS, schema: holidayRowSchema, apply: applyHolidays }),
  feedback: kind({ columns: FEEDBACK_COLUMNS, schema: feedbackRowSchema, apply: applyFeedback }),
};
export type CatalogKindName = keyof typeof CATALOGS;

/** Imports a catalogue file (procedures, holidays or feedback), then rebuilds the roll-ups if the file changed their inputs. */
export async function importCatalogFile(name: CatalogKindName, input: Readable, options: ImportOptions): Promise<ImportSummary> {
  const spec = CATALOGS[name] as CatalogKind<z.ZodType>;
  const file = await openTable(input, spec.columns, options);
  const importId = options.dryRun ? null : await startImport(options.source, options.fileName, name);
  const summary: ImportSummary = {
    importId, rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [], duplicates: [], ignoredColumns: file.header.ignored,
  };
  let rebuild = false;
  let batch: Array<{ row: number; record: unknown }> = [];
  const flush = async () => {
    if (batch.length === 0 || options.dryRun) {
      summary.unchanged += options.dryRun ? batch.length : 0;
      batch = [];
      return;
    }
    const counts = await spec.apply(batch);
    summary.inserted += counts.inserted;
    summary.updated += counts.updated;
    summary.unchanged += counts.unchanged;
    summary.rejected.push(...counts.rejected);
    rebuild ||= counts.rebuild;
    batch = [];
  };
  return tracked(summary, async () => {
    for await (const { row, raw } of file.rows) {
      summary.rows++;
      const parsed = parseRow(spec.schema, raw, row);
      if (parsed.ok) batch.push({ row, record: parsed.record });
      else summary.rejected.push(...parsed.errors);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    if (rebuild) await rebuildRollups();
    options.onProgress?.(summary.rows);
  });
}
