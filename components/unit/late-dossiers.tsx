// The first late dossiers of a unit's subtree (pending late first), with the total, the CSV download of all, and links
// to the overdue list and the list of late units and officials for the same unit and period.
import Link from 'next/link';
import { OverdueTable } from '@/components/overdue/overdue-table';
import { periodHref } from '@/components/period/period-filter';
import { formatNumber } from '@/lib/format';
import type { NamedPeriod } from '@/lib/kpi';
import type { OverdueList } from '@/lib/views';

export function LateDossiers({ list, unitCode, period }: { list: OverdueList; unitCode: string; period: NamedPeriod }) {
  const csv = `/api/v1/overdue?${new URLSearchParams({ unit: unitCode, from: period.from, to: period.to, format: 'csv' })}`;
  return (
    <section className="panel" aria-labelledby="late-heading">
      <div className="panel-head">
        <h2 id="late-heading">Hồ sơ trễ hạn ({formatNumber(list.total)})</h2>
        <div className="filters no-print">
          {list.total > 0 ? (
            <>
              <Link className="button" href={periodHref('/overdue', period, { unit: unitCode })}>
                Lọc danh sách
              </Link>
              <Link className="button" href={csv} prefetch={false} download>
                Tải danh sách (CSV)
              </Link>
            </>
          ) : null}
          <Link className="button" href={periodHref('/late', period, { donvi: unitCode })}>
            Đơn vị, cán bộ chậm muộn
          </Link>
        </div>
      </div>
      {list.rows.length === 0 ? (
        <p className="empty">Không có hồ sơ trễ hạn trong kỳ.</p>
      ) : (
        <OverdueTable
          rows={list.rows}
          caption={
            list.total > list.rows.length
              ? `${list.rows.length} hồ sơ đầu tiên; tải CSV để có đủ ${formatNumber(list.total)} hồ sơ`
              : 'Tất cả hồ sơ trễ hạn trong kỳ'
          }
        />
      )}
    </section>
  );
}
