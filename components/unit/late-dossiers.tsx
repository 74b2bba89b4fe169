// The first late dossiers of a unit's subtree (pending late first), with the total and the CSV download of all.
import Link from 'next/link';
import { OVERDUE_STATUS_LABELS } from '@/lib/export/overdue';
import { formatDateTime, formatNumber } from '@/lib/format';
import type { Period } from '@/lib/kpi';
import type { Scope } from '@/lib/server/access';
import { listOverdue } from '@/lib/server/queries/overdue';

export async function LateDossiers({ scope, unitCode, period }: { scope: Scope; unitCode: string; period: Period }) {
  const list = await listOverdue({ scopePath: scope.path, unitCode, period, pageSize: 20 });
  const csv = `/api/v1/overdue?${new URLSearchParams({ unit: unitCode, from: period.from, to: period.to, format: 'csv' })}`;
  return (
    <section className="panel" aria-labelledby="late-heading">
      <div className="panel-head">
        <h2 id="late-heading">Hồ sơ trễ hạn ({formatNumber(list.total)})</h2>
        {list.total > 0 ? (
          <div className="filters">
            <Link className="button" href={`/overdue?${new URLSearchParams({ unit: unitCode, ky: period.from.slice(0, 7) })}`}>Lọc danh sách</Link>
            <Link className="button" href={csv} prefetch={false} download>Tải danh sách (CSV)</Link>
          </div>
        ) : null}
      </div>
      {list.rows.length === 0 ? (
        <p className="empty">Không có hồ sơ trễ hạn trong kỳ.</p>
      ) : (
        <table className="data">
          <caption>{list.total > list.rows.length ? `${list.rows.length} hồ sơ đầu tiên; tải CSV để có đủ ${formatNumber(list.total)} hồ sơ` : 'Tất cả hồ sơ trễ hạn trong kỳ'}</caption>
          <thead>
            <tr>
              <th scope="col">Mã hồ sơ</th>
              <th scope="col">Tình trạng</th>
              <th scope="col">Đơn vị</th>
              <th scope="col">Thủ tục</th>
              <th scope="col">Cán bộ xử lý</th>
              <th scope="col">Hạn giải quyết</th>
              <th scope="col" className="num">Ngày trễ</th>
              <th scope="col">Xin lỗi</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((r) => (
              <tr key={r.code}>
                <th scope="row"><Link href={`/dossiers/${encodeURIComponent(r.code)}`}>{r.code}</Link></th>
                <td>{OVERDUE_STATUS_LABELS[r.status]}</td>
                <td>{r.unit.name}</td>
                <td>{r.procedure.name}</td>
                <td>{r.handler ?? '—'}</td>
                <td>{formatDateTime(r.dueAt)}</td>
                <td className="num">{formatNumber(r.daysLate)}</td>
                <td>{r.apologyAt ? `Có (${formatDateTime(r.apologyAt)})` : 'Chưa'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
