// Bảng xếp hạng: the units of one level inside a parent (the province, or a district to drill into its communes),
// ranked by the 766 score or one KPI, for a preset or custom period, optionally one field. Aggregates: every
// signed-in role. Every choice lives in the URL, so a view can be bookmarked and sent on.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { z } from 'zod';
import { KpiSelect } from '@/components/rankings/kpi-select';
import { LeagueTable, type LeagueRow } from '@/components/rankings/league-table';
import { InvalidPeriod, PeriodFilter, periodHref, periodParam, periodSearch } from '@/components/period/period-filter';
import { TableSkeleton } from '@/components/ui/skeletons';
import { Widget } from '@/components/ui/widget';
import { RootSwitch } from '@/components/unit/root-switch';
import { formatDateTime, formatLocalDay, formatPeriod, formatPeriodSpan, formatPreviousPeriod } from '@/lib/format';
import { UNIT_LEVEL_LABELS, type NamedPeriod, type UnitLevel } from '@/lib/kpi';
import { pageGate, unitPageHref, type Scope } from '@/lib/server/access';
import {
  countChildren,
  findRootUnit,
  findUnit,
  listLevelsUnder,
  listRootUnits,
  listUnitsUnder,
  unitDay,
} from '@/lib/server/queries/units';
import { listFields } from '@/lib/server/queries/catalog';
import { getRankings } from '@/lib/server/queries/report';
import { rankingKeyParam, rankingLabel, type RankingKey, type UnitRef } from '@/lib/views';
import { NotFoundError } from '@/lib/server/errors';
import { requestNow } from '@/lib/server/request-cache';

export const metadata: Metadata = { title: 'Bảng xếp hạng' };

const paramsSchema = z.object({
  cap: z.enum(['so_nganh', 'huyen', 'xa']).optional().catch(undefined),
  chiso: rankingKeyParam,
  linhvuc: z.string().trim().max(64).optional().catch(undefined),
  cha: z.string().trim().max(64).optional().catch(undefined),
});
type Params = Record<string, string | string[] | undefined>;

function rankingsHref(q: {
  cha?: string | null;
  cap?: string | null;
  chiso?: string;
  linhvuc?: string | null;
  period: NamedPeriod;
}) {
  return periodHref('/rankings', q.period, {
    cha: q.cha,
    cap: q.cap,
    chiso: q.chiso === 'score' ? null : q.chiso,
    linhvuc: q.linhvuc,
  });
}

