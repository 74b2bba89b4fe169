// Parts of a published month's page drawn from its frozen record: the province's results against the targets, the
// versions of the month, and what changed since the version before (SPEC §7).
import Link from 'next/link';
import { NO_VALUE, formatDate, formatNumber, formatPercent, formatPoints } from '@/lib/format';
import { KPI_LABELS } from '@/lib/kpi';
import { isEmptyDiff, type PublishedOverall, type RecordDiff } from '@/lib/publication';
import { NOTICE_KPIS } from '@/lib/publication/notice';

export function OverallResults({ overall }: { overall: PublishedOverall }) {
  const c = overall.counts;
  return (
    <>
      <p>
        {overall.unit.name}: tiếp nhận {formatNumber(c.received)} hồ sơ; đã giải quyết {formatNumber(c.resolved.total)} (trễ hạn{' '}
        {formatNumber(c.resolved.late)}); đang giải quyết {formatNumber(c.pending.total)} (quá hạn {formatNumber(c.pending.late)}
        ).
      </p>
      <div className="table-scroll" role="region" aria-label={`Kết quả của ${overall.unit.name} so với chỉ tiêu`} tabIndex={0}>
        <table className="data">
          <caption>Kết quả của tỉnh so với chỉ tiêu</caption>
          <thead>
            <tr>
              <th scope="col">Chỉ tiêu</th>
              <th scope="col" className="num">
                Kết quả
              </th>
              <th scope="col" className="num">
                Số hồ sơ (đạt / tổng)
              </th>
              <th scope="col" className="num">
                Chỉ tiêu giao
              </th>
              <th scope="col">Đánh giá</th>
            </tr>
          </thead>
          <tbody>
            {NOTICE_KPIS.map((k) => {
              const v = overall.kpis[k];
              return (
                <tr key={k}>
                  <th scope="row">{KPI_LABELS[k]}</th>
                  <td className="num">{formatPercent(v.value)}</td>
                  <td className="num">
                    {formatNumber(v.numerator)} / {formatNumber(v.denominator)}
                  </td>
                  <td className="num">{v.target === null ? NO_VALUE : `≥ ${formatPercent(v.target)}`}</td>
                  <td>{v.met === null ? NO_VALUE : v.met ? '✓ Đạt' : '✗ Chưa đạt'}</td>
                </tr>
              );
            })}
            <tr>
              <th scope="row">Điểm ước tính theo Quyết định 766</th>
              <td className="num">{formatPoints(overall.score.value)}</td>
              <td className="num">{NO_VALUE}</td>
              <td className="num">{overall.score.target === null ? NO_VALUE : `≥ ${formatPoints(overall.score.target)}`}</td>
              <td>{overall.score.met === null ? NO_VALUE : overall.score.met ? '✓ Đạt' : '✗ Chưa đạt'}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Links to each version of the month (`?phienban=N`), the one shown marked. */
export function VersionLinks({
  month,
  versions,
  current,
}: {
  month: string;
  versions: Array<{ version: number; publishedAt: Date }>;
  current: number;
}) {
  if (versions.length < 2) return null;
  return (
    <nav aria-label="Các phiên bản của tháng" className="no-print">
      <ul className="month-list">
        {versions.map((v) => (
          <li key={v.version}>
            {v.version === current ? (
              <strong aria-current="page">
                Phiên bản {v.version} ({formatDate(v.publishedAt)})
              </strong>
            ) : (
              <Link href={`/cong-khai/${month}?phienban=${v.version}`}>
                Phiên bản {v.version} ({formatDate(v.publishedAt)})
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

const rankText = (r: { rank: number | null; value: number | null } | null) =>
  r === null ? 'không có' : `hạng ${r.rank ?? NO_VALUE}, ${formatPoints(r.value)} điểm`;

export function RecordChanges({ diff, since }: { diff: RecordDiff; since: number }) {
  return (
    <section className="panel" aria-labelledby="changes">
      <h2 id="changes">Thay đổi so với phiên bản {since}</h2>
      {isEmptyDiff(diff) ? (
        <p className="empty">Không có đơn vị nào thay đổi hạng, điểm hay danh sách trễ hạn.</p>
      ) : (
        <ul>
          {diff.ranking.map((d) => (
            <li key={`${d.table}|${d.unit.code}`} data-unit={d.unit.code}>
              {d.unit.name} ({d.table}): {rankText(d.before)} → {rankText(d.after)}
            </li>
          ))}
          {diff.lateAdded.map((u) => (
            <li key={`+${u.code}`} data-unit={u.code}>
              {u.name}: thêm vào danh sách đơn vị có hồ sơ trễ hạn
            </li>
          ))}
          {diff.lateRemoved.map((u) => (
            <li key={`-${u.code}`} data-unit={u.code}>
              {u.name}: ra khỏi danh sách đơn vị có hồ sơ trễ hạn
            </li>
          ))}
          {diff.lateChanged.map((u) => (
            <li key={`~${u.code}`} data-unit={u.code}>
              {u.name}: số hồ sơ trễ hạn {formatNumber(u.before)} → {formatNumber(u.after)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
