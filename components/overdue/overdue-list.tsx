// The filtered late-dossier list of the /overdue page: total, downloads of the same filter, one page of the table,
// links to the other pages. A view of an OverdueList (loaded by app/(dashboard)/_loaders/widgets.tsx).
import Link from 'next/link';
import { formatNumber } from '@/lib/format';
import { OverdueTable } from './overdue-table';
import type { OverdueList as OverdueListData } from '@/lib/views';

export const OVERDUE_PAGE_SIZE = 50;

export function OverdueList({
  list,
  page,
  apiSearch,
  pageHref,
}: {
  list: OverdueListData;
  page: number;
  /** The API parameters of this list (unit, period, filter), for the downloads. */
  apiSearch: Record<string, string>;
  /** The link to another page of the same list. */
  pageHref: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(list.total / OVERDUE_PAGE_SIZE));
  const download = (format: 'csv' | 'xlsx') => `/api/v1/overdue?${new URLSearchParams({ ...apiSearch, format })}`;
  const first = (page - 1) * OVERDUE_PAGE_SIZE + 1;
  return (
    <section className="panel" aria-labelledby="overdue-heading">
      <div className="panel-head">
        <h2 id="overdue-heading">
          Tìm thấy <span data-testid="overdue-total">{formatNumber(list.total)}</span> hồ sơ trễ hạn
        </h2>
        {list.total > 0 ? (
          <div className="filters">
            <a className="button" href={download('csv')} download>
              Tải CSV
            </a>
            <a className="button" href={download('xlsx')} download>
              Tải XLSX
            </a>
          </div>
        ) : null}
      </div>
      {list.rows.length === 0 ? (
        <p className="empty">
          {list.total > 0
            ? `Trang ${page} không có hồ sơ; danh sách có ${pages} trang.`
            : 'Không có hồ sơ trễ hạn nào khớp bộ lọc trong kỳ'}
        </p>
      ) : (
        <OverdueTable
          rows={list.rows}
          caption={
            <>
              Hồ sơ {formatNumber(first)}–{formatNumber(first + list.rows.length - 1)} trên {formatNumber(list.total)}; đang giải
              quyết quá hạn trước, theo hạn giải quyết. Ngày trễ: số ngày làm việc sau hạn.
            </>
          }
        />
      )}
      {pages > 1 ? (
        <nav aria-label="Phân trang" className="no-print">
          <ul className="tabs">
            {page > 1 ? (
              <li>
                <Link href={pageHref(page - 1)} rel="prev">
                  ← Trang trước
                </Link>
              </li>
            ) : null}
            <li>
              <span aria-current="page">
                Trang {formatNumber(page)} / {formatNumber(pages)}
              </span>
            </li>
            {page < pages ? (
              <li>
                <Link href={pageHref(page + 1)} rel="next">
                  Trang sau →
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </section>
  );
}
