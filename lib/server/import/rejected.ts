// The rejected rows of one import, in bounded memory: the first KEPT are held (for the answer and the import history),
// and every one is written, as it is found, to the import's rejected-rows file under `<data dir>/imports/`, which the
// history's download serves. The file repeats each rejected row as it came — its original columns (CSV and XLSX
// inputs, in the input's format) or its record (JSON) — with `Dòng` and `Lý do` added, so that it can be corrected and
// imported again as it is (SPEC §4.1). Personal data is not in it: the sources drop it on read.
import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { RowError } from '@/lib/import/dossier-row';
import { CSV_BOM, csvFormat, csvLine } from '@/lib/export/csv';
import { xlsxFormat } from '@/lib/export/xlsx';
import type { ExportWriter } from '@/lib/export/format';
import { dataDir } from '@/lib/env';

/** Rejected rows held in memory (and kept in the history) at the most. */
export const KEPT_REJECTED = 10_000;

/** The short form of rejected rows (a dry run's first ones, an old import's history): one line per error. */
export const REJECTED_HEADER = ['Dòng', 'Mã hồ sơ', 'Cột', 'Giá trị', 'Lý do'];

const DIRECTORY = path.join(dataDir, 'imports');

/** How the rows of an input came: the rejected-rows file is written the same way. */
export type RejectedFormat = 'csv' | 'xlsx' | 'json';

/** The path of a rejected-rows file by the name kept in the history; null for a name that is not one of ours. */
export const rejectedRowsPath = (name: string | null): string | null =>
  name && /^\d+-[0-9a-f]{16}-loi\.(csv|xlsx|json)$/.test(name) ? path.join(DIRECTORY, name) : null;

/** One error as a line of the short form. */
export const rejectedRowLine = (e: RowError) => csvLine([e.row, e.code ?? '', e.column, e.value, e.reason]);

/** Rejected rows in the short form, as CSV for Excel (UTF-8 with BOM; cells that start a formula neutralised). */
export function rejectedRowsCsv(errors: readonly RowError[]): string {
  return CSV_BOM + csvLine(REJECTED_HEADER) + errors.map(rejectedRowLine).join('');
}

/** The reason of a rejected row: each of its errors, with the column. */
export const rowReason = (errors: readonly RowError[]) =>
  errors.map((e) => `${e.column}${e.value ? ` "${e.value}"` : ''}: ${e.reason}`).join('; ');

/** A rejected row as it came: the cells of a CSV/XLSX row, or a JSON record. */
export type OriginalRow = readonly string[] | Readonly<Record<string, unknown>>;

interface Target {
  write(row: number, reason: string, original: OriginalRow): Promise<void>;
  close(): Promise<void>;
}

export class RejectedRows {
  /** The first KEPT_REJECTED errors. */
  readonly kept: RowError[] = [];
  /** Errors found, and rows they were found in (a row can have several). */
  errors = 0;
  rows = 0;
  private target: Target | null = null;
  private out: fs.WriteStream | null = null;
  private failed: Error | null = null;
  /** The file's name under the data directory's imports/, once something was written to it. */
  fileName: string | null = null;

  /**
   * `importId`: the import the file belongs to; null (a dry run) keeps only the first ones. `format` and `header`:
   * how the input's rows came (the header's cells for CSV and XLSX).
   */
  constructor(
    private readonly importId: number | null,
    private readonly format: RejectedFormat = 'csv',
    private readonly header: readonly string[] | null = null,
  ) {}

  /** The errors of one row (every error of a row comes in one call), with the row as it came. */
  async add(errors: readonly RowError[], original?: OriginalRow): Promise<void> {
    if (errors.length === 0) return;
    this.errors += errors.length;
    this.rows += errors.length === 1 ? 1 : new Set(errors.map((e) => e.row)).size;
    for (const e of errors) if (this.kept.length < KEPT_REJECTED) this.kept.push(e);
    if (this.importId === null) return;
    this.target ??= this.open();
    if (this.failed) throw this.failed;
    // Rows without their original (a catalogue's, a database refusal found after the rows were read) are written in
    // the short form's columns.
    for (const [row, rowErrors] of byRow(errors)) {
      await this.target.write(row, rowReason(rowErrors), original ?? shortForm(rowErrors));
    }
  }

