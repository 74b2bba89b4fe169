// The overdue-dossier list as a file: CSV or XLSX, the same columns and cells (dates as dd/MM/yyyy HH:mm text, Vietnam
// time, in both).
import { formatDateTime } from '@/lib/format';
import { CSV_BOM, csvFormat, csvLine } from './csv';
import type { ExportFormat } from './format';
import { xlsxFormat } from './xlsx';
import { type OverdueRow } from '@/lib/views';

export const OVERDUE_STATUS_LABELS: Record<OverdueRow['status'], string> = {
  pending_late: 'Đang giải quyết quá hạn',
  resolved_late: 'Đã giải quyết trễ hạn',
};

export const OVERDUE_COLUMNS = [
  'Mã hồ sơ',
  'Tình trạng',
  'Mã đơn vị',
  'Đơn vị',
  'Mã TTHC',
  'Thủ tục',
  'Lĩnh vực',
  'Cán bộ xử lý',
  'Ngày tiếp nhận',
  'Hạn giải quyết',
  'Ngày kết thúc xử lý',
  'Số ngày làm việc trễ',
  'Ngày xin lỗi',
] as const;

export function overdueCells(r: OverdueRow): Array<string | number> {
  return [
    r.code,
    OVERDUE_STATUS_LABELS[r.status],
    r.unit.code,
    r.unit.name,
    r.procedure.code,
    r.procedure.name,
    r.field.name,
    r.handler ?? '',
    formatDateTime(r.receivedAt),
    formatDateTime(r.dueAt),
    r.endedAt ? formatDateTime(r.endedAt) : '',
    r.daysLate,
    r.apologyAt ? formatDateTime(r.apologyAt) : '',
  ];
}

export const overdueCsvHead = () => CSV_BOM + csvLine(OVERDUE_COLUMNS);
export const overdueCsvLines = (rows: readonly OverdueRow[]) => rows.map((r) => csvLine(overdueCells(r))).join('');

/** The export formats of the list; `toRow` reads a row of the query. */
export function overdueFormat<R>(format: 'csv' | 'xlsx', toRow: (r: R) => OverdueRow): ExportFormat<R> {
  return format === 'csv'
    ? csvFormat(overdueCsvHead(), (rows) => overdueCsvLines(rows.map(toRow)))
    : xlsxFormat('Hồ sơ trễ hạn', OVERDUE_COLUMNS, (r) => overdueCells(toRow(r)));
}
