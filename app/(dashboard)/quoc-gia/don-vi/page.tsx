// Xếp hạng đơn vị toàn quốc (a national instance, issue 20): the communes (districts, departments) of every federated
// province ranked together by the 766 score or one KPI, or one province's (?tinh=). A province's staff see their own
// province's only (the gate's scope, whatever ?tinh= says).
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { z } from 'zod';
import { InvalidPeriod, PeriodFilter, periodParam, periodSearch } from '@/components/period/period-filter';
import { TableSkeleton } from '@/components/ui/skeletons';
import { Widget } from '@/components/ui/widget';
import { LevelTabs } from '@/components/national/level-tabs';
import { formatPeriodSpan } from '@/lib/format';
import { UNIT_LEVEL_LABELS } from '@/lib/kpi';
import { KpiSelect } from '@/components/rankings/kpi-select';
import { rankingKeyParam, rankingLabel } from '@/lib/views';
import { pageGate } from '@/lib/server/access';
import { listFederatedProvinces } from '@/lib/server/queries/national';
import { requestNow } from '@/lib/server/request-cache';
import { UnitLeague } from '../league';
import { NATIONAL_LEVELS, provinceLeagueHref, unitLeagueHref } from '../links';

export const metadata: Metadata = { title: 'Xếp hạng đơn vị toàn quốc' };

const paramsSchema = z.object({
  cap: z.enum(['so_nganh', 'huyen', 'xa']).catch('xa').default('xa'),
  chiso: rankingKeyParam,
  tinh: z.string().trim().max(16).optional().catch(undefined),
});

export default async function NationalUnitLeaguePage({ searchParams }: PageProps<'/quoc-gia/don-vi'>) {
  await connection();
  const raw = await searchParams;
  const param = periodParam(raw, requestNow());
  const { period } = param;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' && v !== '' ? v : undefined);
  const q = paramsSchema.parse({ cap: one(raw.cap), chiso: one(raw.chiso), tinh: one(raw.tinh) });
  const scope = await pageGate('national', { province: q.tinh ?? null }, unitLeagueHref(period, q));
  const tinh = scope.provinces ?? q.tinh ?? null;

  const now = requestNow();
  const provinces = await listFederatedProvinces(now);
  const names = Object.fromEntries(provinces.map((p) => [p.province, p.displayName]));
  const chosen = tinh ? provinces.find((p) => p.province === tinh) : undefined;
  const kpiLabel = rankingLabel(q.chiso);
  const keep = { cap: q.cap === 'xa' ? null : q.cap, chiso: q.chiso === 'score' ? null : q.chiso, tinh: q.tinh };

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Xếp hạng {UNIT_LEVEL_LABELS[q.cap].toLowerCase()} toàn quốc</h1>
          <p>
            {scope.provinces ? null : (
              <>
                <Link href={provinceLeagueHref(period)}>Các tỉnh</Link> ›{' '}
              </>
            )}
            {chosen ? chosen.displayName : 'Mọi tỉnh'} · {formatPeriodSpan(period)}
          </p>
        </div>
        <PeriodFilter now={now} period={period} action="/quoc-gia/don-vi" keep={keep} />
      </div>
      <InvalidPeriod param={param} />
      {tinh && !chosen ? (
        <p className="error-box" role="alert">
          Không có tỉnh mã “{tinh}” trong hệ thống.
        </p>
      ) : null}
      {provinces.length === 0 ? (
        <p className="empty">Chưa có tỉnh nào được kết nối.</p>
      ) : (
        <>
          <form className="filters no-print" method="get" action="/quoc-gia/don-vi" aria-label="Tỉnh và chỉ số">
            {Object.entries({ cap: keep.cap, ...periodSearch(period) }).map(([k, v]) =>
              v ? <input key={k} type="hidden" name={k} value={v} /> : null,
            )}
            {scope.provinces ? null : (
              <>
                <label htmlFor="tinh">Tỉnh</label>
                <select id="tinh" name="tinh" defaultValue={tinh ?? ''}>
                  <option value="">Mọi tỉnh</option>
                  {provinces.map((p) => (
                    <option key={p.province} value={p.province}>
                      {p.displayName}
                    </option>
                  ))}
                </select>
              </>
            )}
            <KpiSelect value={q.chiso} />
            <button type="submit">Áp dụng</button>
          </form>
          <LevelTabs
            levels={NATIONAL_LEVELS.map((l) => ({ level: l, href: unitLeagueHref(period, { ...q, cap: l, tinh }) }))}
            current={q.cap}
          />
          <section className="panel" aria-labelledby="league-heading">
            <h2 id="league-heading">
              {UNIT_LEVEL_LABELS[q.cap]} · {kpiLabel}
            </h2>
            <Widget
              key={unitLeagueHref(period, { ...q, tinh })}
              title="Bảng xếp hạng đơn vị"
              fallback={<TableSkeleton rows={12} />}
            >
              <UnitLeague level={q.cap} period={period} kpi={q.chiso} kpiLabel={kpiLabel} province={tinh} names={names} />
            </Widget>
          </section>
        </>
      )}
    </main>
  );
}
