// Tổng quan: the province's period (?ky= a month, a quarter, 6 or 9 months, a year, a custom range; ?month= still
// read) at a glance — counts, headline KPIs against targets with the change since the previous period of the same
// kind, the 766 score and its parts, the monthly trend, the best and worst units, and the units' table.
// Aggregate figures: every signed-in role. Each widget streams behind its own Suspense boundary.
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { env } from '@/lib/env';
import { LegalBasisNote } from '@/components/period/legal-basis';
import { RootSwitch } from '@/components/unit/root-switch';
import { InvalidPeriod, PeriodFilter, periodHref, periodParam, periodSearch } from '@/components/period/period-filter';
import { CardsSkeleton, TableSkeleton } from '@/components/ui/skeletons';
import { Widget } from '@/components/ui/widget';
import { formatPeriod } from '@/lib/format';
import { trendMonths } from '@/lib/kpi';
import { pageGate, unitPageHref } from '@/lib/server/access';
import { findRootUnit, listLevelsUnder, listRootUnits, unitDay } from '@/lib/server/queries/units';
import type { UnitLevel } from '@/lib/kpi';
import { BestWorst, KpiCards, OverviewCards, OverviewTable, ScorePanel, TrendPanel } from '@/app/(dashboard)/_loaders/widgets';
import { requestNow } from '@/lib/server/request-cache';

export default async function OverviewPage({ searchParams }: PageProps<'/'>) {
  await connection(); // live numbers: render on every request
  // A national instance's home is the league of provinces (issue 20); it has no province overview.
  if (env.TTHC_MODE === 'national') redirect('/quoc-gia');
  const raw = await searchParams;
  const param = periodParam(raw, requestNow());
  const { period } = param;
  const scope = await pageGate('aggregates', {}, periodHref('/', period));
  const href = unitPageHref(scope, periodSearch(period));
  const day = unitDay(period.view ?? 'current', period);
  // Before a merger of provinces the historical view has several; ?tinh= chooses one (SPEC §6).
  const roots = await listRootUnits(day);
  const wanted = typeof raw.tinh === 'string' ? raw.tinh : undefined;
  const root = roots.find((r) => r.code === wanted) ?? roots[0] ?? (await findRootUnit(day));
  const rootCode = roots.length > 1 && root ? root.code : null;
  // Departments and the level below the province at the time: districts before 1/7/2025, communes after (SPEC §6).
  const below = root ? await listLevelsUnder(root, day) : [];
  const rankedLevels: UnitLevel[] = [
    ...below.filter((l) => l === 'so_nganh'),
    ...(below.includes('huyen') ? (['huyen'] as const) : below.includes('xa') ? (['xa'] as const) : []),
  ];
  const key = `${period.from}..${period.to}..${period.view ?? 'current'}`; // a new period starts each widget afresh

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Tổng quan {formatPeriod(period)}</h1>
          <p>Tình hình tiếp nhận và giải quyết hồ sơ thủ tục hành chính {rootCode && root ? `của ${root.name}` : 'toàn tỉnh'}</p>
        </div>
        <PeriodFilter now={requestNow()} period={period} action="/" />
      </div>
      <InvalidPeriod param={param} />
      <RootSwitch
        roots={roots.map((r) => ({
          code: r.code,
          name: r.name,
          href: periodHref('/', period, { tinh: r.code }),
          current: r.code === root?.code,
        }))}
      />
      <LegalBasisNote period={period} />
      <Widget key={`cards-${key}`} title="Số hồ sơ" fallback={<CardsSkeleton />}>
        <OverviewCards period={period} unitCode={rootCode} />
      </Widget>
      {root ? (
        <>
          <Widget key={`kpis-${key}`} title="Chỉ số chính" fallback={<CardsSkeleton count={7} />}>
            <KpiCards unitCode={root.code} period={period} />
          </Widget>
          <div className="grid-2">
            <Widget key={`score-${key}`} title="Điểm ước tính 766" fallback={<TableSkeleton rows={6} />}>
              <ScorePanel unitCode={root.code} period={period} />
            </Widget>
            <Widget key={`best-${key}`} title="Đơn vị cao nhất, thấp nhất" fallback={<TableSkeleton rows={6} />}>
              <BestWorst rootCode={root.code} levels={rankedLevels} period={period} href={href} />
            </Widget>
          </div>
          <Widget
            key={`trend-${key}`}
            title={`Diễn biến ${trendMonths(period).count} tháng`}
            fallback={<TableSkeleton rows={6} />}
          >
            <TrendPanel unitCode={root.code} period={period} />
          </Widget>
        </>
      ) : null}
      <Widget key={`table-${key}`} title="Bảng đơn vị" fallback={<TableSkeleton />}>
        <OverviewTable period={period} unitCode={rootCode} province href={href} />
      </Widget>
    </main>
  );
}
