// Trang đơn vị: a unit's month — figures, KPIs against targets, its child units (drill-down) and its late dossiers.
// Dossier-level page: only for actors whose scope contains the unit (a chair: the own subtree).
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { InvalidMonth, MonthPicker, monthParam } from '@/components/overview/month-picker';
import { OverviewCards, OverviewTable } from '@/components/overview/widgets';
import { CardsSkeleton, TableSkeleton } from '@/components/ui/skeletons';
import { Widget } from '@/components/ui/widget';
import { PeerRank, ScorePanel, TrendPanel } from '@/components/kpi/kpi-panels';
import { KpiTargets } from '@/components/unit/kpi-targets';
import { LateDossiers } from '@/components/unit/late-dossiers';
import { NearDueDossiers } from '@/components/unit/near-due';
import { Breakdown } from '@/components/unit/breakdown';
import { PrintButton } from '@/components/ui/print-button';
import { findRootUnit } from '@/lib/server/queries/kpi';
import { monthRange } from '@/lib/calendar';
import { formatDateTime, formatMonth } from '@/lib/format';
import { UNIT_LEVEL_LABELS } from '@/lib/kpi';
import { pageGate, unitPageHref } from '@/lib/server/access';
import { notFound } from 'next/navigation';
import { NotFoundError } from '@/lib/server/queries/report';

export const metadata: Metadata = { title: 'Trang đơn vị' };

export default async function UnitPage({ params, searchParams }: PageProps<'/units/[code]'>) {
  await connection();
  const code = decodeURIComponent((await params).code);
  const { month, invalid } = monthParam(await searchParams);
  const basePath = `/units/${encodeURIComponent(code)}`;
  const scope = await pageGate('dossiers', { unit: code }, `${basePath}?month=${month}`).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const unit = scope.unit!;
  const period = monthRange(`${month}-01`);
  const root = await findRootUnit();

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>{unit.name}</h1>
          <p>{UNIT_LEVEL_LABELS[unit.level]} · mã {unit.code} · {formatMonth(month)}</p>
          {root && unit.level !== 'tinh' ? (
            <Widget key={`rank-${month}`} title="Thứ hạng" fallback={<p className="muted">Đang tính thứ hạng…</p>}>
              <PeerRank rootCode={root.code} unit={unit} period={period} ky={month} />
            </Widget>
          ) : null}
        </div>
        <div className="head-actions no-print">
          <MonthPicker month={month} basePath={basePath} />
          <PrintButton />
        </div>
      </div>
      <p className="print-only muted">In lúc {formatDateTime(new Date())} từ TTHC Monitor</p>
      <InvalidMonth value={invalid} month={month} />
      <Widget key={`cards-${month}`} title="Số hồ sơ" fallback={<CardsSkeleton />}>
        <OverviewCards month={month} unitCode={unit.code} />
      </Widget>
      <Widget key={`kpi-${month}`} title="Chỉ số so với chỉ tiêu" fallback={<TableSkeleton rows={10} />}>
        <KpiTargets unitCode={unit.code} period={period} />
      </Widget>
      <Widget key="near-due" title="Hồ sơ sắp đến hạn" fallback={<TableSkeleton rows={6} />}>
        <NearDueDossiers scope={scope} unitCode={unit.code} />
      </Widget>
      <Widget key={`trend-${month}`} title="Diễn biến 12 tháng" fallback={<TableSkeleton rows={6} />}>
        <TrendPanel unitCode={unit.code} month={month} />
      </Widget>
      <Widget key={`score-${month}`} title="Điểm ước tính 766" fallback={<TableSkeleton rows={6} />}>
        <ScorePanel unitCode={unit.code} period={period} />
      </Widget>
      <Widget key={`breakdown-${month}`} title="Theo lĩnh vực và thủ tục" fallback={<TableSkeleton />}>
        <Breakdown unitCode={unit.code} period={period} />
      </Widget>
      <Widget key={`children-${month}`} title="Đơn vị trực thuộc" fallback={<TableSkeleton />}>
        <OverviewTable month={month} unitCode={unit.code} href={unitPageHref(scope)} />
      </Widget>
      <Widget key={`late-${month}`} title="Hồ sơ trễ hạn" fallback={<TableSkeleton />}>
        <LateDossiers scope={scope} unitCode={unit.code} period={period} />
      </Widget>
    </main>
  );
}
