// One import, whichever way it comes in — the CLI, the upload page, POST /api/v1/dossiers, POST /api/v1/imports — and
// whatever it is — a canonical CSV or XLSX, a one-stop system's spreadsheet export, a DongBoHoSoMC JSON stream, an API
// body (SPEC §4, §4.1). Each stage is its own module:
//   source (./source) → validate (lib/import/dossier-row) → resolve units and procedures (./resolve) → write (./write),
// with the rejected rows (./rejected) and the import history (./history) beside them. This module runs the stages.
import 'server-only';
import { CsvFormatError } from '@/lib/import/csv';
import { JsonFormatError } from '@/lib/import/json';
import { parseDossierRow, type RowError } from '@/lib/import/dossier-row';
import type { TableFile } from '@/lib/import/source';
import { applyDossierBatch, stageDossier, type BatchInput } from './write';
import { finishImport, startImport, type ImportKind } from './history';
import { KEPT_REJECTED, RejectedRows, byRow, type OriginalRow } from './rejected';
import { Resolver, type Unresolved } from './resolve';
import { ImportFileError, openSource, type ImportInput, type InputFormat } from './source';
import { applyUnits } from './units';
import { applyUnitMappings } from './mappings';
import { applyFeedback, applyHolidays, applyProcedures, rebuildRollups, type CatalogCounts } from './catalogs';
import {
  feedbackRowSchema,
  holidayRowSchema,
  parseRow,
  procedureRowSchema,
  unitMappingRowSchema,
  unitRowSchema,
} from '@/lib/import/catalog-rows';
import {
  FEEDBACK_COLUMNS,
  HOLIDAY_COLUMNS,
  PROCEDURE_COLUMNS,
  UNIT_COLUMNS,
  UNIT_MAPPING_COLUMNS,
  type ColumnSpec,
} from '@/lib/import/headers';
import type { z } from 'zod';

export { ImportFileError, IMPORT_KINDS, detectKind, formatOf, type ImportInput, type InputFormat } from './source';
export { rejectedRowsCsv } from './rejected';
export type { ImportKind } from './history';

// Records per transaction. Larger batches merge more of the roll-up rows they touch (measured at 10 M: 20,000 a
// quarter faster than 5,000); two batches are in memory at once, one being read while the other is written.
const BATCH = 20_000;
// Transactions writing batches at once. Two keep both cores busy on a 2-core machine (Node reading, one backend
// inserting, another finishing its roll-up); more only wait for each other's roll-up row locks.
const WRITERS = 2;

export interface ImportSummary {
  importId: number | null;
  kind: ImportKind;
  /** How the rows came: the rejected-rows file is in the same format. */
  format: InputFormat;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows that are not dossiers (not yet received, footer lines): not rejected, counted per reason. */
  skipped: number;
  skipReasons: Record<string, number>;
  /** The first KEPT_REJECTED rejected rows' errors, by row; all of them are in `rejectedFile`. */
  rejected: RowError[];
  /** Rejected rows, and errors found in them (a row can have several). */
  rejectedRows: number;
  rejectedErrors: number;
  /** Every rejected row in its original columns (under `<data dir>/imports/`), or null when none was (or a dry run). */
  rejectedFile: string | null;
  /** Its name, as the history keeps it. */
  rejectedFileName: string | null;
  /** Unit and procedure names or identifiers that matched nothing, with their row counts (the mapping step). */
  unresolved: Unresolved[];
  /** The first KEPT_REJECTED rows replaced by a later row with the same code (last wins), and how many there were. */
  duplicates: RowError[];
  duplicateCount: number;
  ignoredColumns: string[];
}

export interface ImportOptions {
  fileName: string | null;
  /** How it came in: 'cli', 'upload', 'api', 'test' … (the history shows it with the actor). */
  source: string;
  /** Who imports (kept in the history): a signed-in user's id, or null (CLI, API token). */
  userId?: number | null;
  /** The file's format (default CSV); records are JSON. */
  format?: InputFormat;
  /** XLSX: the sheet to read (default the first). */
  sheet?: string;
  dryRun?: boolean;
  /** Dossiers: only units under this path may be written (an importer bound to a unit); default everything. */
  scopePath?: string;
  /** Dossiers: records per transaction (default 20,000). */
  batchSize?: number;
  /** Dossiers: batches written at once, each in its own transaction (default 2). */
  writers?: number;
  /** The import whose rejected rows this one imports again. */
  retryOf?: number | null;
  onProgress?: (rows: number) => void;
}

/**
 * The one way in: imports an input of one kind — 'auto': the kind its header shows — and records it in the import
 * history.
 */
export async function importFile(kind: ImportKind | 'auto', input: ImportInput, options: ImportOptions): Promise<ImportSummary> {
  const opened = await openSource(kind, input, options);
  return opened.kind === 'dossiers'
    ? importDossierFile(opened.file, opened.format, options)
    : importCatalogFile(opened.kind, opened.file, opened.format, options);
}

