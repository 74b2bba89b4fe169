// Dossiers of a unit's subtree about to be late (the next two working days): the chair's list for today.
import Link from 'next/link';
import { formatDateTime, formatNumber } from '@/lib/format';
import type { NearDueList } from '@/lib/views';

export function NearDueDossiers({ list }: { list: NearDueList }) {
  return (
    <section className="panel" aria-labelledby="near-due-heading">
      <h2 id="near-due-heading">Hồ sơ sắp đến hạn ({formatNumber(list.total)})</h2>
      {list.rows.length === 0 ? (
        <p className="empty">Không có hồ sơ nào đến hạn trước {formatDateTime(list.until)}.</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <caption>
              Hồ sơ đang giải quyết sẽ quá hạn nếu chưa xong trước {formatDateTime(list.until)} (2 ngày làm việc tới)
              {list.total > list.rows.length ? `; ${list.rows.length} hồ sơ gần hạn nhất trong ${formatNumber(list.total)}` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Đơn vị</th>
                <th scope="col">Thủ tục</th>
                <th scope="col">Cán bộ xử lý</th>
                <th scope="col">Tiếp nhận</th>
                <th scope="col">Quá hạn sau</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <Link href={`/dossiers/${encodeURIComponent(r.code)}`}>{r.code}</Link>
                  </th>
                  <td>{r.unit.name}</td>
                  <td>{r.procedure.name}</td>
                  <td>{r.handler ?? '—'}</td>
                  <td>{formatDateTime(r.receivedAt)}</td>
                  <td>{formatDateTime(r.lateAfter)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
