// One import of a file (CSV or XLSX) or of a JSON array of records, whichever way it comes in — the CLI, the upload
// page, POST /api/v1/dossiers: `importFile` reads, validates, applies in batches and keeps the history (who, when, what).
import 'server-only';
import type { Readable } from 'node:stream';
import { CsvFormatError, openCsv, type TableFile } from '@/lib/import/csv';
import { openXlsx } from '@/lib/import/xlsx';
import { openRecords, type JsonRecord } from '@/lib/import/records';
import { parseDossierRow, type RowError } from '@/lib/import/dossier-row';
import { DOSSIER_COLUMN_GROUPS, DOSSIER_COLUMNS, describeMissing } from '@/lib/import/headers';
import { applyDossierBatch, finishImport, stageDossier, startImport, type BatchInput, type ImportKind } from './dossiers';
import { KEPT_REJECTED, REJECTED_HEADER, RejectedRows, rejectedRowLine } from './rejected';
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
import { CSV_BOM, csvLine } from '@/lib/export/csv';

// Records per transaction. Larger batches merge more of the roll-up rows they touch (measured at 10 M: 20,000 a
// quarter faster than 5,000); two batches are in memory at once, one being read while the other is written.
const BATCH = 20_000;
// Transactions writing batches at once. Two keep both cores busy on a 2-core machine (Node reading, one backend
// inserting, another finishing its roll-up); more only wait for each other's roll-up row locks.
const WRITERS = 2;

/** A file that cannot be imported at all (wrong columns): nothing was written. */
export class ImportFileError extends Error {}

export interface ImportSummary {
  importId: number | null;
  kind: ImportKind;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** The first KEPT_REJECTED rejected rows' errors, by row; all of them are in `rejectedFile`. */
  rejected: RowError[];
  /** Rejected rows, and errors found in them (a row can have several). */
  rejectedRows: number;
  rejectedErrors: number;
  /** Every rejected row as CSV (under `<data dir>/imports/`), or null when none was (or a dry run). */
  rejectedFile: string | null;
  /** Its name, as the history keeps it. */
  rejectedFileName: string | null;
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
  format?: 'csv' | 'xlsx';
  /** XLSX: the sheet to read (default the first). */
  sheet?: string;
  dryRun?: boolean;
  /** Dossiers: only units under this path may be written (an importer bound to a unit); default everything. */
  scopePath?: string;
  /** Dossiers: records per transaction (default 20,000). */
  batchSize?: number;
  /** Dossiers: batches written at once, each in its own transaction (default 2). */
  writers?: number;
  onProgress?: (rows: number) => void;
}

export const IMPORT_KINDS = [
  'dossiers',
  'units',
  'unit_mapping',
  'procedures',
  'holidays',
  'feedback',
] as const satisfies readonly ImportKind[];

/** A file (CSV or XLSX as `options.format` says) or a JSON array of records (POST /api/v1/dossiers). */
export type ImportInput = Readable | { records: readonly JsonRecord[] };

/** Opens the rows of a file (or JSON records) with these columns; an empty or unreadable file is refused whole. */
async function openTable<C extends string>(
  input: ImportInput,
  columns: readonly (ColumnSpec & { name: C })[],
  options: ImportOptions,
) {
  if ('records' in input) return openRecords(input.records, columns); // JSON: each record is checked on its own
  let file;
  try {
    const groups = (columns as readonly ColumnSpec[]) === DOSSIER_COLUMNS ? DOSSIER_COLUMN_GROUPS : [];
    file =
      options.format === 'xlsx'
        ? await openXlsx(input, columns, options.sheet, groups)
        : await openCsv(input, columns, groups);
  } catch (error) {
    if (!(error instanceof CsvFormatError)) throw error;
    throw new ImportFileError(
      options.format === 'xlsx'
        ? 'Không đọc được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel (.xlsx). Không có gì được nhập.'
        : `${error.message}. Không có gì được nhập.`,
    );
  }
  if (file.header.columns.length === 0) throw new ImportFileError('Tệp rỗng: không có dòng tiêu đề nào. Không có gì được nhập.');
  return file;
}

const columnsOf = (kind: ImportKind): readonly ColumnSpec[] => (kind === 'dossiers' ? DOSSIER_COLUMNS : CATALOGS[kind].columns);

/** Every column of every kind (the same name has the same meaning in each), to read a header before knowing the kind. */
const allColumns = (): readonly ColumnSpec[] => [
  ...IMPORT_KINDS.flatMap((k) => columnsOf(k))
    .reduce(
      (all, c) =>
        all.set(c.name, {
          name: c.name,
          aliases: [...new Set([...(all.get(c.name)?.aliases ?? []), ...c.aliases])],
          required: false,
        }),
      new Map<string, ColumnSpec>(),
    )
    .values(),
];

/** The kind a header belongs to, by its telling columns; null when it says nothing clear. */
export function detectKind(present: ReadonlySet<string>): ImportKind | null {
  if (present.has('MaHoSo')) return 'dossiers';
  if (present.has('MaPAKN')) return 'feedback';
  if (present.has('MaDonViCu') && present.has('MaDonViMoi')) return 'unit_mapping';
  if (present.has('CapDonVi') || present.has('TenDonVi')) return 'units';
  if (present.has('Ngay') && present.has('Loai')) return 'holidays';
  if (present.has('NgayTiepNhan')) return 'dossiers';
  if (present.has('TenTTHC') && present.has('MaLinhVuc')) return 'procedures';
  return null;
}

