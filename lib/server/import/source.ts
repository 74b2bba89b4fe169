// The source stage of an import: whatever came in — a CSV or XLSX file (a canonical file or a one-stop system's
// export), a DongBoHoSoMC JSON stream, the records of an API body — opened as a TableFile of rows keyed by the
// canonical columns (SPEC §4, §4.1), for the kind asked for or the kind its header shows. A file that cannot be
// imported at all (unreadable, empty, without the required columns) is refused whole here, before anything is written.
import 'server-only';
import type { Readable } from 'node:stream';
import { CsvFormatError } from '@/lib/import/csv';
import { openCsv } from '@/lib/import/csv';
import { openXlsx } from '@/lib/import/xlsx';
import { JsonFormatError, openJson } from '@/lib/import/json';
import type { TableFile } from '@/lib/import/source';
import {
  DOSSIER_COLUMN_GROUPS,
  DOSSIER_COLUMNS,
  FEEDBACK_COLUMNS,
  HOLIDAY_COLUMNS,
  PROCEDURE_COLUMNS,
  UNIT_COLUMNS,
  UNIT_MAPPING_COLUMNS,
  describeMissing,
  type ColumnSpec,
} from '@/lib/import/headers';
import type { ImportKind } from './history';

import { ImportFileError } from '@/lib/server/errors';

export { ImportFileError };

/** The input formats: files (CSV, XLSX, JSON) and the records of an API body. */
export type InputFormat = 'csv' | 'xlsx' | 'json';

/** The bytes of a file (or of a request body), read as `format` says. */
export type ImportInput = Readable;

export const IMPORT_KINDS = [
  'dossiers',
  'units',
  'unit_mapping',
  'procedures',
  'holidays',
  'feedback',
] as const satisfies readonly ImportKind[];

const COLUMNS: Record<ImportKind, readonly ColumnSpec[]> = {
  dossiers: DOSSIER_COLUMNS,
  units: UNIT_COLUMNS,
  unit_mapping: UNIT_MAPPING_COLUMNS,
  procedures: PROCEDURE_COLUMNS,
  holidays: HOLIDAY_COLUMNS,
  feedback: FEEDBACK_COLUMNS,
};
const groupsOf = (kind: ImportKind) => (kind === 'dossiers' ? DOSSIER_COLUMN_GROUPS : []);

/** The format of a file by its name: .csv, .xlsx or .json; null for another. */
export function formatOf(fileName: string): InputFormat | null {
  const m = /\.(csv|xlsx|json)$/i.exec(fileName);
  return m ? (m[1]!.toLowerCase() as InputFormat) : null;
}

/** Opens the rows of an input with these columns; an empty or unreadable file is refused whole. */
async function openTable(
  input: ImportInput,
  columns: readonly ColumnSpec[],
  groups: ReadonlyArray<readonly string[]>,
  format: InputFormat,
  sheet?: string,
): Promise<TableFile<string>> {
  let file;
  try {
    file =
      format === 'xlsx'
        ? await openXlsx(input, columns, sheet, groups)
        : format === 'json'
          ? await openJson(input, columns, groups)
          : await openCsv(input, columns, groups);
  } catch (error) {
    if (!(error instanceof CsvFormatError)) throw error;
    throw new ImportFileError(
      format === 'xlsx'
        ? 'Không đọc được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel (.xlsx). Không có gì được nhập.'
        : `${error.message}. Không có gì được nhập.`,
      error instanceof JsonFormatError ? 'invalid_json' : 'invalid_file',
    );
  }
  if (format !== 'json' && file.header.columns.length === 0) {
    throw new ImportFileError('Tệp rỗng: không có dòng tiêu đề nào. Không có gì được nhập.');
  }
  return file;
}

/** Every column of every kind (the same name has the same meaning in each), to read a header before knowing the kind. */
const allColumns = (): readonly ColumnSpec[] => [
  ...IMPORT_KINDS.flatMap((k) => COLUMNS[k])
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

/**
 * Opens an input for its kind — or, with 'auto', for the kind its header shows (JSON is always dossiers: the national
 * sync payload); refused whole without the required columns.
 */
export async function openSource(
  kind: ImportKind | 'auto',
  input: ImportInput,
  options: { format?: InputFormat; sheet?: string; scopePath?: string },
): Promise<{ kind: ImportKind; file: TableFile<string>; format: InputFormat }> {
  const format: InputFormat = options.format ?? 'csv';
  if (format === 'json' && kind !== 'auto' && kind !== 'dossiers') {
    throw new ImportFileError('Tệp JSON chỉ chứa hồ sơ (gói DongBoHoSoMC): hãy chọn loại dữ liệu "hồ sơ".');
  }
  const chosenKind: ImportKind | 'auto' = format === 'json' ? 'dossiers' : kind;
  let chosen: ImportKind;
  let file: TableFile<string>;
  if (chosenKind !== 'auto') {
    chosen = chosenKind;
    file = await openTable(input, COLUMNS[chosen], groupsOf(chosen), format, options.sheet);
  } else {
    const all = await openTable(input, allColumns(), [], format, options.sheet);
    const present = new Set(all.header.columns.filter((c) => c !== null));
    const detected = detectKind(present);
    if (!detected) {
      await all.close?.();
      throw new ImportFileError(
        'Không nhận ra loại dữ liệu từ dòng tiêu đề (hồ sơ cần cột MaHoSo, đơn vị cột CapDonVi, kế thừa đơn vị cột ' +
          'MaDonViCu và MaDonViMoi, thủ tục cột ' +
          'TenTTHC và MaLinhVuc, ngày nghỉ cột Ngay và Loai, phản ánh cột MaPAKN): hãy chọn loại dữ liệu.',
      );
    }
    chosen = detected;
    const own = new Set(COLUMNS[chosen].map((c) => c.name));
    const unmet = (name: string) => groupsOf(chosen).some((g) => g[0] === name && !g.some((c) => present.has(c)));
    file = {
      ...all,
      header: {
        columns: all.header.columns.map((c) => (c !== null && own.has(c) ? c : null)),
        missing: COLUMNS[chosen].filter((c) => (c.required && !present.has(c.name)) || unmet(c.name)).map((c) => c.name),
        ignored: [...all.header.ignored, ...[...present].filter((c) => !own.has(c))],
        duplicated: all.header.duplicated,
      },
    };
  }
  if (file.header.missing.length > 0 && format !== 'json') {
    await file.close?.();
    throw new ImportFileError(
      `Tệp thiếu cột bắt buộc: ${file.header.missing.map((c) => describeMissing(c)).join(', ')} (dòng tiêu đề là dòng ${file.headerRow}).`,
    );
  }
  if (chosen !== 'dossiers' && (options.scopePath ?? '/') !== '/') {
    await file.close?.();
    throw new ImportFileError('Danh mục (đơn vị, kế thừa đơn vị, thủ tục, ngày nghỉ, phản ánh) chỉ quản trị toàn tỉnh được nạp.');
  }
  return { kind: chosen, file, format };
}

export const columnsOf = (kind: ImportKind) => COLUMNS[kind];
