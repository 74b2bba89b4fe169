// Công bố: which months the public sees (admins only). The last 12 months, newest first.
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { addLocalMonths } from '@/lib/calendar';
import { formatDateTime, formatMonth } from '@/lib/format';
import { pageGate } from '@/lib/server/access';
import { currentMonth } from '@/lib/server/queries/overview';
import { listPublications, type PublicationVersion } from '@/lib/server/queries/published';
import { PublishForm } from './publish-form';

export const metadata: Metadata = { title: 'Công bố' };

export default async function PublishPage() {
  await connection();
  await pageGate('admin', {}, '/admin/publish');
  const versions = new Map<string, PublicationVersion[]>();
  for (const v of await listPublications()) versions.set(v.month, [...(versions.get(v.month) ?? []), v]);
  const latest = addLocalMonths(`${currentMonth()}-01`, -1).slice(0, 7);
  const months = Array.from({ length: 12 }, (_, i) => addLocalMonths(`${latest}-01`, -i).slice(0, 7));
  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Công bố kết quả hằng tháng</h1>
          <p>
            Công bố một tháng lưu lại bản số liệu lúc công bố (bảng xếp hạng, danh sách đơn vị chậm muộn) và hiện trên{' '}
            <Link href="/cong-khai">trang công khai</Link>; hồ sơ nhập sau không làm thay đổi bản đã công bố. Công bố lại tạo
            phiên bản mới (ghi “đã điều chỉnh”); thu hồi ẩn tháng nhưng vẫn lưu các phiên bản.
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
              <th scope="col">Các phiên bản</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => {
              const all = versions.get(m) ?? [];
              const shown = all.filter((v) => v.withdrawnAt === null);
              const latest = shown[0];
              return (
                <tr key={m} data-month={m}>
                  <th scope="row">{formatMonth(m)}</th>
                  <td>
                    {latest ? (
                      <>
                        Đã công bố (phiên bản {latest.version}) · <Link href={`/cong-khai/${m}`}>xem</Link> ·{' '}
                        <a href={`/api/v1/published/${m}/notice.docx`} download>
                          Tải thông báo (DOCX)
                        </a>
                      </>
                    ) : all.length > 0 ? (
                      'Đã thu hồi'
                    ) : (
                      'Chưa công bố'
                    )}
                  </td>
                  <td>
                    {all.length === 0 ? (
                      '—'
                    ) : (
                      <ul className="plain small">
                        {all.map((v) => (
                          <li key={v.version}>
                            Phiên bản {v.version}: {formatDateTime(v.publishedAt)} bởi {v.publishedBy}
                            {v.showHandlers ? ', có tên cán bộ' : ''}
                            {v.withdrawnAt ? ` — thu hồi ${formatDateTime(v.withdrawnAt)} bởi ${v.withdrawnBy ?? ''}` : ''}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <PublishForm month={m} published={Boolean(latest)} showHandlers={latest?.showHandlers ?? false} />
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