/** A new summary of an import of `kind`, with its rejected rows collected in bounded memory. */
function newSummary(importId: number | null, kind: ImportKind, file: TableFile<string>, format: InputFormat) {
  const rejected = new RejectedRows(importId, format, file.headerCells);
  const summary: ImportSummary = {
    importId,
    kind,
    format,
    rows: 0,
    skipped: 0,
    skipReasons: {},
    unresolved: [],
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: rejected.kept,
    rejectedRows: 0,
    rejectedErrors: 0,
    rejectedFile: null,
    rejectedFileName: null,
    duplicates: [],
    duplicateCount: 0,
    ignoredColumns: file.header.ignored,
  };
  return { summary, rejected };
}

/** Runs the body of an import and closes its history entry, done or failed (a rejected-rows file that could not be
 * written fails it too: the history never stays "running"). */
async function tracked(summary: ImportSummary, rejected: RejectedRows, body: () => Promise<void>): Promise<ImportSummary> {
  const close = async () => {
    summary.rejectedRows = rejected.rows;
    summary.rejectedErrors = rejected.errors;
    summary.rejectedFileName = rejected.fileName;
    summary.rejectedFile = await rejected.close();
  };
  try {
    await body();
    await close();
  } catch (error) {
    await close().catch(() => undefined);
    if (summary.importId !== null) await finishImport(summary.importId, summary, 'failed').catch(() => undefined);
    // A file that stops being readable part-way: the rows before were applied; say where it broke.
    if (error instanceof CsvFormatError) {
      throw new ImportFileError(
        `${error.message} Các dòng trước đó đã được nhập.`,
        error instanceof JsonFormatError ? 'invalid_json' : 'invalid_file',
      );
    }
    throw error;
  }
  if (summary.importId !== null) await finishImport(summary.importId, summary);
  return summary;
}

/** Counts a row that is not a record (kept reasons bounded: a reason names its row's text). */
function skip(summary: ImportSummary, reason: string) {
  summary.skipped++;
  if (reason in summary.skipReasons || Object.keys(summary.skipReasons).length < 100) {
    summary.skipReasons[reason] = (summary.skipReasons[reason] ?? 0) + 1;
  }
}

async function importDossierFile(file: TableFile<string>, format: InputFormat, options: ImportOptions): Promise<ImportSummary> {
  const dryRun = options.dryRun ?? false;
  const batchSize = options.batchSize ?? BATCH;
  const writers = options.writers ?? WRITERS;
  const resolver = await Resolver.load();
  const importId = dryRun
    ? null
    : await startImport(options.source, options.fileName, 'dossiers', options.userId ?? null, options.retryOf ?? null);
  const { summary, rejected } = newSummary(importId, 'dossiers', file, format);
  // Rejections found by a batch being written (with the rows as they came), added to `rejected` in order by the
  // reading loop.
  let found: Array<{ errors: RowError[]; originals: Map<number, OriginalRow | undefined> }> = [];
  let batch: BatchInput[] = [];
  // Batches are written by up to WRITERS transactions at once while the next batch is read and validated: Node and
  // the database work at the same time, and a batch's inserts overlap the previous batch's roll-up. A batch that
  // shares a MaHoSo with one being written waits for it, so that the later row still wins.
  type Writing = { codes: ReadonlySet<string>; done: Promise<void> };
  let writing: Writing[] = [];
  let failure: unknown = null;
  const flush = async () => {
    const full = batch;
    batch = [];
    if (full.length === 0) return;
    const codes = new Set(full.map((input) => input.record.code));
    for (const w of [...writing]) {
      if (writing.length < writers && !sharesCode(codes, w.codes)) continue;
      await w.done;
      writing = writing.filter((other) => other !== w);
    }
    if (failure) throw failure; // a batch waited for has failed: the import stops here
    const done = applyDossierBatch(full, importId, dryRun, options.scopePath).then(
      (counts) => {
        summary.inserted += counts.inserted;
        summary.updated += counts.updated;
        summary.unchanged += counts.unchanged;
        if (counts.rejected.length > 0) {
          found.push({ errors: counts.rejected, originals: new Map(full.map((input) => [input.row, input.original])) });
        }
        keepDuplicates(summary, counts.duplicates);
      },
      (error: unknown) => {
        failure ??= error;
      },
    );
    writing.push({ codes, done });
  };
  const takeFound = async () => {
    const all = found;
    found = [];
    for (const { errors, originals } of all) {
      for (const [row, rowErrors] of byRow(errors)) await rejected.add(rowErrors, originals.get(row));
    }
  };
  return tracked(summary, rejected, async () => {
    try {
      for await (const source of file.rows) {
        summary.rows++;
        const { row, original } = source;
        const code = source.raw.MaHoSo?.trim() || undefined;
        const parsed = source.skip === undefined ? parseDossierRow(source.raw, row) : null;
        if (parsed === null || ('skip' in parsed && parsed.skip)) {
          skip(summary, source.skip ?? (parsed as { skip: string }).skip);
        } else if (!parsed.ok) {
          await rejected.add(withCode(parsed.errors, code), original);
        } else {
          const resolved = resolver.resolve(parsed.record, row);
          if (resolved.ok) batch.push(stageDossier(row, resolved.record, original));
          else await rejected.add(withCode(resolved.errors, code), original);
        }
        if (batch.length >= batchSize) {
          await flush();
          await takeFound();
        }
        if (summary.rows % 1_000 === 0) options.onProgress?.(summary.rows);
      }
      await flush();
    } finally {
      await Promise.all(writing.map((w) => w.done)); // nothing is left running when the import returns or fails
    }
    await takeFound();
    if (failure) throw failure;
    summary.unresolved = resolver.unresolvedValues();
    options.onProgress?.(summary.rows);
  });
}

