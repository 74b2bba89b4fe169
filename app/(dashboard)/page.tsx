// Tổng quan: the province's month at a glance — counts, headline KPIs against targets with the change since the
// previous month, the 766 score and its parts, the 12-month trend, the best and worst units, and the units' table.
// Aggregate figures: every signed-in role. Each widget streams behind its own Suspense boundary.
import { connection } from 'next/server';
import { BestWorst, KpiCards, ScorePanel, TrendPanel } from '@/components/kpi/kpi-panels';
import { InvalidMonth, MonthPicker, monthParam } from '@/components/overview/month-picker';
import { OverviewCards, OverviewTable } from '@/components/overview/widgets';
import { CardsSkeleton, TableSkeleton } from '@/components/ui/skeletons';
import { Widget } from '@/components/ui/widget';
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
      <Widget key={`cards-${month}`} title="Số hồ sơ" fallback={<CardsSkeleton />}>
        <OverviewCards month={month} unitCode={null} />
      </Widget>
      {root ? (
        <>
          <Widget key={`kpis-${month}`} title="Chỉ số chính" fallback={<CardsSkeleton count={7} />}>
            <KpiCards unitCode={root.code} period={period} />
          </Widget>
          <div className="grid-2">
            <Widget key={`score-${month}`} title="Điểm ước tính 766" fallback={<TableSkeleton rows={6} />}>
              <ScorePanel unitCode={root.code} period={period} />
            </Widget>
            <Widget key={`best-${month}`} title="Đơn vị cao nhất, thấp nhất" fallback={<TableSkeleton rows={6} />}>
              <BestWorst rootCode={root.code} levels={['so_nganh', 'huyen']} period={period} href={href} />
            </Widget>
          </div>
          <Widget key={`trend-${month}`} title="Diễn biến 12 tháng" fallback={<TableSkeleton rows={6} />}>
            <TrendPanel unitCode={root.code} month={month} />
          </Widget>
        </>
      ) : null}
      <Widget key={`table-${month}`} title="Bảng đơn vị" fallback={<TableSkeleton />}>
        <OverviewTable month={month} unitCode={null} href={href} />
      </Widget>
    </main>
  );
}
