// Trang đơn vị: a unit's period (?ky= as on Tổng quan; ?month= still read) — figures, KPIs against targets, its child
// units (drill-down) and its late dossiers; every link carries the period. Dossier-level page: only for actors whose
// scope contains the unit (a chair: the own subtree).
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { LegalBasisNote } from '@/components/period/legal-basis';
import { InvalidPeriod, PeriodFilter, periodHref, periodParam, periodSearch } from '@/components/period/period-filter';
import { CardsSkeleton, TableSkeleton } from '@/components/ui/skeletons';
import { Widget } from '@/components/ui/widget';
import { PrintButton } from '@/components/ui/print-button';
import { findRootUnit, findUnit, unitDay } from '@/lib/server/queries/units';
import { unitLineage } from '@/lib/server/queries/unit-history';
import { UnitLineage } from '@/components/unit/lineage';
import { localDayOf } from '@/lib/calendar';
import { formatDateTime, formatPeriod } from '@/lib/format';
import { decodeSegment } from '@/lib/http/url';
import { UNIT_LEVEL_LABELS, trendMonths } from '@/lib/kpi';
import { pageGate, unitPageHref } from '@/lib/server/access';
import { notFound } from 'next/navigation';
import { NotFoundError } from '@/lib/server/errors';
import {
  Breakdown,
  KpiTargets,
  LateDossiers,
  NearDueDossiers,
  OverviewCards,
  OverviewTable,
  PeerRank,
  ReceivingCounts,
  ScorePanel,
  TrendPanel,
} from '@/app/(dashboard)/_loaders/widgets';
import { requestNow } from '@/lib/server/request-cache';

export const metadata: Metadata = { title: 'Trang đơn vị' };

export default async function UnitPage({ params, searchParams }: PageProps<'/units/[code]'>) {
  await connection();
  const code = decodeSegment((await params).code) ?? notFound();
  const param = periodParam(await searchParams, requestNow());
  const { period } = param;
  const basePath = `/units/${encodeURIComponent(code)}`;
  const scope = await pageGate('dossiers', { unit: code }, periodHref(basePath, period)).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  // The unit of the view (SPEC §6): today's version of the code, or the one in force at the period's end.
  const day = unitDay(period.view ?? 'current', period);
  const unit = (await findUnit(code, day)) ?? scope.unit!;
  const [root, lineage] = await Promise.all([findRootUnit(day), unitLineage(unit.id)]);
  const pageOf = unitPageHref(scope, periodSearch(period));
  const key = `${period.from}..${period.to}..${period.view ?? 'current'}`; // a new period starts each widget afresh

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>{unit.name}</h1>
          <p>
            {UNIT_LEVEL_LABELS[unit.level]} · mã {unit.code} · {formatPeriod(period)}
          </p>
          {root && unit.level !== 'tinh' ? (
            <Widget key={`rank-${key}`} title="Thứ hạng" fallback={<p className="muted">Đang tính thứ hạng…</p>}>
              <PeerRank rootCode={root.code} unit={unit} period={period} />
            </Widget>
          ) : null}
        </div>
        <div className="head-actions no-print">
          <PeriodFilter now={requestNow()} period={period} action={basePath} />
          <PrintButton />
        </div>
      </div>
      <p className="print-only muted">In lúc {formatDateTime(new Date())} từ TTHC Monitor</p>
      <InvalidPeriod param={param} />
      <LegalBasisNote period={period} />
      <UnitLineage lineage={lineage} today={localDayOf(requestNow())} href={pageOf} />
      <Widget key={`cards-${key}`} title="Số hồ sơ" fallback={<CardsSkeleton />}>
        <OverviewCards period={period} unitCode={unit.code} />
      </Widget>
      <Widget key={`receiving-${key}`} title="Tiếp nhận phi địa giới" fallback={<CardsSkeleton />}>
        <ReceivingCounts unitCode={unit.code} period={period} />
      </Widget>
      <Widget key={`kpi-${key}`} title="Chỉ số so với chỉ tiêu" fallback={<TableSkeleton rows={10} />}>
        <KpiTargets unitCode={unit.code} period={period} />
      </Widget>
      <Widget key="near-due" title="Hồ sơ sắp đến hạn" fallback={<TableSkeleton rows={6} />}>
        <NearDueDossiers scope={scope} unitCode={unit.code} />
      </Widget>
      <Widget key={`trend-${key}`} title={`Diễn biến ${trendMonths(period).count} tháng`} fallback={<TableSkeleton rows={6} />}>
        <TrendPanel unitCode={unit.code} period={period} />
      </Widget>
      <Widget key={`score-${key}`} title="Điểm ước tính 766" fallback={<TableSkeleton rows={6} />}>
        <ScorePanel unitCode={unit.code} period={period} />
      </Widget>
      <Widget key={`breakdown-${key}`} title="Theo lĩnh vực và thủ tục" fallback={<TableSkeleton />}>
        <Breakdown unitCode={unit.code} period={period} />
      </Widget>
      <Widget key={`children-${key}`} title="Đơn vị trực thuộc" fallback={<TableSkeleton />}>
        <OverviewTable period={period} unitCode={unit.code} href={unitPageHref(scope, periodSearch(period))} />
      </Widget>
      <Widget key={`late-${key}`} title="Hồ sơ trễ hạn" fallback={<TableSkeleton />}>
        <LateDossiers scope={scope} unitCode={unit.code} period={period} />
      </Widget>
    </main>
  );
}