  private open(): Target {
    this.fileName = `${this.importId}-${randomBytes(8).toString('hex')}-loi.${this.format}`;
    fs.mkdirSync(DIRECTORY, { recursive: true });
    const out = fs.createWriteStream(path.join(DIRECTORY, this.fileName), { mode: 0o600 });
    this.out = out;
    out.on('error', (error) => {
      this.failed ??= error;
    });
    const emit = async (text: string | Uint8Array) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    if (this.format === 'json') return jsonTarget(emit);
    const columns = [...(this.header ?? ['Mã hồ sơ', 'Cột', 'Giá trị']), 'Dòng', 'Lý do'];
    const width = columns.length - 2;
    const cells = (r: { row: number; reason: string; original: OriginalRow }) => {
      const values = Array.isArray(r.original) ? (r.original as readonly string[]) : [];
      return [...Array.from({ length: width }, (_, i) => values[i] ?? ''), r.row, r.reason];
    };
    // The export formats (lib/export) write the bytes; chunks are queued in order and flushed after each row.
    let pending: Array<string | Uint8Array> = [];
    const format =
      this.format === 'xlsx'
        ? xlsxFormat<{ row: number; reason: string; original: OriginalRow }>('Dòng bị từ chối', columns, cells)
        : csvFormat<{ row: number; reason: string; original: OriginalRow }>(CSV_BOM + csvLine(columns), (rows) =>
            rows.map((r) => csvLine(cells(r))).join(''),
          );
    const writer: ExportWriter<{ row: number; reason: string; original: OriginalRow }> = format.open((chunk) => {
      pending.push(chunk);
    });
    const flush = async () => {
      const chunks = pending;
      pending = [];
      for (const c of chunks) await emit(c);
    };
    return {
      async write(row, reason, original) {
        await writer.rows([{ row, reason, original }]);
        await flush();
      },
      async close() {
        await writer.close();
        await flush();
      },
    };
  }

  /** Closes the file; the path it was written to, or null when nothing was rejected (or a dry run). */
  async close(): Promise<string | null> {
    this.kept.sort((a, b) => a.row - b.row);
    if (!this.out || !this.target) return null;
    const out = this.out;
    if (!this.failed) {
      await this.target.close();
      out.end();
      await once(out, 'finish');
    }
    if (this.failed) throw this.failed;
    return out.path.toString();
  }
}

/** A DongBoHoSoMC payload of the rejected records, each with `Dòng` and `Lý do` (ignored when imported again). */
function jsonTarget(emit: (text: string) => Promise<void>): Target {
  let first = true;
  return {
    async write(row, reason, original) {
      const record = Array.isArray(original) ? { ...shortFormRecord(original as string[]) } : { ...original };
      await emit(
        `${first ? '{"service":"DongBoHoSoMC","isUpdating":"True","data":[\n' : ',\n'}${JSON.stringify({ ...record, Dòng: row, 'Lý do': reason })}`,
      );
      first = false;
    },
    async close() {
      await emit(first ? '{"service":"DongBoHoSoMC","isUpdating":"True","data":[]}\n' : '\n]}\n');
    },
  };
}

const shortForm = (errors: readonly RowError[]): string[] => [
  errors[0]?.code ?? '',
  errors[0]?.column ?? '',
  errors[0]?.value ?? '',
];
const shortFormRecord = (cells: readonly string[]) => ({ MaHoSo: cells[0] ?? '' });

/** The errors of each row, in the order the rows came. */
export function byRow(errors: readonly RowError[]): Map<number, RowError[]> {
  const rows = new Map<number, RowError[]>();
  for (const e of errors) rows.set(e.row, [...(rows.get(e.row) ?? []), e]);
  return rows;
}
