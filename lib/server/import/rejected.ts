// The rejected rows of one import, in bounded memory: the first KEPT are held (for the answer and the import history),
// and every one is written, as it is found, to the import's rejected-rows file (`<data dir>/imports/<id>-<random>-loi.csv`)
// that the history's download serves. A file of 300,000 bad rows costs a file on disk, not 300,000 objects in memory.
import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { RowError } from '@/lib/import/dossier-row';
import { CSV_BOM, csvLine } from '@/lib/export/csv';
import { dataDir } from '@/lib/env';

/** Rejected rows held in memory (and kept in the history) at the most. */
export const KEPT_REJECTED = 10_000;

export const REJECTED_HEADER = ['Dòng', 'Cột', 'Giá trị', 'Lý do'];

const DIRECTORY = path.join(dataDir, 'imports');

/** The path of a rejected-rows file by the name kept in the history; null for a name that is not one of ours. */
export const rejectedRowsPath = (name: string | null): string | null =>
  name && /^\d+-[0-9a-f]{16}-loi\.csv$/.test(name) ? path.join(DIRECTORY, name) : null;

/** One rejected row's error as a CSV line of the rejected-rows file. */
export const rejectedRowLine = (e: RowError) => csvLine([e.row, e.column, e.value, e.reason]);

export class RejectedRows {
  /** The first KEPT_REJECTED errors. */
  readonly kept: RowError[] = [];
  /** Errors found, and rows they were found in (a row can have several). */
  errors = 0;
  rows = 0;
  private out: fs.WriteStream | null = null;
  private failed: Error | null = null;
  /** The file's name under the data directory's imports/, once something was written to it. */
  fileName: string | null = null;

  /** `importId`: the import the file belongs to; null (a dry run) keeps only the first ones. */
  constructor(private readonly importId: number | null) {}

  /** The errors of some rows (every error of a row comes in one call). */
  async add(errors: readonly RowError[]): Promise<void> {
    if (errors.length === 0) return;
    this.errors += errors.length;
    this.rows += errors.length === 1 ? 1 : new Set(errors.map((e) => e.row)).size;
    for (const e of errors) if (this.kept.length < KEPT_REJECTED) this.kept.push(e);
    if (this.importId === null) return;
    if (!this.out) {
      this.fileName = `${this.importId}-${randomBytes(8).toString('hex')}-loi.csv`;
      fs.mkdirSync(DIRECTORY, { recursive: true });
      this.out = fs.createWriteStream(path.join(DIRECTORY, this.fileName), { mode: 0o600 });
      this.out.on('error', (error) => {
        this.failed ??= error;
      });
      this.out.write(CSV_BOM + csvLine(REJECTED_HEADER));
    }
    if (this.failed) throw this.failed;
    if (!this.out.write(errors.map(rejectedRowLine).join(''))) await once(this.out, 'drain');
  }

  /** Closes the file; the path it was written to, or null when nothing was rejected (or a dry run). */
  async close(): Promise<string | null> {
    this.kept.sort((a, b) => a.row - b.row);
    if (!this.out) return null;
    const out = this.out;
    if (!this.failed) {
      out.end();
      await once(out, 'finish');
    }
    if (this.failed) throw this.failed;
    return out.path.toString();
  }
}