const withCode = (errors: readonly RowError[], code: string | undefined): RowError[] =>
  code === undefined ? [...errors] : errors.map((e) => ({ ...e, code }));

/** Counts rows replaced by a later row of the same code, and keeps the first KEPT_REJECTED of them (bounded memory). */
function keepDuplicates(summary: ImportSummary, duplicates: readonly RowError[]) {
  summary.duplicateCount += duplicates.length;
  for (const d of duplicates) if (summary.duplicates.length < KEPT_REJECTED) summary.duplicates.push(d);
}

/** Whether two batches name a dossier in common (the smaller set is walked). */
function sharesCode(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const code of small) if (large.has(code)) return true;
  return false;
}

interface CatalogKind<S extends z.ZodType> {
  columns: readonly ColumnSpec[];
  schema: S;
  apply: (batch: Array<{ row: number; record: z.output<S> }>, dryRun: boolean) => Promise<CatalogCounts>;
  /** The whole file is one batch (one transaction): its rows refer to each other in any order (units). */
  wholeFile?: boolean;
  /** `apply` checks a dry run against the database (and rolls it back); otherwise a dry run only validates rows. */
  checksDryRun?: boolean;
}
const kind = <S extends z.ZodType>(k: CatalogKind<S>) => k;
const CATALOGS = {
  units: kind({ columns: UNIT_COLUMNS, schema: unitRowSchema, apply: applyUnits, wholeFile: true, checksDryRun: true }),
  unit_mapping: kind({
    columns: UNIT_MAPPING_COLUMNS,
    schema: unitMappingRowSchema,
    apply: applyUnitMappings,
    wholeFile: true,
    checksDryRun: true,
  }),
  procedures: kind({ columns: PROCEDURE_COLUMNS, schema: procedureRowSchema, apply: applyProcedures }),
  holidays: kind({ columns: HOLIDAY_COLUMNS, schema: holidayRowSchema, apply: applyHolidays }),
  feedback: kind({ columns: FEEDBACK_COLUMNS, schema: feedbackRowSchema, apply: applyFeedback }),
};
export type CatalogKindName = keyof typeof CATALOGS;

/** Imports a catalogue file (units, procedures, holidays or feedback), then rebuilds the roll-ups if the file changed their inputs. */
async function importCatalogFile(
  name: CatalogKindName,
  file: TableFile<string>,
  format: InputFormat,
  options: ImportOptions,
): Promise<ImportSummary> {
  const spec = CATALOGS[name] as CatalogKind<z.ZodType>;
  const importId = options.dryRun ? null : await startImport(options.source, options.fileName, name, options.userId ?? null);
  const { summary, rejected } = newSummary(importId, name, file, format);
  const originals = new Map<number, OriginalRow>();
  let rebuild = false;
  let batch: Array<{ row: number; record: unknown }> = [];
  const flush = async () => {
    if (batch.length === 0 || (options.dryRun && !spec.checksDryRun)) {
      summary.unchanged += options.dryRun ? batch.length : 0;
      batch = [];
      return;
    }
    const counts = await spec.apply(batch, options.dryRun ?? false);
    summary.inserted += counts.inserted;
    summary.updated += counts.updated;
    summary.unchanged += counts.unchanged;
    for (const e of counts.rejected) await rejected.add([e], originals.get(e.row));
    originals.clear();
    keepDuplicates(summary, counts.duplicates ?? []);
    rebuild ||= counts.rebuild;
    batch = [];
  };
  return tracked(summary, rejected, async () => {
    for await (const { row, raw, original, skip: skipped } of file.rows) {
      summary.rows++;
      if (skipped !== undefined) {
        skip(summary, skipped);
        continue;
      }
      const parsed = parseRow(spec.schema, raw, row);
      if (parsed.ok) {
        batch.push({ row, record: parsed.record });
        originals.set(row, original);
      } else await rejected.add(parsed.errors, original);
      if (batch.length >= BATCH && !spec.wholeFile) await flush();
      if (summary.rows % 1_000 === 0) options.onProgress?.(summary.rows);
    }
    await flush();
    if (rebuild) await rebuildRollups();
    options.onProgress?.(summary.rows);
  });
}
