// Trang tỉnh (a national instance, issue 20): one federated province — how current its figures are (a province offline
// shows its last figures, stale since then), its KPIs against its own targets and its place among the provinces, and
// its communes, districts or departments ranked. A province's staff see their own province only (the gate).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { z } from 'zod';
import { FreshnessNotice } from '@/components/national/freshness';
import { InvalidPeriod, PeriodFilter, periodParam, periodSearch } from '@/components/period/period-filter';
import { CardsSkeleton, TableSkeleton } from '@/components/ui/skeletons';
import { Widget } from '@/components/ui/widget';
import { LevelTabs } from '@/components/national/level-tabs';
import { formatPeriodSpan } from '@/lib/format';
import { decodeSegment } from '@/lib/http/url';
import { UNIT_LEVEL_LABELS } from '@/lib/kpi';
import { KpiSelect } from '@/components/rankings/kpi-select';
import { rankingKeyParam, rankingLabel } from '@/lib/views';
import { pageGate } from '@/lib/server/access';
import { listFederatedProvinces } from '@/lib/server/queries/national';
import { requestNow } from '@/lib/server/request-cache';
import { ProvinceKpis, UnitLeague } from '../league';
import { NATIONAL_LEVELS, provinceHref, provinceLeagueHref, unitLeagueHref } from '../links';

export const metadata: Metadata = { title: 'Trang tỉnh' };

const paramsSchema = z.object({
  cap: z.enum(['so_nganh', 'huyen', 'xa']).catch('xa').default('xa'),
  chiso: rankingKeyParam,
});

export default async function ProvincePage({ params, searchParams }: PageProps<'/quoc-gia/[tinh]'>) {
  await connection();
  const tinh = decodeSegment((await params).tinh) ?? notFound();
  const raw = await searchParams;
  const param = periodParam(raw, requestNow());
  const { period } = param;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
  const q = paramsSchema.parse({ cap: one(raw.cap), chiso: one(raw.chiso) });
  const scope = await pageGate('national', { province: tinh }, provinceHref(tinh, period, q));

  const now = requestNow();
  const province = (await listFederatedProvinces(now)).find((p) => p.province === tinh) ?? notFound();
  const kpiLabel = rankingLabel(q.chiso);
  const key = `${period.from}..${period.to}..${period.view ?? 'current'}`;

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>{province.displayName}</h1>
          <p>
            {scope.provinces ? null : (
              <>
                <Link href={provinceLeagueHref(period)}>Các tỉnh</Link> ›{' '}
              </>
            )}
            Mã tỉnh {province.province} · {formatPeriodSpan(period)}
          </p>
        </div>
        <PeriodFilter
          now={now}
          period={period}
          action={`/quoc-gia/${encodeURIComponent(tinh)}`}
          keep={{ cap: q.cap === 'xa' ? null : q.cap, chiso: q.chiso === 'score' ? null : q.chiso }}
        />
      </div>
      <InvalidPeriod param={param} />
      <FreshnessNotice
        now={now}
        province={{ province: province.province, name: province.displayName, live: province.live, asOf: province.asOf }}
      />
      <Widget key={`kpis-${key}`} title="Chỉ số của tỉnh" fallback={<CardsSkeleton count={3} />}>
        <ProvinceKpis province={tinh} period={period} />
      </Widget>

      <form
        className="filters no-print"
        method="get"
        action={`/quoc-gia/${encodeURIComponent(tinh)}`}
        aria-label="Chỉ số xếp hạng"
      >
        {Object.entries({ cap: q.cap === 'xa' ? null : q.cap, ...periodSearch(period) }).map(([k, v]) =>
          v ? <input key={k} type="hidden" name={k} value={v} /> : null,
        )}
        <KpiSelect value={q.chiso} />
        <button type="submit">Áp dụng</button>
      </form>
      <LevelTabs
        levels={NATIONAL_LEVELS.map((l) => ({ level: l, href: provinceHref(tinh, period, { cap: l, chiso: q.chiso }) }))}
        current={q.cap}
      />
      <section className="panel" aria-labelledby="units-heading">
        <h2 id="units-heading">
          {UNIT_LEVEL_LABELS[q.cap]} của {province.displayName} · {kpiLabel}
        </h2>
        <p className="no-print">
          <Link href={unitLeagueHref(period, { cap: q.cap, tinh: scope.provinces ? tinh : null, chiso: q.chiso })}>
            {scope.provinces ? 'Mở bảng xếp hạng riêng' : 'Xếp hạng cùng đơn vị các tỉnh khác'} ›
          </Link>
        </p>
        <Widget key={`units-${q.cap}-${q.chiso}-${key}`} title="Bảng xếp hạng đơn vị" fallback={<TableSkeleton rows={12} />}>
          <UnitLeague level={q.cap} period={period} kpi={q.chiso} kpiLabel={kpiLabel} province={tinh} names={{}} />
        </Widget>
      </section>
    </main>
  );
}
