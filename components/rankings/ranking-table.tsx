// A league table: rank, change of rank since the previous period (▲▼ with words for screen readers), unit and value.
import { NO_VALUE, formatNumber, formatPercent } from '@/lib/format';
import type { Rankings } from '@/lib/server/queries/report';

function RankChange({ change }: { change: number | null }) {
  if (change === null) return <span className="muted" title="Không xếp hạng ở kỳ trước">—</span>;
  if (change === 0) return <span className="muted" aria-label="Giữ nguyên hạng">=</span>;
  return change > 0
    ? <span className="up" aria-label={`Tăng ${change} bậc`}>▲ {change}</span>
    : <span className="down" aria-label={`Giảm ${-change} bậc`}>▼ {-change}</span>;
}

const formatScore = (v: number | null) => (v === null ? NO_VALUE : v.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

export function RankingTable({ rankings, caption }: { rankings: Rankings; caption: string }) {
  const isScore = rankings.kpi === 'score';
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">Hạng</th>
          <th scope="col">Thay đổi</th>
          <th scope="col">Đơn vị</th>
          <th scope="col" className="num">{isScore ? 'Điểm (766)' : 'Giá trị'}</th>
          <th scope="col" className="num">Số hồ sơ</th>
        </tr>
      </thead>
      <tbody>
        {rankings.rows.map((r) => (
          <tr key={r.unit.code}>
            <td className="num">{r.rank ?? <span title={`Dưới ${rankings.minSample} hồ sơ: không xếp hạng`}>—</span>}</td>
            <td><RankChange change={r.rankChange} /></td>
            <th scope="row">{r.unit.name}</th>
            <td className="num" title={r.value === null ? 'Chưa có hồ sơ trong kỳ'
              : r.numerator !== null ? `${formatNumber(r.numerator)} / ${formatNumber(r.denominator ?? 0)}` : undefined}>
              {isScore ? formatScore(r.value) : formatPercent(r.value)}
            </td>
            <td className="num">{formatNumber(r.sample)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