export default async function RankingsPage({ searchParams }: PageProps<'/rankings'>) {
  await connection();
  const raw = (await searchParams) as Params;
  const param = periodParam(raw, requestNow());
  const { period } = param;
  const q = paramsSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const scope = await pageGate('aggregates', {}, rankingsHref({ ...q, period }));

  // The units of the view (SPEC §6): today's, or those in force at the period's end.
  const day = unitDay(period.view ?? 'current', period);
  const [parent, fields, roots] = await Promise.all([
    q.cha ? findUnit(q.cha, day) : findRootUnit(day),
    listFields(),
    listRootUnits(day),
  ]);
  if (!parent) {
    if (q.cha) notFound();
    return (
      <main className="page">
        <p className="empty">Chưa có dữ liệu đơn vị. Hãy nạp danh mục đơn vị (xem README).</p>
      </main>
    );
  }
  const levels = (await listLevelsUnder(parent, day)).filter((l): l is Exclude<UnitLevel, 'tinh'> => l !== 'tinh');
  const level = q.cap && levels.includes(q.cap) ? q.cap : levels[0];
  const field = q.linhvuc ? (fields.find((f) => f.code === q.linhvuc) ?? null) : null;
  const base = { cha: q.cha, cap: level, chiso: q.chiso, linhvuc: field?.code, period };
  const kpiLabel = rankingLabel(q.chiso);

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Bảng xếp hạng</h1>
          <p>
            {q.cha ? (
              <>
                <Link href={rankingsHref({ ...base, cha: null, cap: 'huyen' })}>Toàn tỉnh</Link> ›{' '}
              </>
            ) : null}
            {parent.name} · {formatPeriodSpan(period)}
          </p>
        </div>
        <PeriodFilter
          now={requestNow()}
          period={period}
          action="/rankings"
          keep={{ cha: q.cha, cap: level, chiso: q.chiso, linhvuc: field?.code }}
        />
      </div>
      <InvalidPeriod param={param} />
      {roots.some((r) => r.code === parent.code) ? (
        <RootSwitch
          roots={roots.map((r) => ({
            code: r.code,
            name: r.name,
            href: rankingsHref({ ...base, cha: r.code, cap: level }),
            current: r.code === parent.code,
          }))}
        />
      ) : null}
      {q.linhvuc && !field ? (
        <p className="error-box" role="alert">
          Không có lĩnh vực mã “{q.linhvuc}”; đang xếp hạng mọi lĩnh vực.
        </p>
      ) : null}

      <form className="filters no-print" method="get" action="/rankings" aria-label="Chỉ số và lĩnh vực">
        {Object.entries({ cha: q.cha, cap: level, ...periodSearch(period) }).map(([k, v]) =>
          v ? <input key={k} type="hidden" name={k} value={v} /> : null,
        )}
        <KpiSelect value={q.chiso} />
        <label htmlFor="linhvuc">Lĩnh vực</label>
        <select id="linhvuc" name="linhvuc" defaultValue={field?.code ?? ''}>
          <option value="">Tất cả lĩnh vực</option>
          {fields.map((f) => (
            <option key={f.code} value={f.code}>
              {f.name}
            </option>
          ))}
        </select>
        <button type="submit">Áp dụng</button>
      </form>

      {level === undefined ? (
        <p className="empty">{parent.name} không có đơn vị cấp dưới để xếp hạng.</p>
      ) : (
        <>
          <nav aria-label="Cấp đơn vị" className="no-print">
            <ul className="tabs">
              {levels.map((l) => (
                <li key={l}>
                  <Link href={rankingsHref({ ...base, cap: l })} aria-current={l === level ? 'page' : undefined}>
                    {UNIT_LEVEL_LABELS[l]}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <section className="panel" aria-labelledby="league-heading">
            <h2 id="league-heading">
              {UNIT_LEVEL_LABELS[level]} · {kpiLabel}
              {field ? ` · ${field.name}` : ''}
            </h2>
            <Widget key={rankingsHref(base)} title="Bảng xếp hạng" fallback={<TableSkeleton rows={12} />}>
              <League
                parent={parent}
                level={level}
                kpi={q.chiso}
                fieldCode={field?.code ?? null}
                period={period}
                scope={scope}
                kpiLabel={kpiLabel}
                base={base}
              />
            </Widget>
          </section>
        </>
      )}
    </main>
  );
}

async function League({
  parent,
  level,
  kpi,
  fieldCode,
  period,
  scope,
  kpiLabel,
  base,
}: {
  parent: UnitRef;
  level: UnitLevel;
  kpi: RankingKey;
  fieldCode: string | null;
  period: NamedPeriod;
  scope: Scope;
  kpiLabel: string;
  base: Parameters<typeof rankingsHref>[0];
}) {
  const [rankings, units] = await Promise.all([
    getRankings(parent.code, level, period, { kpi, fieldCode, view: period.view }).catch((e: unknown) => {
      if (e instanceof NotFoundError) notFound();
      throw e;
    }),
    listUnitsUnder(parent, level, unitDay(period.view ?? 'current', period)),
  ]);
  if (rankings.rows.length === 0) return <p className="empty">Không có đơn vị cấp này.</p>;
  const children =
    level === 'huyen' ? await countChildren(units, 'xa', unitDay(period.view ?? 'current', period)) : new Map<string, number>();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const href = unitPageHref(scope, periodSearch(period));
  const rows: LeagueRow[] = rankings.rows.map((r) => ({
    ...r,
    href: href(byCode.get(r.unit.code)!),
    drill:
      (children.get(r.unit.code) ?? 0) > 0
        ? { href: rankingsHref({ ...base, cha: r.unit.code, cap: 'xa' }), label: `${children.get(r.unit.code)} xã` }
        : null,
  }));
  const ranked = rows.filter((r) => r.rank !== null).length;
  return (
    <>
      {ranked === 0 ? (
        <p className="empty">Chưa có hồ sơ trong kỳ: chưa đơn vị nào đủ {rankings.minSample} hồ sơ để xếp hạng.</p>
      ) : null}
      <LeagueTable
        rows={rows}
        kpi={kpi}
        minSample={rankings.minSample}
        caption={`${kpiLabel}, ${formatPeriod(period)}; thay đổi hạng ${formatPreviousPeriod(period)} (${formatLocalDay(rankings.previousPeriod.from)} – ${formatLocalDay(rankings.previousPeriod.to)}); số liệu tại ${formatDateTime(rankings.asOf)}. Đơn vị dưới ${rankings.minSample} hồ sơ không xếp hạng.`}
      />
    </>
  );
}
