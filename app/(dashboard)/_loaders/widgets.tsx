// The loaders of the dashboard's widgets: each fetches what its view in components/ shows, inside the scope the page's
// gate returned, and renders it. A page wraps each in <Widget> (its own Suspense boundary and error box), so the
// widgets stream one by one. Views take plain props; nothing in components/ reads the database.
import 'server-only';
import * as kpi from '@/components/kpi/kpi-panels';
import * as overdue from '@/components/overdue/overdue-list';
import * as overview from '@/components/overview/widgets';
import * as breakdown from '@/components/unit/breakdown';
import * as targets from '@/components/unit/kpi-targets';
import * as late from '@/components/unit/late-dossiers';
import * as nearDue from '@/components/unit/near-due';
import * as receiving from '@/components/unit/receiving';
import { previousPeriod, trendMonths, type NamedPeriod, type Period, type UnitLevel } from '@/lib/kpi';
import type { Scope } from '@/lib/server/access';
import { NotFoundError } from '@/lib/server/errors';
import { findUnit, listUnitsUnder, unitDay } from '@/lib/server/queries/units';
import { listNearDue } from '@/lib/server/queries/near-due';
import { receivingCounts } from '@/lib/server/queries/receiving';
import { listOverdue } from '@/lib/server/queries/overdue';
import { getOverview } from '@/lib/server/queries/overview';
import { getBreakdown, getKpiReport, getKpiTrend, getRankings } from '@/lib/server/queries/report';
import { requestNow } from '@/lib/server/request-cache';
import type { OverdueFilter } from '@/lib/views';

type UnitHref = (unit: { code: string; path: string }) => string | null;

/** The units view the period was chosen with (SPEC §6): today's units unless the URL asks for the historical ones. */
const viewOf = (period: Period | NamedPeriod) => ('view' in period && period.view) || 'current';

/** Counts of a unit's period (null: the province). */
export async function OverviewCards({ period, unitCode }: { period: NamedPeriod; unitCode: string | null }) {
  return <overview.OverviewCards overview={await getOverview(period, requestNow(), unitCode, viewOf(period))} />;
}

/** The table of a unit's children (null: the province's departments and districts). */
export async function OverviewTable({
  period,
  unitCode,
  province = unitCode === null,
  href,
}: {
  period: NamedPeriod;
  unitCode: string | null;
  /** The overview of a whole province (its departments and districts or communes), not a unit's own children. */
  province?: boolean;
  href?: UnitHref;
}) {
  const o = await getOverview(period, requestNow(), unitCode, viewOf(period));
  return <overview.OverviewTable overview={o} period={period} province={province} href={href} />;
}

export async function KpiCards({ unitCode, period }: { unitCode: string; period: NamedPeriod }) {
  const view = viewOf(period);
  const [now, before] = await Promise.all([
    getKpiReport(unitCode, period, { view }),
    getKpiReport(unitCode, previousPeriod(period), { view }),
  ]);
  return <kpi.KpiCards now={now} before={before} period={period} />;
}

export async function ScorePanel({ unitCode, period }: { unitCode: string; period: Period }) {
  return <kpi.ScorePanel score={(await getKpiReport(unitCode, period, { view: viewOf(period) })).score} />;
}

/** The monthly trend up to the period's last month: 12 months, or all the period's months up to 24 (`trendMonths`). */
export async function TrendPanel({ unitCode, period }: { unitCode: string; period: Period }) {
  const { last, count } = trendMonths(period);
  return <kpi.TrendPanel trend={await getKpiTrend(unitCode, last, count, requestNow(), viewOf(period))} />;
}

/** The best and worst units of the given levels under `rootCode`, by the 766 score. */
export async function BestWorst({
  rootCode,
  levels,
  period,
  href,
}: {
  rootCode: string;
  levels: UnitLevel[];
  period: NamedPeriod;
  href: UnitHref;
}) {
  const view = viewOf(period);
  const day = unitDay(view, period);
  const root = (await findUnit(rootCode, day))!;
  const [tables, units] = await Promise.all([
    Promise.all(levels.map((l) => getRankings(rootCode, l, period, { kpi: 'score', view }))),
    Promise.all(levels.map((l) => listUnitsUnder(root, l, day))),
  ]);
  const links = Object.fromEntries(units.flat().map((u) => [u.code, href(u)]));
  return (
    <kpi.BestWorst
      tables={tables.map((t) => ({ level: t.level, minSample: t.minSample, rows: t.rows }))}
      links={links}
      period={period}
    />
  );
}

/** A unit's place among the units of its level in the province (nothing for the province itself). */
export async function PeerRank({
  rootCode,
  unit,
  period,
}: {
  rootCode: string;
  unit: { code: string; level: UnitLevel };
  period: NamedPeriod;
}) {
  if (unit.level === 'tinh') return null;
  const [score, onTime] = await Promise.all([
    getRankings(rootCode, unit.level, period, { kpi: 'score', view: viewOf(period) }),
    getRankings(rootCode, unit.level, period, { kpi: 'onTime', view: viewOf(period) }),
  ]);
  return <kpi.PeerRank unit={unit} score={score} onTime={onTime} period={period} />;
}

export async function KpiTargets({ unitCode, period }: { unitCode: string; period: Period }) {
  return <targets.KpiTargets report={await getKpiReport(unitCode, period, { view: viewOf(period) })} />;
}

export async function Breakdown({ unitCode, period }: { unitCode: string; period: Period }) {
  return <breakdown.Breakdown breakdown={await getBreakdown(unitCode, period, requestNow(), viewOf(period))} />;
}

/** Dossiers of a unit's subtree about to be late, inside the caller's scope. */
export async function NearDueDossiers({ scope, unitCode }: { scope: Scope; unitCode: string }) {
  return <nearDue.NearDueDossiers list={await listNearDue({ scopePath: scope.path, unitCode })} />;
}

/** The first late dossiers of a unit's subtree, inside the caller's scope. */
export async function LateDossiers({ scope, unitCode, period }: { scope: Scope; unitCode: string; period: NamedPeriod }) {
  const list = await listOverdue({ scopePath: scope.path, unitCode, period, pageSize: 20, view: viewOf(period) });
  return <late.LateDossiers list={list} unitCode={unitCode} period={period} />;
}

/** One page of the filtered late-dossier list, inside the caller's scope; an unknown field or procedure is a message. */
export async function OverdueList({
  scope,
  unitCode,
  period,
  filter,
  page,
  apiSearch,
  pageHref,
}: {
  scope: Scope;
  unitCode: string;
  period: Period;
  filter: OverdueFilter;
  page: number;
  apiSearch: Record<string, string>;
  pageHref: (page: number) => string;
}) {
  let list;
  try {
    list = await listOverdue({
      scopePath: scope.path,
      unitCode,
      period,
      filter,
      page,
      pageSize: overdue.OVERDUE_PAGE_SIZE,
      view: viewOf(period),
    });
  } catch (e) {
    if (e instanceof NotFoundError)
      return (
        <p className="error-box" role="alert">
          {e.message} Hãy chọn lại bộ lọc.
        </p>
      );
    throw e;
  }
  return <overdue.OverdueList list={list} page={page} apiSearch={apiSearch} pageHref={pageHref} />;
}

/** Where a unit's dossiers of the period were received: elsewhere, or by it for others (SPEC §6). */
export async function ReceivingCounts({ unitCode, period }: { unitCode: string; period: NamedPeriod }) {
  const view = viewOf(period);
  const unit = await findUnit(unitCode, unitDay(view, period));
  if (!unit) return null;
  return <receiving.ReceivingCounts {...await receivingCounts(unit, period, view)} />;
}
