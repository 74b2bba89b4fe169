// A published month, for everyone: league tables by the 766 score of each level, the units with late dossiers and,
// when the province chose so, the officials. A month that is not published is "not found" (nothing leaks).
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { LateHandlersTable, LateUnitsTable } from '@/components/late/late-tables';
import { PublishedMonths } from '@/components/public/published-months';
import { LeagueTable } from '@/components/rankings/league-table';
import { TableSkeleton } from '@/components/ui/skeletons';
import { Widget } from '@/components/ui/widget';
import { monthRange } from '@/lib/calendar';
import { formatDate, formatMonth } from '@/lib/format';
import { UNIT_LEVEL_LABELS, type Period, type UnitLevel } from '@/lib/kpi';
import { pageGate } from '@/lib/server/access';
import { findRootUnit } from '@/lib/server/queries/units';
import { listLateHandlers, listLateUnits } from '@/lib/server/queries/late';
import { listPublishedMonths } from '@/lib/server/queries/published';
import { getRankings } from '@/lib/server/queries/report';
import { type UnitRef } from '@/lib/views';
import { NotFoundError } from '@/lib/server/errors';

export const metadata: Metadata = { title: 'Công khai kết quả giải quyết TTHC' };

const LEVELS = (['so_nganh', 'huyen', 'xa'] as const).map((level) => ({ level, title: UNIT_LEVEL_LABELS[level] }));

export default async function PublishedMonthPage({ params }: PageProps<'/cong-khai/[month]'>) {
  await connection();
  const { month } = await params;
  const scope = await pageGate('published', { month }, `/cong-khai/${month}`).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const [root, months] = await Promise.all([findRootUnit(), listPublishedMonths()]);
  if (!root) notFound();
  const period = monthRange(`${month}-01`);
  const published = months.find((m) => m.month === month)!;
  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Kết quả giải quyết TTHC {formatMonth(month)}</h1>
          <p>
            {root.name} · công bố ngày {formatDate(published.publishedAt)}
          </p>
        </div>
      </div>
      <PublishedMonths months={months.map((m) => m.month)} current={month} />
      {LEVELS.map(({ level, title }) => (
        <section key={level} className="panel" aria-labelledby={`rank-${level}`}>
          <h2 id={`rank-${level}`}>Xếp hạng {title}</h2>
          <Widget title="Bảng số liệu" fallback={<TableSkeleton />}>
            <PublicRanking root={root} level={level} period={period} title={title} />
          </Widget>
        </section>
      ))}
      <section className="panel" aria-labelledby="late-units">
        <h2 id="late-units">Danh sách đơn vị có hồ sơ trễ hạn</h2>
        <Widget title="Bảng số liệu" fallback={<TableSkeleton />}>
          <PublicLateUnits root={root} period={period} />
        </Widget>
      </section>
      {scope.published?.showHandlers ? (
        <section className="panel" aria-labelledby="late-handlers">
          <h2 id="late-handlers">Danh sách cán bộ có hồ sơ trễ hạn</h2>
          <Widget title="Bảng số liệu" fallback={<TableSkeleton />}>
            <PublicLateHandlers root={root} period={period} />
          </Widget>
        </section>
      ) : null}
    </main>
  );
}

async function PublicRanking({ root, level, period, title }: { root: UnitRef; level: UnitLevel; period: Period; title: string }) {
  const rankings = await getRankings(root.code, level, period, { kpi: 'score' });
  if (rankings.rows.length === 0) return <p className="empty">Không có đơn vị cấp này.</p>;
  return (
    <LeagueTable
      rows={rankings.rows}
      kpi={rankings.kpi}
      minSample={rankings.minSample}
      caption={`${title} xếp theo điểm ước tính Quyết định 766; thay đổi so với tháng trước`}
    />
  );
}

async function PublicLateUnits({ root, period }: { root: UnitRef; period: Period }) {
  const rows = await listLateUnits(root, ['so_nganh', 'huyen', 'xa'], period);
  return (
    <LateUnitsTable rows={rows} caption="Đơn vị có hồ sơ giải quyết trễ hạn hoặc đang quá hạn trong tháng, nhiều nhất trước" />
  );
}

async function PublicLateHandlers({ root, period }: { root: UnitRef; period: Period }) {
  const rows = await listLateHandlers('/', root.code, period);
  return <LateHandlersTable rows={rows} caption="Cán bộ có hồ sơ trễ hạn trong tháng (tối đa 200 dòng)" />;
}
