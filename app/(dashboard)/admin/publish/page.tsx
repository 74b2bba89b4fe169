// Công bố: which months the public sees (admins only). The last 12 months, newest first.
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { addLocalMonths } from '@/lib/calendar';
import { formatDateTime, formatMonth } from '@/lib/format';
import { pageGate } from '@/lib/server/access';
import { currentMonth } from '@/lib/server/queries/overview';
import { listPublishedMonths } from '@/lib/server/queries/published';
import { PublishForm } from './publish-form';

export const metadata: Metadata = { title: 'Công bố' };

export default async function PublishPage() {
  await connection();
  await pageGate('admin', {}, '/admin/publish');
  const published = new Map((await listPublishedMonths()).map((p) => [p.month, p]));
  const latest = addLocalMonths(`${currentMonth()}-01`, -1).slice(0, 7);
  const months = Array.from({ length: 12 }, (_, i) => addLocalMonths(`${latest}-01`, -i).slice(0, 7));
  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Công bố kết quả hằng tháng</h1>
          <p>
            Tháng đã công bố hiện trên <Link href="/cong-khai">trang công khai</Link>: bảng xếp hạng và danh sách đơn vị chậm
            muộn.
          </p>
        </div>
      </div>
      <section className="panel">
        <table className="data">
          <caption>12 tháng gần nhất (tháng hiện tại chưa kết thúc nên chưa công bố được)</caption>
          <thead>
            <tr>
              <th scope="col">Tháng</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => {
              const p = published.get(m);
              return (
                <tr key={m} data-month={m}>
                  <th scope="row">{formatMonth(m)}</th>
                  <td>{p ? `Đã công bố ${formatDateTime(p.publishedAt)} bởi ${p.publishedBy}` : 'Chưa công bố'}</td>
                  <td>
                    <PublishForm month={m} published={Boolean(p)} showHandlers={p?.showHandlers ?? false} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </main>
  );
}
