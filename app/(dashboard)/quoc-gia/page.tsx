// Xếp hạng các tỉnh (a national instance, issue 20): the federated provinces ranked by the 766 score or one KPI for a
// period, in either view of the units (SPEC §6), with how current each province's figures are. A province's staff are
// sent to their own province's page. Not on a province instance (404: the gate).
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { z } from 'zod';
import { FreshnessTable } from '@/components/national/freshness';
import { InvalidPeriod, PeriodFilter, periodParam, periodSearch } from '@/components/period/period-filter';
import { TableSkeleton } from '@/components/ui/skeletons';
import { Widget } from '@/components/ui/widget';
import { formatDateTime, formatPeriodSpan } from '@/lib/format';
import { KpiSelect } from '@/components/rankings/kpi-select';
import { rankingKeyParam, rankingLabel } from '@/lib/views';
import { pageGate } from '@/lib/server/access';
import { listFederatedProvinces } from '@/lib/server/queries/national';
import { requestNow } from '@/lib/server/request-cache';
import { ProvinceLeague } from './league';
import { provinceHref, provinceLeagueHref } from './links';

export const metadata: Metadata = { title: 'Xếp hạng các tỉnh' };

const paramsSchema = z.object({
  chiso: rankingKeyParam,
});

export default async function ProvinceLeaguePage({ searchParams }: PageProps<'/quoc-gia'>) {
  await connection();
  const raw = await searchParams;
  const param = periodParam(raw, requestNow());
  const { period } = param;
  const q = paramsSchema.parse({ chiso: typeof raw.chiso === 'string' ? raw.chiso : undefined });
  const scope = await pageGate('national', {}, provinceLeagueHref(period, q.chiso));
  if (scope.provinces) redirect(provinceHref(scope.provinces, period));

  const now = requestNow();
  const provinces = await listFederatedProvinces(now);
  const kpiLabel = rankingLabel(q.chiso);
  const stale = provinces.filter((p) => !p.live);

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Xếp hạng các tỉnh</h1>
          <p>Toàn quốc · {formatPeriodSpan(period)}</p>
        </div>
        <PeriodFilter now={now} period={period} action="/quoc-gia" keep={{ chiso: q.chiso === 'score' ? null : q.chiso }} />
      </div>
      <InvalidPeriod param={param} />
      {provinces.length === 0 ? (
        <p className="empty">
          Chưa có tỉnh nào được kết nối. Quản trị viên thêm tỉnh bằng lệnh <code>npm run federation -- add</code> (xem README, mục
          “A national instance”).
        </p>
      ) : (
        <>
          {stale.length > 0 ? (
            <div className="error-box" role="status">
              <p>
                <strong>⚠ Có {stale.length} tỉnh mất kết nối:</strong> bảng dưới đây dùng số liệu cuối cùng nhận được của tỉnh đó.
              </p>
              <ul>
                {stale.map((p) => (
                  <li key={p.province}>
                    {p.displayName}: {p.asOf ? `mất kết nối từ ${formatDateTime(p.asOf)}` : 'chưa sao chép xong số liệu ban đầu'}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <form className="filters no-print" method="get" action="/quoc-gia" aria-label="Chỉ số xếp hạng">
            {Object.entries(periodSearch(period)).map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            <KpiSelect value={q.chiso} />
            <button type="submit">Áp dụng</button>
          </form>
          <section className="panel" aria-labelledby="league-heading">
            <h2 id="league-heading">Các tỉnh · {kpiLabel}</h2>
            <Widget
              key={provinceLeagueHref(period, q.chiso)}
              title="Bảng xếp hạng các tỉnh"
              fallback={<TableSkeleton rows={6} />}
            >
              <ProvinceLeague period={period} kpi={q.chiso} kpiLabel={kpiLabel} />
            </Widget>
          </section>
          <section className="panel" aria-labelledby="freshness-heading">
            <h2 id="freshness-heading">Độ cập nhật số liệu</h2>
            <FreshnessTable
              now={now}
              provinces={provinces.map((p) => ({
                province: p.province,
                name: p.displayName,
                href: provinceHref(p.province, period),
                live: p.live,
                asOf: p.asOf,
              }))}
            />
          </section>
        </>
      )}
    </main>
  );
}
