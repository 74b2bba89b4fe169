// The late-unit and late-official lists (Danh sách đơn vị / cán bộ chậm muộn).
import Link from 'next/link';
import { formatNumber, formatPercent } from '@/lib/format';
import { UNIT_LEVEL_LABELS } from '@/lib/kpi';
import { type LateHandler, type LateUnit } from '@/lib/views';

/** A row of the late-unit list: live (with the unit's path) or from a published record (without). */
type LateUnitRow = Omit<LateUnit, 'unit'> & { unit: Omit<LateUnit['unit'], 'path'> };

/** `href`: a unit's own page when the viewer may open it (the public view has none). */
export function LateUnitsTable<R extends LateUnitRow>({
  rows,
  caption,
  href,
}: {
  rows: R[];
  caption: string;
  href?: (unit: R['unit']) => string | null;
}) {
  if (rows.length === 0) return <p className="empty">Không có đơn vị nào có hồ sơ trễ hạn trong kỳ.</p>;
  return (
    <div className="table-scroll">
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              STT
            </th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Cấp</th>
            <th scope="col" className="num">
              Đã giải quyết trễ hạn
            </th>
            <th scope="col" className="num">
              Đang giải quyết quá hạn
            </th>
            <th scope="col" className="num">
              Tỷ lệ trễ hạn
            </th>
            <th scope="col" className="num">
              Đã xin lỗi
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const link = href?.(r.unit);
            return (
              <tr key={r.unit.code} data-unit={r.unit.code}>
                <td className="num">{i + 1}</td>
                <th scope="row">{link ? <Link href={link}>{r.unit.name}</Link> : r.unit.name}</th>
                <td>{UNIT_LEVEL_LABELS[r.unit.level]}</td>
                <td className="num">{formatNumber(r.resolvedLate)}</td>
                <td className="num">{formatNumber(r.pendingLate)}</td>
                <td className="num">
                  <span
                    className="tip"
                    tabIndex={0}
                    data-tip={`${formatNumber(r.lateRate.numerator)} / ${formatNumber(r.lateRate.denominator)} hồ sơ đã và đang giải quyết`}
                  >
                    {formatPercent(r.lateRate.value)}
                  </span>
                </td>
                <td className="num">
                  {formatNumber(r.apologized)} / {formatNumber(r.resolvedLate + r.pendingLate)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** `href`: where a handler's late dossiers are listed, when the viewer may see them. */
export function LateHandlersTable({
  rows,
  caption,
  href,
}: {
  rows: LateHandler[];
  caption: string;
  href?: (row: LateHandler) => string | null;
}) {
  if (rows.length === 0) return <p className="empty">Không có cán bộ nào có hồ sơ trễ hạn trong kỳ.</p>;
  return (
    // Without `href` (the public view) the table holds no link: the scroll box itself takes the keyboard's focus.
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              STT
            </th>
            <th scope="col">Cán bộ xử lý</th>
            <th scope="col">Đơn vị</th>
            <th scope="col" className="num">
              Đã giải quyết trễ hạn
            </th>
            <th scope="col" className="num">
              Đang giải quyết quá hạn
            </th>
            <th scope="col" className="num">
              Đã xin lỗi
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const link = href?.(r);
            return (
              <tr key={`${r.handler}|${r.unit.code}`}>
                <td className="num">{i + 1}</td>
                <th scope="row">{link ? <Link href={link}>{r.handler}</Link> : r.handler}</th>
                <td>{r.unit.name}</td>
                <td className="num">{formatNumber(r.resolvedLate)}</td>
                <td className="num">{formatNumber(r.pendingLate)}</td>
                <td className="num">
                  {formatNumber(r.apologized)} / {formatNumber(r.resolvedLate + r.pendingLate)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
