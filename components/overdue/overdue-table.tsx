// The table of late dossiers (the overdue list's columns), each code opening the dossier page.
import Link from 'next/link';
import { OVERDUE_STATUS_LABELS } from '@/lib/export/overdue';
import { NO_VALUE, formatDate, formatNumber } from '@/lib/format';
import { type OverdueRow } from '@/lib/views';

export function OverdueTable({ rows, caption }: { rows: OverdueRow[]; caption: React.ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Mã hồ sơ</th>
            <th scope="col">Tình trạng</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Thủ tục</th>
            <th scope="col">Lĩnh vực</th>
            <th scope="col">Cán bộ xử lý</th>
            <th scope="col">Ngày tiếp nhận</th>
            <th scope="col">Hạn giải quyết</th>
            <th scope="col">Ngày kết thúc</th>
            <th scope="col" className="num">
              Ngày trễ
            </th>
            <th scope="col">Xin lỗi</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">
                <Link href={`/dossiers/${encodeURIComponent(r.code)}`}>{r.code}</Link>
              </th>
              <td>{OVERDUE_STATUS_LABELS[r.status]}</td>
              <td>{r.unit.name}</td>
              <td className="long-text" title={r.procedure.code}>
                {r.procedure.name}
              </td>
              <td>{r.field.name}</td>
              <td>{r.handler ?? NO_VALUE}</td>
              <td>{formatDate(r.receivedAt)}</td>
              <td>{formatDate(r.dueAt)}</td>
              <td>{r.endedAt ? formatDate(r.endedAt) : NO_VALUE}</td>
              <td className="num">{formatNumber(r.daysLate)}</td>
              <td>{r.apologyAt ? `Có (${formatDate(r.apologyAt)})` : 'Chưa'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
