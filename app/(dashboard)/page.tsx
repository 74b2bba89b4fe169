// Tổng quan: the province's month at a glance.
import Link from 'next/link';
import { Suspense } from 'react';
import { connection } from 'next/server';
import { z } from 'zod';
import { CardsSkeleton, TableSkeleton } from '@/components/ui/skeletons';
import { StatCard } from '@/components/ui/stat-card';
import { UnitCountsTable } from '@/components/ui/unit-counts-table';
import { addLocalMonths } from '@/lib/calendar';
import { formatDateTime, formatLocalDay, formatMonth, formatNumber, formatPercent } from '@/lib/format';
import { currentMonth, getOverview } from '@/lib/server/queries/overview';

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export default async function OverviewPage({ searchParams }: PageProps<'/'>) {
  await connection(); // live numbers: render on every request
  const params = await searchParams;
  const requested = typeof params.month === 'string' ? params.month : undefined;
  const valid = requested === undefined || monthSchema.safeParse(requested).success;
  const month = requested && valid ? requested : currentMonth();
  const previous = addLocalMonths(`${month}-01`, -1).slice(0, 7);
  const next = addLocalMonths(`${month}-01`, 1).slice(0, 7);

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Tổng quan {formatMonth(month)}</h1>
          <p>Tình hình tiếp nhận và giải quyết hồ sơ thủ tục hành chính toàn tỉnh</p>
        </div>
        <form className="filters" method="get" action="/">
          <Link className="button" href={`/?month=${previous}`} aria-label={`Xem ${formatMonth(previous)}`}>‹</Link>
          <label htmlFor="month">Tháng</label>
          <input id="month" name="month" type="month" defaultValue={month} required />
          <button type="submit">Xem</button>
          <Link className="button" href={`/?month=${next}`} aria-label={`Xem ${formatMonth(next)}`}>›</Link>
        </form>
      </div>
      {!valid ? (
        <p className="error-box" role="alert">
          Tháng “{requested}” không hợp lệ (cần dạng YYYY-MM); đang hiển thị {formatMonth(month)}.
        </p>
      ) : null}
      <Suspense key={`cards-${month}`} fallback={<CardsSkeleton />}>
        <OverviewCards month={month} />
      </Suspense>
      <Suspense key={`table-${month}`} fallback={<TableSkeleton />}>
        <OverviewTable month={month} />
      </Suspense>
    </main>
  );
}

async function OverviewCards({ month }: { month: string }) {
  const o = await getOverview(month);
  if (!o.province) {
    return <p className="empty">Chưa có dữ liệu đơn vị. Hãy nạp danh mục đơn vị và hồ sơ (xem README).</p>;
  }
  const t = o.totals;
  return (
    <>
      <div className="cards">
        <StatCard title="Tiếp nhận trong kỳ" value={formatNumber(t.received)} />
        <StatCard title="Đã giải quyết" value={formatNumber(t.resolved)}
          sub={`${formatNumber(t.resolvedOnTime)} hồ sơ đúng hạn, trước hạn`} />
        <StatCard title="Tỷ lệ đúng hạn (766)" value={formatPercent(t.onTime.value)}
          sub={t.onTime.value === null ? 'Chưa có hồ sơ trong kỳ'
            : `${formatNumber(t.onTime.numerator)} / ${formatNumber(t.onTime.denominator)} hồ sơ đã và đang giải quyết`} />
        <StatCard title="Đang giải quyết" value={formatNumber(t.pending)} sub={`tại ${formatDateTime(o.asOf)}`} />
        <StatCard title="Quá hạn" value={formatNumber(t.pendingLate)} alert={t.pendingLate > 0}
          sub={`Đang giải quyết đã quá hạn tại ${formatDateTime(o.asOf)}`} />
      </div>
      <p className="muted" style={{ marginTop: -8, fontSize: '.85rem' }}>
        {o.province.name} · kỳ {formatLocalDay(o.period.from)} – {formatLocalDay(o.period.to)}
      </p>
    </>
  );
}

async function OverviewTable({ month }: { month: string }) {
  const o = await getOverview(month);
  if (!o.province) return null;
  const total = o.totals;
  return (
    <section className="panel" aria-labelledby="units-heading">
      <h2 id="units-heading">Sở, ngành và huyện, thành phố</h2>
      {total.received === 0 && total.resolved === 0 && total.pending === 0 ? (
        <p className="empty">Chưa có hồ sơ trong kỳ {formatMonth(month)}.</p>
      ) : (
        <UnitCountsTable
          caption={`Số hồ sơ ${formatMonth(month)}, gồm cả các đơn vị cấp dưới`}
          rows={o.rows}
        />
      )}
    </section>
  );
}