/** Opens a file for its kind — or, with 'auto', for the kind its header shows; refused whole without the required columns. */
async function openFor(kind: ImportKind | 'auto', input: ImportInput, options: ImportOptions) {
  let chosen: ImportKind;
  let file: TableFile<string>;
  if (kind !== 'auto') {
    chosen = kind;
    file = await openTable(input, columnsOf(kind), options);
  } else {
    const all = await openTable(input, allColumns(), options);
    const present = new Set(all.header.columns.filter((c) => c !== null));
    const detected = detectKind(present);
    if (!detected) {
      throw new ImportFileError(
        'Không nhận ra loại dữ liệu từ dòng tiêu đề (hồ sơ cần cột MaHoSo, đơn vị cột CapDonVi, kế thừa đơn vị cột ' +
          'MaDonViCu và MaDonViMoi, thủ tục cột ' +
          'TenTTHC và MaLinhVuc, ngày nghỉ cột Ngay và Loai, phản ánh cột MaPAKN): hãy chọn loại dữ liệu.',
      );
    }
    chosen = detected;
    const own = new Set(columnsOf(chosen).map((c) => c.name));
    file = {
      ...all,
      header: {
        columns: all.header.columns.map((c) => (c !== null && own.has(c) ? c : null)),
        missing: columnsOf(chosen)
          .filter((c) => c.required && !present.has(c.name))
          .map((c) => c.name),
        ignored: [...all.header.ignored, ...[...present].filter((c) => !own.has(c))],
        duplicated: all.header.duplicated,
      },
    };
  }
  if (file.header.missing.length > 0 && !('records' in input)) {
    throw new ImportFileError(
      `Tệp thiếu cột bắt buộc: ${file.header.missing.map((c) => describeMissing(c)).join(', ')} (dòng tiêu đề là dòng ${file.headerRow}).`,
    );
  }
  if (chosen !== 'dossiers' && (options.scopePath ?? '/') !== '/') {
    throw new ImportFileError('Danh mục (đơn vị, kế thừa đơn vị, thủ tục, ngày nghỉ, phản ánh) chỉ quản trị toàn tỉnh được nạp.');
  }
  return { kind: chosen, file };
}

/**
 * The one way in: imports a file (or JSON records) of one kind — 'auto': the kind its header shows — and records it
 * in the import history.
 */
export async function importFile(kind: ImportKind | 'auto', input: ImportInput, options: ImportOptions): Promise<ImportSummary> {
  const opened = await openFor(kind, input, options);
  return opened.kind === 'dossiers'
    ? importDossierFile(opened.file, options)
    : importCatalogFile(opened.kind, opened.file, options);
}

/** A new summary of an import of `kind`, with its rejected rows collected in bounded memory. */
function newSummary(importId: number | null, kind: ImportKind, ignoredColumns: string[]) {
  const rejected = new RejectedRows(importId);
  const summary: ImportSummary = {
    importId,
    kind,
    rows: 0,
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
    ignoredColumns,
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
    if (error instanceof CsvFormatError) throw new ImportFileError(`${error.message} Các dòng trước đó đã được nhập.`);
    throw error;
  }
  if (summary.importId !== null) await finishImport(summary.importId, summary);
  return summary;
}

async function importDossierFile(file: TableFile<string>, options: ImportOptions): Promise<ImportSummary> {
  const dryRun = options.dryRun ?? false;
  const batchSize = options.batchSize ?? BATCH;
  const writers = options.writers ?? WRITERS;
  const importId = dryRun ? null : await startImport(options.source, options.fileName, 'dossiers', options.userId ?? null);
  const { summary, rejected } = newSummary(importId, 'dossiers', file.header.ignored);
  // Rejections found by a batch being written, added to `rejected` in order by the reading loop.
  let found: RowError[][] = [];
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
        if (counts.rejected.length > 0) found.push(counts.rejected);
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
    for (const errors of all) await rejected.add(errors);
  };
  return tracked(summary, rejected, async () => {
    try {
      for await (const { row, raw } of file.rows) {
        summary.rows++;
        const parsed = parseDossierRow(raw, row);
        if (parsed.ok) batch.push(stageDossier(row, parsed.record));
        else await rejected.add(parsed.errors);
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
    options.onProgress?.(summary.rows);
  });
}

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

/** Rejected rows as CSV (UTF-8 with BOM, so that Excel shows Vietnamese right), cells that start a formula neutralised. */
export function rejectedRowsCsv(errors: readonly RowError[]): string {
  return CSV_BOM + csvLine(REJECTED_HEADER) + errors.map(rejectedRowLine).join('');
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
async function importCatalogFile(name: CatalogKindName, file: TableFile<string>, options: ImportOptions): Promise<ImportSummary> {
  const spec = CATALOGS[name] as CatalogKind<z.ZodType>;
  const importId = options.dryRun ? null : await startImport(options.source, options.fileName, name, options.userId ?? null);
  const { summary, rejected } = newSummary(importId, name, file.header.ignored);
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
    for (const e of counts.rejected) await rejected.add([e]);
    keepDuplicates(summary, counts.duplicates ?? []);
    rebuild ||= counts.rebuild;
    batch = [];
  };
  return tracked(summary, rejected, async () => {
    for await (const { row, raw } of file.rows) {
      summary.rows++;
      const parsed = parseRow(spec.schema, raw, row);
      if (parsed.ok) batch.push({ row, record: parsed.record });
      else await rejected.add(parsed.errors);
      if (batch.length >= BATCH && !spec.wholeFile) await flush();
      if (summary.rows % 1_000 === 0) options.onProgress?.(summary.rows);
    }
    await flush();
    if (rebuild) await rebuildRollups();
    options.onProgress?.(summary.rows);
  });
}
