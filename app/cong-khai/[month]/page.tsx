// A published month, for everyone: its frozen record (SPEC §7) — the province's results against the targets, the league
// tables of each level by the 766 score, the units (and, when the province chose so, the officials) with late dossiers.
// Never recomputed: dossiers imported later change the dashboard, not this page. `?phienban=N` shows an earlier
// version. A month not published (or withdrawn) is "not found" (nothing leaks). Rendered once per state of the
// publications for everyone not signed in: the web server sends the copy (lib/http/page-cache.ts).
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { LateHandlersTable, LateUnitsTable } from '@/components/late/late-tables';
import { OverallResults, RecordChanges, VersionLinks } from '@/components/public/published-record';
import { PublishedMonths } from '@/components/public/published-months';
import { LeagueTable } from '@/components/rankings/league-table';
import { formatDate, formatDateTime, formatMonth } from '@/lib/format';
import { diffRecords } from '@/lib/publication';
import { pageGate } from '@/lib/server/access';
import { getPublication, listPublishedMonths, publicationsState } from '@/lib/server/queries/published';
import { registerPublicPages } from '@/lib/http/page-cache';
import { NotFoundError } from '@/lib/server/errors';

export const metadata: Metadata = { title: 'Công khai kết quả giải quyết TTHC' };

export default async function PublishedMonthPage({ params, searchParams }: PageProps<'/cong-khai/[month]'>) {
  await connection();
  // From now on the web server keeps an anonymous reader's copy of each version shown (scripts/serve.ts).
  registerPublicPages({ state: publicationsState });
  const { month } = await params;
  const { phienban } = await searchParams;
  const asked = typeof phienban === 'string' && /^\d{1,6}$/.test(phienban) ? Number(phienban) : null;
  if (phienban !== undefined && asked === null) notFound();
  const scope = await pageGate('published', { month, version: asked }, `/cong-khai/${month}`).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const { version, latest } = scope.published!;
  const [publication, months] = await Promise.all([getPublication(month, version), listPublishedMonths()]);
  if (!publication) notFound();
  const { record, previous, versions } = publication;
  const first = versions[0]!;
  const since = versions[versions.findIndex((v) => v.version === version) - 1]?.version;
  const notice = `/api/v1/published/${month}/notice.docx${version === latest ? '' : `?version=${version}`}`;
  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Kết quả giải quyết TTHC {formatMonth(month)}</h1>
          <p>
            {record.overall.map((o) => o.unit.name).join(', ')} · công bố ngày {formatDate(first.publishedAt)}
            {version > 1 ? <> · đã điều chỉnh ngày {formatDate(record.publishedAt)}</> : null}
          </p>
          {version !== latest ? (
            <p role="note">
              Đây là phiên bản {version} (công bố lúc {formatDateTime(record.publishedAt)}), đã được thay thế.{' '}
              <a href={`/cong-khai/${month}`}>Xem phiên bản mới nhất</a>.
            </p>
          ) : null}
        </div>
        <p className="no-print">
          <a className="button" href={notice} download>
            Tải thông báo (DOCX)
          </a>
        </p>
      </div>
      <div className="no-print">
        <PublishedMonths months={months.map((m) => m.month)} current={month} />
        <VersionLinks month={month} versions={versions} current={version} />
      </div>
      {previous && since !== undefined ? <RecordChanges diff={diffRecords(previous, record)} since={since} /> : null}
      <section className="panel" aria-labelledby="overall">
        <h2 id="overall">Kết quả chung của tỉnh</h2>
        {record.overall.map((o) => (
          <OverallResults key={o.unit.code} overall={o} />
        ))}
      </section>
      {record.tables.map((t) => (
        <section key={`${t.parent.code}-${t.level}`} className="panel" aria-labelledby={`rank-${t.parent.code}-${t.level}`}>
          <h2 id={`rank-${t.parent.code}-${t.level}`}>
            Xếp hạng {t.levelLabel}
            {record.overall.length > 1 ? ` (${t.parent.name})` : ''}
          </h2>
          {t.rows.length === 0 ? (
            <p className="empty">Không có đơn vị cấp này.</p>
          ) : (
            <LeagueTable
              // The table shows the score: every KPI of every row would only weigh on the page sent to the browser.
              rows={t.rows.map(({ kpis: _kpis, ...row }) => row)}
              kpi="score"
              minSample={t.minSample}
              caption={`${t.levelLabel} xếp theo điểm ước tính Quyết định 766; thay đổi so với tháng trước`}
            />
          )}
        </section>
      ))}
      <section className="panel" aria-labelledby="late-units">
        <h2 id="late-units">Danh sách đơn vị có hồ sơ trễ hạn</h2>
        <LateUnitsTable
          rows={record.lateUnits}
          caption="Đơn vị có hồ sơ giải quyết trễ hạn hoặc đang quá hạn trong tháng, nhiều nhất trước; số hồ sơ đã có văn bản xin lỗi"
        />
      </section>
      {record.lateHandlers ? (
        <section className="panel" aria-labelledby="late-handlers">
          <h2 id="late-handlers">Danh sách cán bộ có hồ sơ trễ hạn</h2>
          <LateHandlersTable rows={record.lateHandlers} caption="Cán bộ có hồ sơ trễ hạn trong tháng (tối đa 200 dòng)" />
        </section>
      ) : null}
      <p className="muted small">
        Số liệu tính đến {formatDateTime(record.asOf)} theo các đơn vị tại thời điểm đó; công bố lúc{' '}
        {formatDateTime(record.publishedAt)}.
      </p>
    </main>
  );
}
