// Tổng quan: the province's month at a glance — counts, headline KPIs against targets with the change since the
// previous month, the 766 score and its parts, the 12-month trend, the best and worst units, and the units' table.
// Aggregate figures: every signed-in role. Each widget streams behind its own Suspense boundary.
import { Suspense } from 'react';
import { connection } from 'next/server';
import { BestWorst, KpiCards, ScorePanel, TrendPanel } from '@/components/kpi/kpi-panels';
import { InvalidMonth, MonthPicker, monthParam } from '@/components/overview/month-picker';
import { OverviewCards, OverviewTable } from '@/components/overview/widgets';
import { CardsSkeleton, TableSkeleton } from '@/components/ui/skeletons';
import { monthRange } from '@/lib/calendar';
import { formatMonth } from '@/lib/format';
import { pageGate, unitPageHref } from '@/lib/server/access';
import { findRootUnit } from '@/lib/server/queries/kpi';

export default async function OverviewPage({ searchParams }: PageProps<'/'>) {
  await connection(); // live numbers: render on every request
  const { month, invalid } = monthParam(await searchParams);
  const scope = await pageGate('aggregates', {}, `/?month=${month}`);
  const href = unitPageHref(scope);
  const root = await findRootUnit();
  const period = monthRange(`${month}-01`);

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Tổng quan {formatMonth(month)}</h1>
          <p>Tình hình tiếp nhận và giải quyết hồ sơ thủ tục hành chính toàn tỉnh</p>
        </div>
        <MonthPicker month={month} basePath="/" />
      </div>
      <InvalidMonth value={invalid} month={month} />
      <Suspense key={`cards-${month}`} fallback={<CardsSkeleton />}>
        <OverviewCards month={month} unitCode={null} />
      </Suspense>
      {root ? (
        <>
          <Suspense key={`kpis-${month}`} fallback={<CardsSkeleton count={7} />}>
            <KpiCards unitCode={root.code} period={period} />
          </Suspense>
          <div className="grid-2">
            <Suspense key={`score-${month}`} fallback={<TableSkeleton rows={6} />}>
              <ScorePanel unitCode={root.code} period={period} />
            </Suspense>
            <Suspense key={`best-${month}`} fallback={<TableSkeleton rows={6} />}>
              <BestWorst rootCode={root.code} levels={['so_nganh', 'huyen']} period={period} href={href} />
            </Suspense>
          </div>
          <Suspense key={`trend-${month}`} fallback={<TableSkeleton rows={6} />}>
            <TrendPanel unitCode={root.code} month={month} />
          </Suspense>
        </>
      ) : null}
      <Suspense key={`table-${month}`} fallback={<TableSkeleton />}>
        <OverviewTable month={month} unitCode={null} href={href} />
      </Suspense>
    </main>
  );
}
