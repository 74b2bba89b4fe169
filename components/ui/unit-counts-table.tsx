// Units (the children of the unit on screen) with their counts for the period.
import Link from 'next/link';
import { NO_VALUE, formatNumber, formatPercent } from '@/lib/format';
import type { UnitLevel } from '@/lib/kpi';

export interface UnitCountsRow {
  code: string;
  name: string;
  path: string;
  level: UnitLevel;
  received: number;
  resolved: number;
  resolvedOnTime: number;
  pending: number;
  pendingLate: number;
  onTime: { numerator: number; denominator: number; value: number | null };
}

const LEVEL_TITLES: Record<UnitCountsRow['level'], string> = {
  tinh: 'Cấp tỉnh',
  so_nganh: 'Sở, ban, ngành',
  huyen: 'Huyện, thành phố',
  xa: 'Xã, phường, thị trấn',
};

export function UnitCountsTable({
  rows,
  caption,
  href,
}: {
  rows: UnitCountsRow[];
  caption: string;
  /** The link of a unit's own page, when the viewer may open it. */
  href?: (unit: { code: string; path: string }) => string | null;
}) {
  const groups = (Object.keys(LEVEL_TITLES) as Array<UnitCountsRow['level']>)
    .map((level) => ({ level, rows: rows.filter((r) => r.level === level) }))
    .filter((g) => g.rows.length > 0);
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Đơn vị</th>
          <th scope="col" className="num">
            Tiếp nhận
          </th>
          <th scope="col" className="num">
            Đã giải quyết
          </th>
          <th scope="col" className="num">
            Đúng hạn, trước hạn
          </th>
          <th scope="col" className="num">
            Đang giải quyết
          </th>
          <th scope="col" className="num">
            Quá hạn
          </th>
          <th scope="col" className="num">
            Tỷ lệ đúng hạn (766)
          </th>
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.level}>
          <tr className="group">
            <th scope="rowgroup" colSpan={7}>
              {LEVEL_TITLES[g.level]} ({g.rows.length})
            </th>
          </tr>
          {g.rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">{href?.(r) ? <Link href={href(r)!}>{r.name}</Link> : r.name}</th>
              <td className="num">{formatNumber(r.received)}</td>
              <td className="num">{formatNumber(r.resolved)}</td>
              <td className="num">{formatNumber(r.resolvedOnTime)}</td>
              <td className="num">{formatNumber(r.pending)}</td>
              <td className="num">{formatNumber(r.pendingLate)}</td>
              <td
                className="num"
                title={
                  r.onTime.value === null
                    ? 'Chưa có hồ sơ trong kỳ'
                    : `${formatNumber(r.onTime.numerator)} / ${formatNumber(r.onTime.denominator)} hồ sơ`
                }
              >
                {r.onTime.value === null ? NO_VALUE : formatPercent(r.onTime.value)}
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
